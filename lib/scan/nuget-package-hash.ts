import { createHash, timingSafeEqual } from "node:crypto";
import type { SignatureVerification } from "./types";

// NuGet's package hash (NuGet package signature spec, "Package Signatures Technical Details"):
// the author or repository signature signs a short text naming a hash of the package as it was
// before `.signature.p7s` was added. The hash is computed over the signed ZIP with that entry
// taken out: every other local entry (header, data, descriptor) in file order, every other
// central directory header with its local-header offset moved as if the signature entry were
// gone, and the end-of-central-directory record with one entry fewer and the central directory's
// size and offset reduced by what the signature entry took. For a package whose signature is its
// last entry, as `nuget sign` writes it, that is the SHA-2 of the unsigned package's bytes.
//
// The archive has already been read by yauzl (zip-signatures.ts); this walks only the central
// directory again, with every length checked against the buffer, to learn where records start.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_FIXED = 46;
const LOCAL_FIXED = 30;
const SIGNATURE_NAME = ".signature.p7s";
const MAX_RECORDS = 100_000;

/** The hash algorithms NuGet allows in the signed content, by OID. */
const NUGET_HASHES: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

class PackageHashError extends Error {}

/** `Version:1`, a blank line, `<hash OID>-Hash:<base64>`, a blank line (CRLF as NuGet writes it). */
export function parseSignatureContent(content: Uint8Array): { oid: string; hash: Uint8Array } | { problem: string } {
  const sections = new TextDecoder("utf-8", { fatal: false })
    .decode(content)
    .split(/\r?\n\r?\n/)
    .map((section) =>
      section
        .split(/\r?\n/)
        .filter((line) => line.length > 0)
        .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1)] as const),
    );
  const header = new Map(sections[0] ?? []);
  if (header.get("Version") !== "1")
    return { problem: `the signed content's version is ${JSON.stringify(header.get("Version") ?? null)}, not 1` };
  for (const [key, value] of sections[1] ?? []) {
    const oid = key.endsWith("-Hash") ? key.slice(0, -"-Hash".length) : null;
    if (!oid) continue;
    if (!NUGET_HASHES[oid]) return { problem: `the package hash uses ${oid}, which NuGet does not allow` };
    const hash = Buffer.from(value.trim(), "base64");
    if (hash.length !== createHash(NUGET_HASHES[oid]).digest().length)
      return { problem: `the package hash for ${oid} is not a ${NUGET_HASHES[oid]} value` };
    return { oid, hash: new Uint8Array(hash) };
  }
  return { problem: "the signed content names no package hash" };
}

/** Compares the package's hash with the one the signed content names. */
export function checkPackageHash(zip: Uint8Array, content: Uint8Array | null): SignatureVerification {
  if (!content) return { status: "failed", reason: "the NuGet signature carries no signed content" };
  const named = parseSignatureContent(content);
  if ("problem" in named) return { status: "failed", reason: named.problem };
  let actual: Uint8Array;
  try {
    actual = packageHash(zip, NUGET_HASHES[named.oid]);
  } catch (e) {
    if (e instanceof PackageHashError) return { status: "failed", reason: e.message };
    throw e;
  }
  return timingSafeEqual(actual, named.hash)
    ? { status: "verified" }
    : {
        status: "failed",
        reason: `the package's ${NUGET_HASHES[named.oid].toUpperCase()} differs from the hash its signature names (the package was changed after signing)`,
      };
}

interface CentralRecord {
  position: number;
  size: number;
  localOffset: number;
  isSignature: boolean;
  flags: number;
  method: number;
}

