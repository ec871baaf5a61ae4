// Minimal, bounds-checked DER/BER reader. Certificates are read with it directly (rather than
// through asn1js) because it is ~10x faster and keeps the exact bytes of every element, which
// fingerprints, serial numbers and signature checks need. BER indefinite lengths are accepted
// only where the caller allows them (PKCS#7 / PKCS#12 containers written by streaming tools).

export class DerError extends Error {
  constructor(
    message: string,
    readonly isLengthBeyondInput = false,
  ) {
    super(message);
    this.name = "DerError";
  }
}

export interface Tlv {
  /** first identifier octet (class + constructed bit + low tag number, or 0x1f form) */
  tag: number;
  tagNumber: number;
  tagClass: number; // 0 universal, 1 application, 2 context, 3 private
  isConstructed: boolean;
  start: number;
  valueStart: number;
  valueEnd: number;
  /** offset just past the element (past the end-of-contents octets for indefinite lengths) */
  end: number;
  isIndefinite: boolean;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  NUMERIC_STRING: 0x12,
} as const;

const MAX_DEPTH = 64;

export interface ReadOptions {
  allowIndefinite?: boolean;
}

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length, opts: ReadOptions = {}): Tlv {
  return readTlvAt(buf, offset, limit, opts.allowIndefinite === true, 0);
}

function readTlvAt(buf: Uint8Array, offset: number, limit: number, allowIndefinite: boolean, depth: number): Tlv {
  if (depth > MAX_DEPTH) throw new DerError("ASN.1 nesting too deep");
  let p = offset;
  if (p >= limit) throw new DerError("unexpected end of data (missing tag)");
  const tag = buf[p++];
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (p >= limit) throw new DerError("unexpected end of data in tag");
      if (i > 3) throw new DerError("tag number too large");
      const b = buf[p++];
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= limit) throw new DerError("unexpected end of data (missing length)");
  const first = buf[p++];
  const isConstructed = (tag & 0x20) !== 0;
  const tagClass = tag >> 6;
  if (first === 0x80) {
    if (!allowIndefinite || !isConstructed) throw new DerError("indefinite length not allowed here");
    const valueStart = p;
    let q = p;
    for (;;) {
      if (q + 1 < limit && buf[q] === 0 && buf[q + 1] === 0) {
        return { tag, tagNumber, tagClass, isConstructed, start: offset, valueStart, valueEnd: q, end: q + 2, isIndefinite: true };
      }
      if (q >= limit) throw new DerError("indefinite-length element has no end-of-contents", true);
      q = readTlvAt(buf, q, limit, true, depth + 1).end;
    }
  }
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n > 4) throw new DerError("length field too large");
    if (p + n > limit) throw new DerError("unexpected end of data in length field", true);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++];
  }
  const valueStart = p;
  const valueEnd = p + length;
  if (valueEnd > limit) {
    throw new DerError(`length field (${length} bytes) exceeds the available ${limit - valueStart} bytes`, true);
  }
  return { tag, tagNumber, tagClass, isConstructed, start: offset, valueStart, valueEnd, end: valueEnd, isIndefinite: false };
}

/** Children of a constructed element. */
export function childrenOf(buf: Uint8Array, parent: Tlv, opts: ReadOptions = {}): Tlv[] {
  const out: Tlv[] = [];
  let p = parent.valueStart;
  while (p < parent.valueEnd) {
    const t = readTlv(buf, p, parent.valueEnd, opts);
    out.push(t);
    p = t.end;
  }
  return out;
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t) throw new DerError(`missing ${what}`);
  if (t.tag !== tag) throw new DerError(`${what}: expected tag 0x${hex2(tag)}, found 0x${hex2(t.tag)}`);
  return t;
}

export function value(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.valueStart, t.valueEnd);
}

export function raw(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.start, t.end);
}

export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DerError("empty OID");
  const parts: number[] = [];
  let v = 0;
  let first = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (v > 0x1fffffffffff) throw new DerError("OID arc too large");
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (first) {
        if (v < 40) parts.push(0, v);
        else if (v < 80) parts.push(1, v - 40);
        else parts.push(2, v - 80);
        first = false;
      } else {
        parts.push(v);
      }
      v = 0;
    }
  }
  if (bytes[bytes.length - 1] & 0x80) throw new DerError("truncated OID");
  return parts.join(".");
}

export function readOid(buf: Uint8Array, t: Tlv | undefined, what: string): string {
  return decodeOid(value(buf, expectTag(t, TAG.OID, what)));
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));

function hex2(n: number): string {
  return HEX[n & 0xff];
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Small non-negative INTEGER (e.g. version, pathLenConstraint); null if it does not fit. */
export function readSmallInt(bytes: Uint8Array): number | null {
  if (bytes.length === 0 || bytes.length > 6 || bytes[0] & 0x80) return null;
  let v = 0;
  for (let i = 0; i < bytes.length; i++) v = v * 256 + bytes[i];
  return v;
}

/** Bit length of an unsigned big-endian integer (leading zero octets ignored). */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/** Decode an ASN.1 character string; null when the tag is not a string type. */
export function decodeString(tag: number, bytes: Uint8Array): string | null {
  switch (tag) {
    case TAG.UTF8_STRING:
      return utf8.decode(bytes);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.VISIBLE_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.T61_STRING: // T.61 in practice carries Latin-1 in certificates
      return latin1.decode(bytes);
    case TAG.BMP_STRING: {
      let s = "";
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      let s = "";
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        const cp = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
      }
      return s;
    }
    default:
      return null;
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** UTCTime / GeneralizedTime → Date (UTC). Accepts the BER variants seen in old certificates. */
export function decodeTime(tag: number, bytes: Uint8Array): Date {
  const s = latin1.decode(bytes);
  let m: RegExpExecArray | null;
  let year: number;
  let rest: string;
  if (tag === TAG.UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(s);
    if (!m) throw new DerError(`invalid UTCTime "${s}"`);
    const yy = Number(m[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy; // RFC 5280 4.1.2.5.1
    rest = "";
  } else if (tag === TAG.GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
    if (!m) throw new DerError(`invalid GeneralizedTime "${s}"`);
    year = Number(m[1]);
    rest = m[7] ?? "";
  } else {
    throw new DerError(`expected a time, found tag 0x${hex2(tag)}`);
  }
  const zone = tag === TAG.UTC_TIME ? m[7] : (m[8] ?? "Z");
  const ms = rest ? Math.round(Number(`0.${rest}`) * 1000) : 0;
  let t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? "0"), ms);
  if (zone !== "Z") {
    const sign = zone[0] === "+" ? 1 : -1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  if (Number.isNaN(t)) throw new DerError(`invalid time "${s}"`);
  return new Date(t);
}
