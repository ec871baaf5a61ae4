import { describe, expect, it } from "vitest";
import { bitLength, decodeOid, decodeString, decodeTime, DerError, readTlv, TAG } from "./der";
import { formatIp } from "./extensions";
import { escapeRfc4514 } from "./names";
import { oid } from "./testing/der-writer";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("DER primitives", () => {
  it("decodes times, including the BER variants old certificates carry", () => {
    const cases: Array<[number, string, string]> = [
      [TAG.UTC_TIME, "491231235959Z", "2049-12-31T23:59:59.000Z"],
      [TAG.UTC_TIME, "500101000000Z", "1950-01-01T00:00:00.000Z"],
      [TAG.UTC_TIME, "9912312359Z", "1999-12-31T23:59:00.000Z"], // no seconds
      [TAG.UTC_TIME, "240101120000+0200", "2024-01-01T10:00:00.000Z"], // offset
      [TAG.GENERALIZED_TIME, "20500101000000Z", "2050-01-01T00:00:00.000Z"],
      [TAG.GENERALIZED_TIME, "99991231235959Z", "9999-12-31T23:59:59.000Z"], // RFC 5280 "no expiry"
      [TAG.GENERALIZED_TIME, "20240229120000.25Z", "2024-02-29T12:00:00.250Z"],
    ];
    for (const [tag, text, iso] of cases) expect(decodeTime(tag, ascii(text)).toISOString()).toBe(iso);
    expect(() => decodeTime(TAG.UTC_TIME, ascii("2401011200"))).toThrow(DerError);
    expect(() => decodeTime(TAG.OCTET_STRING, ascii("20240101000000Z"))).toThrow(/expected a time/);
  });

  it("round-trips OIDs with large arcs", () => {
    for (const o of ["1.2.840.113549.1.1.11", "2.5.29.37.0", "1.3.6.1.4.1.57264.1.22", "2.999.1234567890"]) {
      expect(decodeOid(oid(o).subarray(2))).toBe(o);
    }
    expect(() => decodeOid(Uint8Array.of(0x2a, 0x86))).toThrow(/truncated OID/);
  });

  it("reports lengths beyond the input distinctly", () => {
    expect(() => readTlv(Uint8Array.of(0x30, 0x82, 0x01, 0x00, 0x02), 0)).toThrow(expect.objectContaining({ isLengthBeyondInput: true }));
    expect(() => readTlv(Uint8Array.of(0x30, 0x85, 1, 1, 1, 1, 1), 0)).toThrow(/length field too large/);
    expect(() => readTlv(Uint8Array.of(0x30, 0x80, 0x00, 0x00), 0)).toThrow(/indefinite length not allowed/);
    expect(readTlv(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00), 0, 7, { allowIndefinite: true })).toMatchObject({ isIndefinite: true, end: 7, valueEnd: 5 });
  });

  it("refuses absurdly deep BER nesting instead of overflowing the stack", () => {
    const deep = new Uint8Array(100_000 * 2 + 100_000 * 2);
    for (let i = 0; i < 100_000; i++) deep.set([0x30, 0x80], i * 2);
    expect(() => readTlv(deep, 0, deep.length, { allowIndefinite: true })).toThrow(/nesting too deep/);
  });

  it("decodes every string type certificates use", () => {
    expect(decodeString(TAG.BMP_STRING, Uint8Array.of(0x00, 0x5a, 0x00, 0xeb))).toBe("Zë");
    expect(decodeString(TAG.UNIVERSAL_STRING, Uint8Array.of(0, 1, 0xf6, 0x00))).toBe("😀");
    expect(decodeString(TAG.T61_STRING, Uint8Array.of(0x5a, 0xeb))).toBe("Zë");
    expect(decodeString(TAG.UTF8_STRING, ascii("Zoë"))).toBe("Zoë");
    expect(decodeString(TAG.OCTET_STRING, ascii("x"))).toBeNull();
  });

  it("measures integer bit lengths ignoring sign octets", () => {
    expect(bitLength(Uint8Array.of(0x00, 0x80, 0x00))).toBe(16);
    expect(bitLength(Uint8Array.of(0x01))).toBe(1);
    expect(bitLength(Uint8Array.of(0, 0))).toBe(0);
  });
});

describe("formatting", () => {
  it("escapes RFC 4514 specials, edges and control characters", () => {
    expect(escapeRfc4514('a,b+c"d\\e<f>g;h')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h');
    expect(escapeRfc4514("#x #")).toBe("\\#x #");
    expect(escapeRfc4514(" x ")).toBe("\\ x\\ ");
    expect(escapeRfc4514("a\nb\u0000")).toBe("a\\0Ab\\00");
    expect(escapeRfc4514("Zoë=ok")).toBe("Zoë=ok");
  });

  it("writes IP addresses in their usual text forms", () => {
    expect(formatIp(Uint8Array.of(192, 0, 2, 1))).toBe("192.0.2.1");
    expect(formatIp(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe("2001:db8::1");
    expect(formatIp(new Uint8Array(16))).toBe("::");
    expect(formatIp(Uint8Array.from([0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 4]))).toBe("1:0:2:0:3::4");
    expect(formatIp(Uint8Array.of(10, 0, 0, 0, 255, 255, 255, 0))).toBe("#0a000000ffffff00"); // address+mask (name constraints)
  });
});