/** The package hash as NuGet computes it, over `zip` without its `.signature.p7s` entry. */
export function packageHash(zip: Uint8Array, hashName: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEndOfCentralDirectory(zip, view);
  const records = readCentralDirectory(zip, view, eocd);
  const signature = records.filter((r) => r.isSignature);
  if (signature.length !== 1)
    throw new PackageHashError(`the package has ${signature.length} ${SIGNATURE_NAME} entries, not one`);
  const [sig] = signature;
  if (sig.flags !== 0 || sig.method !== 0)
    throw new PackageHashError(`${SIGNATURE_NAME} must be stored uncompressed with no general purpose flags`);

  const centralStart = eocd.centralOffset;
  const byOffset = [...records].sort((a, b) => a.localOffset - b.localOffset);
  const entrySize = new Map<CentralRecord, number>();
  byOffset.forEach((r, i) => {
    const end = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : centralStart;
    if (end < r.localOffset + LOCAL_FIXED || view.getUint32(r.localOffset, true) !== LOCAL_SIGNATURE)
      throw new PackageHashError(`the local header at offset ${r.localOffset} is missing or overlaps the next`);
    entrySize.set(r, end - r.localOffset);
  });
  const kept = byOffset.filter((r) => !r.isSignature);
  // where each kept entry would start with the signature entry gone (packed from 0, as NuGet does)
  const movedOffset = new Map<CentralRecord, number>();
  let next = 0;
  for (const r of kept) {
    movedOffset.set(r, next);
    next += entrySize.get(r)!;
  }

  const hash = createHash(hashName);
  hash.update(zip.subarray(0, byOffset[0].localOffset));
  for (const r of kept) hash.update(zip.subarray(r.localOffset, r.localOffset + entrySize.get(r)!));
  for (const r of records) {
    if (r.isSignature) continue;
    hash.update(zip.subarray(r.position, r.position + 42));
    hash.update(uint32(movedOffset.get(r)!));
    hash.update(zip.subarray(r.position + CENTRAL_FIXED, r.position + r.size));
  }
  const last = records[records.length - 1];
  const eocdAt = last.position + last.size;
  if (eocdAt !== eocd.position)
    throw new PackageHashError("bytes between the central directory and its end record (ZIP64 is not supported)");
  hash.update(zip.subarray(eocdAt, eocdAt + 8));
  hash.update(uint16(eocd.entriesOnDisk - 1));
  hash.update(uint16(eocd.entries - 1));
  hash.update(uint32(eocd.centralSize - sig.size));
  hash.update(uint32(eocd.centralOffset - entrySize.get(sig)!));
  hash.update(zip.subarray(eocdAt + 20));
  return new Uint8Array(hash.digest());
}

function findEndOfCentralDirectory(zip: Uint8Array, view: DataView) {
  const lowest = Math.max(0, zip.length - EOCD_SIZE - 0xffff);
  for (let p = zip.length - EOCD_SIZE; p >= lowest; p--) {
    if (view.getUint32(p, true) !== EOCD_SIGNATURE) continue;
    if (p + EOCD_SIZE + view.getUint16(p + 20, true) !== zip.length) continue;
    return {
      position: p,
      entriesOnDisk: view.getUint16(p + 8, true),
      entries: view.getUint16(p + 10, true),
      centralSize: view.getUint32(p + 12, true),
      centralOffset: view.getUint32(p + 16, true),
    };
  }
  throw new PackageHashError("no end of central directory record");
}

function readCentralDirectory(
  zip: Uint8Array,
  view: DataView,
  eocd: ReturnType<typeof findEndOfCentralDirectory>,
): CentralRecord[] {
  if (eocd.entries === 0 || eocd.entries !== eocd.entriesOnDisk || eocd.entries > MAX_RECORDS)
    throw new PackageHashError(`the end record declares ${eocd.entries} entries`);
  if (eocd.centralOffset + eocd.centralSize > eocd.position)
    throw new PackageHashError("the central directory runs past its end record");
  const records: CentralRecord[] = [];
  let p = eocd.centralOffset;
  for (let i = 0; i < eocd.entries; i++) {
    if (p + CENTRAL_FIXED > eocd.position || view.getUint32(p, true) !== CENTRAL_SIGNATURE)
      throw new PackageHashError(`central directory header ${i + 1} is missing or cut short`);
    const nameLength = view.getUint16(p + 28, true);
    const size = CENTRAL_FIXED + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (p + size > eocd.position) throw new PackageHashError(`central directory header ${i + 1} is cut short`);
    const localOffset = view.getUint32(p + 42, true);
    if (localOffset + LOCAL_FIXED > eocd.centralOffset)
      throw new PackageHashError(`central directory header ${i + 1} points past the entries`);
    const name = Buffer.from(zip.subarray(p + CENTRAL_FIXED, p + CENTRAL_FIXED + nameLength)).toString("latin1");
    records.push({
      position: p,
      size,
      localOffset,
      isSignature: name === SIGNATURE_NAME,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
    });
    p += size;
  }
  if (p !== eocd.centralOffset + eocd.centralSize)
    throw new PackageHashError("the central directory's size differs from its headers");
  return records;
}

const uint16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};
const uint32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
