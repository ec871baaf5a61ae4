import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import { CMS_OIDS, CmsError, hashOf, parseSignedData, readSigners, type ReadSigner } from "./cms";
import type { ArtifactReader, ReadContext, ScannedSignature, ScanOutcome, SignatureVerification } from "./types";

// Windows Authenticode in PE images (.exe .dll .sys .efi). The PE headers are read by hand with
// a bounds check on every field: the certificate table's place comes from data directory 4,
// whose "virtual address" is a file offset. Each WIN_CERTIFICATE holds a PKCS#7 SignedData whose
// SpcIndirectDataContent names the image hash; more signatures hide in the first signer's
// unsigned attribute 1.3.6.1.4.1.311.2.4.1 (nested signatures), and in theirs in turn.

const EXTENSIONS = /\.(exe|dll|sys|efi|ocx|scr|cpl|drv|mui)$/i;
const SPC_INDIRECT_DATA = "1.3.6.1.4.1.311.2.1.4";
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 2;
const MAX_CERTIFICATE_ENTRIES = 16;
const MAX_SIGNATURES = 32;

interface PeLayout {
  checksumOffset: number;
  certificateEntryOffset: number;
  tableOffset: number;
  tableSize: number;
}

class PeError extends Error {}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

function need(bytes: Uint8Array, offset: number, length: number, what: string) {
  if (offset < 0 || offset + length > bytes.length) throw new PeError(`${what} lies beyond the end of the file`);
}

/** Where the checksum, the certificate-table directory entry and the table itself are. */
function readLayout(bytes: Uint8Array): PeLayout {
  need(bytes, 0, 64, "DOS header");
  if (bytes[0] !== 0x4d || bytes[1] !== 0x5a) throw new PeError("no MZ signature");
  const pe = u32(bytes, 0x3c);
  need(bytes, pe, 24, "PE header");
  if (u32(bytes, pe) !== 0x00004550) throw new PeError("no PE signature at the offset the DOS header gives");
  const optionalSize = u16(bytes, pe + 20);
  const optional = pe + 24;
  need(bytes, optional, optionalSize, "optional header");
  const magic = optionalSize >= 2 ? u16(bytes, optional) : 0;
  const isPe32Plus = magic === 0x20b;
  if (magic !== 0x10b && !isPe32Plus) throw new PeError(`unknown optional header magic 0x${magic.toString(16)}`);
  const directoryCountOffset = optional + (isPe32Plus ? 108 : 92);
  const directories = directoryCountOffset + 4;
  if (directories - optional > optionalSize) throw new PeError("optional header too short for its data directories");
  const directoryCount = u32(bytes, directoryCountOffset);
  const certificateEntryOffset = directories + 4 * 8;
  if (directoryCount <= 4 || certificateEntryOffset + 8 - optional > optionalSize)
    return { checksumOffset: optional + 64, certificateEntryOffset: -1, tableOffset: 0, tableSize: 0 };
  return {
    checksumOffset: optional + 64,
    certificateEntryOffset,
    tableOffset: u32(bytes, certificateEntryOffset),
    tableSize: u32(bytes, certificateEntryOffset + 4),
  };
}

/** WIN_CERTIFICATE entries of type PKCS#7 SignedData, bounds-checked against the table. */
function certificateEntries(bytes: Uint8Array, layout: PeLayout): Uint8Array[] {
  const { tableOffset, tableSize } = layout;
  const end = tableOffset + tableSize;
  if (end > bytes.length) throw new PeError("the certificate table runs past the end of the file");
  if (tableOffset < layout.certificateEntryOffset + 8) throw new PeError("the certificate table overlaps the headers");
  const entries: Uint8Array[] = [];
  for (let p = tableOffset; p + 8 <= end;) {
    const length = u32(bytes, p);
    const type = u16(bytes, p + 6);
    if (length < 8 || p + length > end) throw new PeError(`certificate entry at 0x${p.toString(16)} has a bad length`);
    if (type === WIN_CERT_TYPE_PKCS_SIGNED_DATA) entries.push(bytes.subarray(p + 8, p + length));
    if (entries.length > MAX_CERTIFICATE_ENTRIES)
      throw new PeError(`more than ${MAX_CERTIFICATE_ENTRIES} certificate entries`);
    p += (length + 7) & ~7;
  }
  return entries;
}

/**
 * The Authenticode image hash: the whole file but the checksum, the certificate-table directory
 * entry and the table itself (the table is the file's last part in a signed image).
 */
export function imageHash(bytes: Uint8Array, layout: PeLayout, hash: string): Uint8Array {
  const h = createHash(hash);
  const entry = layout.certificateEntryOffset;
  h.update(bytes.subarray(0, layout.checksumOffset));
  h.update(bytes.subarray(layout.checksumOffset + 4, entry));
  h.update(bytes.subarray(entry + 8, layout.tableOffset));
  h.update(bytes.subarray(layout.tableOffset + layout.tableSize));
  return h.digest();
}

