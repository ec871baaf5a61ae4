// A tiny strict DER reader for the certificate fast path (fast-certificate.ts). It accepts only
// what it fully understands: definite minimal lengths, low tag numbers, minimal OIDs, the usual
// string types and the strict DER time forms. Anything else throws MISS, and the caller falls
// back to the @peculiar/asn1-schema path, which stays the reference for every decoded fact.

/** Thrown (one shared instance, no stack capture per miss) when the input leaves the fast path. */
export const MISS: Error = Object.freeze(new Error("outside the DER fast path")) as Error;

export function miss(): never {
  throw MISS;
}

/** One element: its tag octet, where it starts (tag) and where its content starts and ends. */
export interface Tlv {
  tag: number;
  at: number;
  start: number;
  end: number;
}

/** The element at `pos`, which must lie within `limit`. Only minimal definite lengths. */
export function element(b: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) miss();
  const tag = b[pos];
  if ((tag & 0x1f) === 0x1f) miss(); // high tag numbers never occur in the shapes read here
  let p = pos + 1;
  let len = b[p++];
  if (len >= 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) miss(); // indefinite (BER) or absurdly long
    if (b[p] === 0) miss(); // non-minimal length octets
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p++];
    if (len < 0x80) miss(); // long form where the short form fits
  }
  const end = p + len;
  if (end > limit) miss();
  return { tag, at: pos, start: p, end };
}

export function expect(b: Uint8Array, pos: number, limit: number, tag: number): Tlv {
  const e = element(b, pos, limit);
  if (e.tag !== tag) miss();
  return e;
}

/** Children of a constructed element, each checked to lie within it and to fill it exactly. */
export function children(b: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.start; p < parent.end;) {
    const e = element(b, p, parent.end);
    out.push(e);
    p = e.end;
  }
  return out;
}

/** Dotted OID, minimal encoding only; arcs kept below 2^31 so number arithmetic is exact. */
export function oidAt(b: Uint8Array, e: Tlv): string {
  if (e.tag !== 0x06 || e.end === e.start) miss();
  let s = "";
  let v = 0;
  let first = true;
  for (let i = e.start; i < e.end; i++) {
    const byte = b[i];
    if (v === 0 && byte === 0x80) miss(); // leading 0x80: non-minimal sub-identifier
    v = v * 128 + (byte & 0x7f);
    if (v >= 0x80000000) miss();
    if (byte & 0x80) continue;
    if (first) {
      s = v < 40 ? `0.${v}` : v < 80 ? `1.${v - 40}` : `2.${v - 80}`;
      first = false;
    } else {
      s += `.${v}`;
    }
    v = 0;
  }
  if (b[e.end - 1] & 0x80) miss(); // last sub-identifier unterminated
  return s;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function ascii(b: Uint8Array, e: Tlv, min: number): string {
  let s = "";
  for (let i = e.start; i < e.end; i++) {
    const c = b[i];
    if (c < min || c > 0x7e) miss();
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Text of a directory-string value (UTF8String, PrintableString, IA5String, VisibleString,
 * NumericString, TeletexString, BMPString), or MISS for any other type or a value the library would read
 * differently (invalid UTF-8, non-ASCII in the ASCII types, surrogates or odd length in BMP).
 */
export function directoryString(b: Uint8Array, e: Tlv): string {
  switch (e.tag) {
    case 0x0c: {
      for (let i = e.start; i < e.end; i++) {
        if (b[i] >= 0x80) return utf8(b, e);
      }
      return ascii(b, e, 0);
    }
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return ascii(b, e, 0);
    case 0x14: {
      // TeletexString: the library reads one character per octet (Latin-1)
      let s = "";
      for (let i = e.start; i < e.end; i++) s += String.fromCharCode(b[i]);
      return s;
    }
    case 0x1e: {
      const n = e.end - e.start;
      if (n % 2) miss();
      let s = "";
      for (let i = e.start; i < e.end; i += 2) {
        const unit = (b[i] << 8) | b[i + 1];
        if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0xfeff || unit === 0xfffe) miss();
        s += String.fromCharCode(unit);
      }
      return s;
    }
    default:
      return miss();
  }
}

function utf8(b: Uint8Array, e: Tlv): string {
  try {
    return strictUtf8.decode(b.subarray(e.start, e.end));
  } catch {
    return miss();
  }
}

/** IA5String content limited to printable ASCII (URIs, DNS names, e-mail addresses). */
export function printableAscii(b: Uint8Array, e: Tlv): string {
  return ascii(b, e, 0x20);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(b: Uint8Array, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) miss();
    v = v * 10 + d;
  }
  return v;
}

/** UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`, nothing else. */
export function derTime(b: Uint8Array, e: Tlv): Date {
  let year: number;
  let p: number;
  if (e.tag === 0x17) {
    if (e.end - e.start !== 13) miss();
    const yy = digits(b, e.start, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    p = e.start + 2;
  } else if (e.tag === 0x18) {
    if (e.end - e.start !== 15) miss();
    year = digits(b, e.start, 4);
    if (year < 1000) miss(); // Date.UTC maps years 0-99 to 19xx
    p = e.start + 4;
  } else {
    return miss();
  }
  if (b[e.end - 1] !== 0x5a) miss(); // "Z"
  const month = digits(b, p, 2);
  const day = digits(b, p + 2, 2);
  const hour = digits(b, p + 4, 2);
  const minute = digits(b, p + 6, 2);
  const second = digits(b, p + 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] || hour > 23 || minute > 59 || second > 59)
    miss();
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) miss();
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** A value the library's ANY decodes without complaint: checked recursively, common types only. */
export function checkAny(b: Uint8Array, e: Tlv): void {
  const tag = e.tag;
  if (tag & 0x20) {
    // constructed: SEQUENCE, SET, or context/application-tagged
    if (tag !== 0x30 && tag !== 0x31 && (tag & 0xc0) === 0) miss();
    for (const c of children(b, e)) checkAny(b, c);
    return;
  }
  if ((tag & 0xc0) === 0x80) return; // context-specific primitive: opaque bytes
  switch (tag) {
    case 0x01:
      if (e.end - e.start !== 1) miss();
      return;
    case 0x02:
      if (e.end === e.start) miss();
      return;
    case 0x03:
      if (e.end === e.start || b[e.start] > 7) miss();
      return;
    case 0x04:
      return;
    case 0x05:
      if (e.end !== e.start) miss();
      return;
    case 0x06:
      oidAt(b, e);
      return;
    case 0x0c:
    case 0x13:
    case 0x16:
    case 0x1a:
    case 0x12:
    case 0x14:
    case 0x1e:
      directoryString(b, e);
      return;
    default:
      miss();
  }
}
