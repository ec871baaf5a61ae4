// A small ZIP writer for tests (stored or deflated entries), and JAR signing with the test PKI.
import { createHash } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";
import type { TestCertificate } from "@/lib/x509/testing/test-ca";
import { signCms } from "./sign-cms";

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array;
  isDeflated?: boolean;
  /** write this uncompressed size instead of the real one (lying entries) */
  declaredSize?: number;
  /** general purpose bit flags; default 0x800 (UTF-8 name) */
  flags?: number;
}

/** `beforeCentralDirectory`: bytes placed between the entries and the central directory (APK v2 block). */
export function buildZip(entries: ZipEntrySpec[], opts: { beforeCentralDirectory?: Uint8Array } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.isDeflated ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const shared = { flags: e.flags ?? 0x800, method: e.isDeflated ? 8 : 0, crc, compressed: body.length, size, name };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeSharedFields(local, 4, shared);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeSharedFields(central, 6, shared);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const extra = Buffer.from(opts.beforeCentralDirectory ?? new Uint8Array(0));
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset + extra.length, 16);
  return new Uint8Array(Buffer.concat([...locals, extra, cd, eocd]));
}

/** Manifest lines are at most 72 bytes; longer ones continue on lines starting with a space. */
function wrap(line: string): string {
  const parts = [line.slice(0, 72)];
  for (let i = 72; i < line.length; i += 71) parts.push(` ${line.slice(i, i + 71)}`);
  return parts.map((p) => `${p}\r\n`).join("");
}

const b64 = (hash: string, data: Uint8Array) => createHash(hash).update(data).digest("base64");

/** JAR signing as jarsigner does it: manifest digests, .SF over the manifest, PKCS#7 block over the .SF. */
export async function signedJarEntries(
  files: { name: string; data: Uint8Array }[],
  signer: TestCertificate,
  opts: { alias?: string; blockExtension?: "RSA" | "EC" | "DSA"; certificates?: TestCertificate[] } = {},
): Promise<ZipEntrySpec[]> {
  const alias = opts.alias ?? "SIGNER";
  const sections = files.map((f) => `${wrap(`Name: ${f.name}`)}SHA-256-Digest: ${b64("sha256", f.data)}\r\n\r\n`);
  const manifest = new TextEncoder().encode(
    `Manifest-Version: 1.0\r\nCreated-By: signet-test\r\n\r\n${sections.join("")}`,
  );
  const sf = new TextEncoder().encode(
    `Signature-Version: 1.0\r\nSHA-256-Digest-Manifest: ${b64("sha256", manifest)}\r\nCreated-By: signet-test\r\n\r\n`,
  );
  const block = await signCms({ content: sf, signer, encapsulate: "none", certificates: opts.certificates });
  const ext = opts.blockExtension ?? (signer.keyPair.spec.startsWith("RSA") ? "RSA" : "EC");
  return [
    { name: "META-INF/MANIFEST.MF", data: manifest, isDeflated: true },
    { name: `META-INF/${alias}.SF`, data: sf, isDeflated: true },
    { name: `META-INF/${alias}.${ext}`, data: block },
    ...files.map((f) => ({ ...f, isDeflated: true })),
  ];
}

/**
 * The fields a local file header (from offset 4) and its central directory entry (from offset 6)
 * share, in the same order (APPNOTE 4.3.7 and 4.3.12): version needed, flags, method, time and
 * date (left zero), CRC-32, compressed and uncompressed sizes, name length.
 */
function writeSharedFields(
  header: Buffer,
  at: number,
  f: { flags: number; method: number; crc: number; compressed: number; size: number; name: Buffer },
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(f.flags, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressed, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.name.length, at + 22);
}