/** SpcIndirectDataContent's DigestInfo (the value octets the CMS content carries). */
function signedImageDigest(content: Uint8Array): { algorithm: string; digest: Uint8Array } | null {
  // content is the SEQUENCE's value octets: { SpcAttributeTypeAndOptionalValue, DigestInfo }
  const { offset, result } = asn1js.fromBER(content);
  if (offset === -1) return null;
  const rest = asn1js.fromBER(content.subarray(offset)).result;
  if (!(result instanceof asn1js.Sequence) || !(rest instanceof asn1js.Sequence)) return null;
  const [algorithm, digest] = rest.valueBlock.value;
  const oid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : null;
  if (!(oid instanceof asn1js.ObjectIdentifier) || !(digest instanceof asn1js.OctetString)) return null;
  return { algorithm: oid.valueBlock.toString(), digest: digest.valueBlock.valueHexView };
}

export const peReader: ArtifactReader = {
  format: "authenticode-pe",
  recognises(name, head) {
    return (head[0] === 0x4d && head[1] === 0x5a) || EXTENSIONS.test(name);
  },
  async read(_name, bytes, context): Promise<ScanOutcome> {
    try {
      const layout = readLayout(bytes);
      if (layout.certificateEntryOffset < 0 || layout.tableSize === 0)
        return { kind: "unsigned", format: "authenticode-pe", note: null };
      const entries = certificateEntries(bytes, layout);
      if (entries.length === 0) return { kind: "unsigned", format: "authenticode-pe", note: null };
      const signatures: ScannedSignature[] = [];
      const hashes = new Map<string, Uint8Array>();
      const imageDigest = (hash: string) => {
        let d = hashes.get(hash);
        if (!d) hashes.set(hash, (d = imageHash(bytes, layout, hash)));
        return d;
      };
      const read = (der: Uint8Array, location: string, depth: number) => {
        const [primary, ...others] = authenticodeSigners(der, location, imageDigest, context, depth);
        signatures.push(primary.signature, ...others.map((s) => s.signature));
        if (signatures.length > MAX_SIGNATURES) throw new PeError(`more than ${MAX_SIGNATURES} signatures`);
        // a nested signature may carry nested signatures of its own; parseSignedData refuses
        // them past MAX_CMS_DEPTH levels
        nestedSignatures(primary.signerInfo).forEach((nested, j) =>
          read(nested, `${location}, nested ${j + 1}`, depth + 1),
        );
      };
      entries.forEach((der, i) => read(der, `signature ${i + 1}`, 0));
      return { kind: "signed", format: "authenticode-pe", signatures };
    } catch (e) {
      if (e instanceof PeError || e instanceof CmsError)
        return { kind: "malformed", format: "authenticode-pe", reason: e.message };
      throw e;
    }
  },
};

function authenticodeSigners(
  der: Uint8Array,
  location: string,
  imageDigest: (hash: string) => Uint8Array,
  context: ReadContext,
  depth: number,
): ReadSigner[] {
  const parsed = parseSignedData(der, depth);
  if (parsed.eContentType !== SPC_INDIRECT_DATA || !parsed.content)
    throw new CmsError(`${location}: not an Authenticode SignedData (content type ${parsed.eContentType})`);
  const signers = readSigners(parsed, {
    format: "authenticode-pe",
    location,
    content: parsed.content,
    knownCertificates: context.knownCertificates,
    depth,
  });
  if (signers.length === 0) throw new CmsError(`${location}: SignedData without a signer`);
  const image = imageCheck(parsed.content, imageDigest);
  for (const s of signers)
    if (image && s.signature.verification.status === "verified") s.signature.verification = image;
  return signers;
}

/** null when the image hash matches; otherwise why the signature does not cover this image. */
function imageCheck(content: Uint8Array, imageDigest: (hash: string) => Uint8Array): SignatureVerification | null {
  const signed = signedImageDigest(content);
  if (!signed) return { status: "failed", reason: "the SpcIndirectDataContent has no readable image digest" };
  const hash = hashOf(signed.algorithm);
  if (!hash) return { status: "not-checked", reason: `unsupported image digest algorithm ${signed.algorithm}` };
  const actual = imageDigest(hash);
  return Buffer.from(actual).equals(signed.digest)
    ? null
    : {
        status: "failed",
        reason: "the image hash differs from the signed digest (the file was changed after signing)",
      };
}

function nestedSignatures(si: ReadSigner["signerInfo"]): Uint8Array[] {
  const attr = si.unsignedAttrs?.find((a) => a.attrType === CMS_OIDS.msNestedSignature);
  return (attr?.attrValues ?? []).map((v) => new Uint8Array(v));
}
