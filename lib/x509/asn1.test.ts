import { describe, expect, it } from "vitest";
import { bitLength, DerError, outerElementEnd } from "./asn1";
import { escapeRfc4514 } from "./names";
import { parseCertificateFile } from "./parse-file";
import { ctx, oid, octets, seq, set, tlv } from "./testing/der-writer";
import { buildRawCertificate, type RawCertificateSpec } from "./testing/raw-certificate";

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const base: RawCertificateSpec = { keyAlgorithmOid: "1.3.101.112", signatureAlgorithmOid: "1.3.101.112", publicKey: new Uint8Array(32) };
const only = (spec: Partial<RawCertificateSpec>) => {
  const r = parseCertificateFile(buildRawCertificate({ ...base, ...spec }));
  expect(r.errors).toEqual([]);
  return r.certificates[0];
};

describe("outer element framing (the one thing read before the ASN.1 library)", () => {
  it("reports lengths beyond the input distinctly", () => {
    expect(() => outerElementEnd(Uint8Array.of(0x30, 0x82, 0x01, 0x00, 0x02), 0)).toThrow(expect.objectContaining({ isLengthBeyondInput: true }));
    expect(() => outerElementEnd(Uint8Array.of(0x30, 0x85, 1, 1, 1, 1, 1), 0)).toThrow(/length field too large/);
    expect(() => outerElementEnd(Uint8Array.of(0x30), 0)).toThrow(DerError);
    expect(outerElementEnd(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05, 0xff), 0)).toBe(5);
  });

  it("measures indefinite (BER) lengths through asn1js", () => {
    expect(outerElementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0xff), 0)).toBe(7);
    expect(() => outerElementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05), 0)).toThrow(DerError);
  });

  it("absurdly deep BER nesting is an error, not a crash", () => {
    const deep = new Uint8Array(100_000 * 2 + 100_000 * 2);
    for (let i = 0; i < 100_000; i++) deep.set([0x30, 0x80], i * 2);
    const r = parseCertificateFile(deep);
    expect(r.certificates).toEqual([]);
    expect(r.errors).toHaveLength(1);
  });
});

