import { describe, expect, it } from "vitest";
import {
  CERTIFICATE_FIELD_NAMES,
  pickCertificateFields,
  withIsoDates,
  type CertificateFields,
} from "@/lib/domain/certificate-fields";

const fields: CertificateFields = {
  der: new Uint8Array([0x30, 0x00]),
  sha256: "aa",
  sha1: "bb",
  subject: "CN=Leaf",
  subjectCn: "Leaf",
  issuer: "CN=CA",
  issuerCn: "CA",
  serialHex: "01",
  notBefore: new Date("2026-01-01T00:00:00Z"),
  notAfter: new Date("2027-01-01T00:00:00Z"),
  keyAlgorithm: "EC",
  keyBits: 256,
  curve: "P-256",
  signatureAlgorithm: "ecdsa-with-SHA256",
  isCA: false,
  pathLength: null,
  isSelfSigned: false,
  keyUsage: ["digitalSignature"],
  isKeyUsageCritical: true,
  ekus: ["1.3.6.1.5.5.7.3.3"],
  crlUrls: ["http://crl.example/ca.crl"],
  ocspUrls: [],
  caIssuersUrls: [],
  sans: ["DNS:example.com"],
  policies: [],
  subjectKeyId: "01",
  authorityKeyId: "02",
  fulcio: null,
  isKeyless: false,
};

describe("the one certificate shape", () => {
  it("picks exactly the certificate's own fields from a larger object (decoder facts)", () => {
    const facts = { ...fields, spkiSha256: "cc", warnings: ["w"], subjectAttributes: [] };
    const picked = pickCertificateFields(facts);
    expect(Object.keys(picked).sort()).toEqual([...CERTIFICATE_FIELD_NAMES].sort());
    expect(picked).toEqual(fields);
    expect(picked).not.toHaveProperty("spkiSha256");
  });

  it("turns dates into ISO text for JSON views and leaves the rest alone", () => {
    const view = withIsoDates({
      notBefore: fields.notBefore,
      revokedAt: null as Date | null,
      isCA: true,
      crlUrls: fields.crlUrls,
    });
    expect(view).toEqual({
      notBefore: "2026-01-01T00:00:00.000Z",
      revokedAt: null,
      isCA: true,
      crlUrls: ["http://crl.example/ca.crl"],
    });
  });
});
