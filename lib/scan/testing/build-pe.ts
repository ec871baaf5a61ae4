// A tiny PE32+ image assembled in bytes, and Authenticode signatures for it made with the test
// PKI, so the PE reader is checked against images built here rather than stored binaries.
import { createHash, randomBytes } from "node:crypto";
import { bits, ctx, octets, oid, seq, tlv } from "@/lib/x509/testing/der-writer";
import type { TestCertificate } from "@/lib/x509/testing/test-ca";
import { algorithmId, signCms, type CmsSpec, type TestHash } from "./sign-cms";

const PE_OFFSET = 0x40;
const OPTIONAL_OFFSET = PE_OFFSET + 24;
const OPTIONAL_SIZE = 240; // PE32+ with 16 data directories
const CHECKSUM_OFFSET = OPTIONAL_OFFSET + 64;
const CERTIFICATE_ENTRY_OFFSET = OPTIONAL_OFFSET + 112 + 4 * 8;
const HEADERS_SIZE = 0x200;
const SECTION_SIZE = 0x200;

/** A 1 KiB PE32+ image: DOS header, PE headers, one .text section; `subsystem` 10 is EFI. */
export function buildPe(opts: { subsystem?: number } = {}): Uint8Array {
  const b = new Uint8Array(HEADERS_SIZE + SECTION_SIZE);
  const view = new DataView(b.buffer);
  b.set([0x4d, 0x5a]);
  view.setUint32(0x3c, PE_OFFSET, true);
  b.set([0x50, 0x45, 0, 0], PE_OFFSET);
  view.setUint16(PE_OFFSET + 4, 0x8664, true); // x86-64
  view.setUint16(PE_OFFSET + 6, 1, true); // one section
  view.setUint16(PE_OFFSET + 20, OPTIONAL_SIZE, true);
  view.setUint16(PE_OFFSET + 22, 0x22, true); // executable, large-address aware
  const o = OPTIONAL_OFFSET;
  view.setUint16(o, 0x20b, true);
  view.setUint32(o + 16, 0x1000, true); // entry point
  view.setBigUint64(o + 24, 0x140000000n, true); // image base
  view.setUint32(o + 32, 0x1000, true); // section alignment
  view.setUint32(o + 36, 0x200, true); // file alignment
  view.setUint16(o + 48, 6, true); // subsystem version
  view.setUint32(o + 56, 0x2000, true); // size of image
  view.setUint32(o + 60, HEADERS_SIZE, true);
  view.setUint16(o + 68, opts.subsystem ?? 3, true);
  view.setUint32(o + 108, 16, true); // data directories
  const section = o + OPTIONAL_SIZE;
  b.set(new TextEncoder().encode(".text"), section);
  view.setUint32(section + 8, SECTION_SIZE, true);
  view.setUint32(section + 12, 0x1000, true);
  view.setUint32(section + 16, SECTION_SIZE, true);
  view.setUint32(section + 20, HEADERS_SIZE, true);
  view.setUint32(section + 36, 0x60000020, true);
  b[HEADERS_SIZE] = 0xc3; // ret
  b.set(randomBytes(64), HEADERS_SIZE + 16);
  return b;
}

/** The image hash over an image that has no certificate table yet. */
function unsignedImageHash(pe: Uint8Array, hash: TestHash): Uint8Array {
  return createHash(hash)
    .update(pe.subarray(0, CHECKSUM_OFFSET))
    .update(pe.subarray(CHECKSUM_OFFSET + 4, CERTIFICATE_ENTRY_OFFSET))
    .update(pe.subarray(CERTIFICATE_ENTRY_OFFSET + 8))
    .digest();
}

const bmp = (s: string) => tlv(0x1e, Uint8Array.from(Buffer.from(s, "utf16le").swap16()));

/** SpcIndirectDataContent naming the image hash, as the DER element the CMS content carries. */
function spcIndirectData(pe: Uint8Array, hash: TestHash): Uint8Array {
  const peImageData = seq(bits(new Uint8Array(0)), ctx(0, true, ctx(2, true, ctx(0, false, bmp("<<<Obsolete>>>")))));
  return seq(
    seq(oid("1.3.6.1.4.1.311.2.1.15"), peImageData),
    seq(algorithmId(hash), octets(unsignedImageHash(pe, hash))),
  );
}

/** An Authenticode SignedData over `pe` (which must not carry a certificate table yet). */
export function authenticodeSignature(
  pe: Uint8Array,
  spec: Omit<CmsSpec, "content" | "encapsulate" | "contentType"> & { signer: TestCertificate },
): Promise<Uint8Array> {
  const hash = spec.hash ?? "sha256";
  return signCms({
    ...spec,
    hash,
    content: spcIndirectData(pe, hash),
    encapsulate: "any",
    contentType: "1.3.6.1.4.1.311.2.1.4",
  });
}

/** Appends a certificate table holding each SignedData in its own WIN_CERTIFICATE. */
export function withCertificateTable(pe: Uint8Array, signatures: Uint8Array[]): Uint8Array {
  const entries = signatures.map((der) => {
    const length = 8 + der.length;
    const entry = new Uint8Array((length + 7) & ~7);
    const view = new DataView(entry.buffer);
    view.setUint32(0, length, true);
    view.setUint16(4, 0x0200, true);
    view.setUint16(6, 2, true);
    entry.set(der, 8);
    return entry;
  });
  const tableSize = entries.reduce((n, e) => n + e.length, 0);
  // a copy of its own (not a slice of Buffer's pool): the view below writes into its buffer
  const out = new Uint8Array(Buffer.concat([pe, ...entries]));
  const view = new DataView(out.buffer);
  view.setUint32(CERTIFICATE_ENTRY_OFFSET, pe.length, true);
  view.setUint32(CERTIFICATE_ENTRY_OFFSET + 4, tableSize, true);
  return out;
}

export const PE_OFFSETS = {
  checksum: CHECKSUM_OFFSET,
  certificateEntry: CERTIFICATE_ENTRY_OFFSET,
  section: HEADERS_SIZE,
};
