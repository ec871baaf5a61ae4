// Glue between lib/x509 and the ASN.1 libraries: decoding is done by @peculiar/asn1-schema
// (typed schemas from @peculiar/asn1-x509, -cms, -pkcs8, ...) and asn1js (untyped trees).
// The one thing read here by hand is the outermost tag and length, so a file cut short gets a
// specific reason and concatenated DER can be split before the library sees each element.
import { AsnParser } from "@peculiar/asn1-schema";
import * as asn1js from "asn1js";

export class DerError extends Error {
  constructor(
    message: string,
    readonly isLengthBeyondInput = false,
  ) {
    super(message);
    this.name = "DerError";
  }
}

export const SEQUENCE_TAG = 0x30;

/**
 * Extent of the element starting at `offset`: [start, end). Definite lengths come from the
 * header; an indefinite (BER) length is measured by asn1js decoding the element.
 */
export function outerElementEnd(buf: Uint8Array, offset: number): number {
  let p = offset;
  if (p >= buf.length) throw new DerError("unexpected end of data (missing tag)");
  if ((buf[p++] & 0x1f) === 0x1f) throw new DerError("unexpected high tag number at the top level");
  if (p >= buf.length) throw new DerError("unexpected end of data (missing length)");
  const first = buf[p++];
  if (first === 0x80) {
    const view = buf.subarray(offset);
    const { offset: used, result } = asn1js.fromBER(view);
    if (used === -1 || result.error) {
      const reason = result.error || "undecodable BER";
      throw new DerError(reason, /end of input|no end|too short|not enough/i.test(reason));
    }
    return offset + used;
  }
  let length = first;
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new DerError("length field too large");
    if (p + n > buf.length) throw new DerError("unexpected end of data in length field", true);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++];
  }
  if (p + length > buf.length)
    throw new DerError(`length field (${length} bytes) exceeds the available ${buf.length - p} bytes`, true);
  return p + length;
}

/**
 * The definite-length DER element at `offset`: where its content starts and where it ends.
 * Used to slice exact encodings (TBS, signature, SPKI) out of a certificate already known to be
 * well-formed, without decoding it again.
 */
export function derElementAt(buf: Uint8Array, offset: number): { tag: number; contentStart: number; end: number } {
  if (offset + 2 > buf.length) throw new DerError("unexpected end of data", true);
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("unexpected high tag number");
  let p = offset + 1;
  const first = buf[p++];
  if (first === 0x80) throw new DerError("indefinite length where DER is required");
  let length = first;
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4 || p + n > buf.length) throw new DerError("bad length field", p + n > buf.length);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++];
  }
  if (p + length > buf.length)
    throw new DerError(`length field (${length} bytes) exceeds the available ${buf.length - p} bytes`, true);
  return { tag, contentStart: p, end: p + length };
}

/** Decodes `der` with an @peculiar/asn1-schema type; library errors become DerError. */
export function parseAs<T>(der: Uint8Array | ArrayBuffer, type: new () => T): T {
  try {
    return AsnParser.parse(der, type);
  } catch (e) {
    throw new DerError(libraryMessage(e));
  }
}

/** Untyped decode of exactly one element (for structure checks and string values). */
export function parseTree(der: Uint8Array | ArrayBuffer): asn1js.AsnType {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  const { offset, result } = asn1js.fromBER(bytes);
  if (offset === -1 || result.error) throw new DerError(result.error || "undecodable BER");
  return result;
}

export function childrenOfTree(node: asn1js.AsnType): asn1js.AsnType[] {
  const value = (node as asn1js.Constructed).valueBlock?.value;
  return Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

/** Text of an ASN.1 character string element, or null when the element is not a string. */
export function stringValue(node: asn1js.AsnType): string | null {
  if (node instanceof asn1js.UniversalString) return universalString(node.valueBlock.valueHexView);
  if (node instanceof asn1js.BaseStringBlock) return node.getValue();
  return null;
}

// asn1js reads UniversalString (UCS-4) one 16-bit unit at a time, losing astral characters.
function universalString(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    s += cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
  }
  return s;
}

function libraryMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Error: /, "") || "undecodable ASN.1";
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}

/** Bit length of an unsigned big-endian integer (leading zero octets ignored). */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

export function bytesOf(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