describe("what the library decodes, as Signet shows it", () => {
  it("times at the UTCTime/GeneralizedTime boundary and the RFC 5280 'no expiry' date", () => {
    expect(only({ notBefore: new Date("2049-12-31T23:59:59Z"), notAfter: new Date("9999-12-31T23:59:59Z") })).toMatchObject({
      notBefore: new Date("2049-12-31T23:59:59Z"),
      notAfter: new Date("9999-12-31T23:59:59Z"),
    });
    expect(only({ notBefore: new Date("1950-01-01T00:00:00Z"), notAfter: new Date("2050-01-01T00:00:00Z") }).notBefore.toISOString()).toBe("1950-01-01T00:00:00.000Z");
  });

  it("BER time variants old certificates carry (asn1js reads only the DER forms)", () => {
    const at = (nb: string, na = "491231235959Z") =>
      parseCertificateFile(buildRawCertificate({ ...base, validityDer: seq(tlv(0x17, ascii(nb)), tlv(0x17, ascii(na))) }));
    expect(at("9912312359Z").certificates[0].notBefore.toISOString()).toBe("1999-12-31T23:59:00.000Z"); // no seconds
    expect(at("240101120000+0200").certificates[0].notBefore.toISOString()).toBe("2024-01-01T10:00:00.000Z"); // offset
    expect(at("500101000000Z", "491231235959Z").certificates[0]).toMatchObject({ notBefore: new Date("1950-01-01T00:00:00Z"), notAfter: new Date("2049-12-31T23:59:59Z") });
    const fractional = parseCertificateFile(buildRawCertificate({ ...base, validityDer: seq(tlv(0x18, ascii("20240229120000.25Z")), tlv(0x18, ascii("20500101000000Z"))) }));
    expect(fractional.certificates[0].notBefore.toISOString()).toBe("2024-02-29T12:00:00.250Z");
    const garbage = at("2401011200"); // no zone: not a time at all
    expect(garbage.certificates).toEqual([]);
    expect(garbage.errors[0]).toMatchObject({ code: "invalid-certificate", message: 'the certificate in the file is malformed: invalid UTCTime "2401011200"' });
  });

  it("OIDs with large arcs, in extensions and algorithms", () => {
    const eku = seq(oid("2.5.29.37"), octets(seq(oid("2.999.1234567890"), oid("1.3.6.1.4.1.57264.1.22"))));
    const c = only({ extensions: [eku], keyAlgorithmOid: "2.999.77", signatureAlgorithmOid: "2.999.78" });
    expect(c.ekus).toEqual(["2.999.1234567890", "1.3.6.1.4.1.57264.1.22"]);
    expect(c).toMatchObject({ keyAlgorithm: "2.999.77", signatureAlgorithm: "2.999.78" });
  });

  it("every string type names use", () => {
    const atv = (type: string, value: Uint8Array) => set(seq(oid(type), value));
    const subject = seq(
      atv("2.5.4.6", tlv(0x13, ascii("NZ"))), // PrintableString
      atv("2.5.4.10", tlv(0x14, Uint8Array.of(0x5a, 0xeb))), // T61String, read as Latin-1
      atv("2.5.4.11", tlv(0x1e, Uint8Array.of(0x00, 0x5a, 0x00, 0xeb))), // BMPString
      atv("2.5.4.7", tlv(0x1c, Uint8Array.of(0, 1, 0xf6, 0x00))), // UniversalString beyond the BMP
      atv("2.5.4.8", tlv(0x1a, ascii("Vis"))), // VisibleString
      atv("1.2.840.113549.1.9.1", tlv(0x16, ascii("a@example.com"))), // IA5String
      atv("2.5.4.3", tlv(0x0c, new TextEncoder().encode("Zoë"))),
      atv("1.2.3.4", tlv(0x0c, ascii("x"))), // unnamed type: #hex of the BER
    );
    const c = only({ subjectDer: subject });
    expect(c.subjectAttributes.map((a) => a.value)).toEqual(["NZ", "Zë", "Zë", "😀", "Vis", "a@example.com", "Zoë", "x"]);
    expect(c.subject).toBe("1.2.3.4=#0c0178,CN=Zoë,emailAddress=a@example.com,ST=Vis,L=😀,OU=Zë,O=Zë,C=NZ");
    expect(c.subjectCn).toBe("Zoë");
  });

  it("SAN forms: IPv4, compressed IPv6, otherName, registeredID, directoryName", () => {
    const ip6 = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const san = seq(
      oid("2.5.29.17"),
      octets(
        seq(
          tlv(0x87, Uint8Array.of(192, 0, 2, 1)),
          tlv(0x87, ip6),
          ctx(0, true, oid("1.3.6.1.4.1.311.20.2.3"), ctx(0, true, tlv(0x0c, ascii("user@corp")))),
          tlv(0x88, oid("1.2.3.4").subarray(2)),
          ctx(4, true, seq(set(seq(oid("2.5.4.3"), tlv(0x0c, ascii("Dir")))))),
        ),
      ),
    );
    expect(only({ extensions: [san] }).sans).toEqual(["IP:192.0.2.1", "IP:2001:db8::1", "otherName:1.3.6.1.4.1.311.20.2.3:user@corp", "RID:1.2.3.4", "DirName:CN=Dir"]);
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

  it("measures integer bit lengths ignoring sign octets", () => {
    expect(bitLength(Uint8Array.of(0x00, 0x80, 0x00))).toBe(16);
    expect(bitLength(Uint8Array.of(0x01))).toBe(1);
    expect(bitLength(Uint8Array.of(0, 0))).toBe(0);
  });
});
