import { beforeAll, describe, expect, it } from "vitest";
import { parseCertificateFile } from "./parse-file";
import {
  createCodeSigningLeaf,
  createTestIntermediateCa,
  createTestRootCa,
  issueCertificate,
  type TestCertificate,
} from "./testing/test-ca";
import { createHash } from "node:crypto";
import { createIssuerVerifier, spkiOfDer, verifySignedBy } from "./verify";

let root: TestCertificate;
let ca: TestCertificate;
let leaf: TestCertificate;

beforeAll(async () => {
  root = await createTestRootCa({ key: "RSA-2048" });
  ca = await createTestIntermediateCa(root, { key: "P-384" });
  leaf = await createCodeSigningLeaf(ca, { key: "Ed25519" });
});

describe("verifySignedBy", () => {
  it("confirms real issuer links across RSA, ECDSA and Ed25519", async () => {
    expect(await verifySignedBy(ca.der, root.der)).toBe(true);
    expect(await verifySignedBy(leaf.der, ca.der)).toBe(true);
    expect(await verifySignedBy(root.der, root.der)).toBe(true);
  });

  it("accepts @peculiar/x509 certificates and parsed facts", async () => {
    expect(await verifySignedBy(leaf.certificate, ca.certificate)).toBe(true);
    const [leafFacts] = parseCertificateFile(leaf.der).certificates;
    expect(await verifySignedBy(leafFacts, { der: ca.der })).toBe(true);
  });

  it("rejects the wrong issuer, a same-name impostor and a tampered certificate", async () => {
    expect(await verifySignedBy(leaf.der, root.der)).toBe(false);
    const impostor = await issueCertificate({
      subject: "CN=Signet Test Code Signing CA,O=Signet Test,C=US",
      isCA: true,
      issuer: root,
    });
    expect(await verifySignedBy(leaf.der, impostor.der)).toBe(false);
    const tampered = new Uint8Array(leaf.der);
    tampered[60] ^= 0x01;
    expect(await verifySignedBy(tampered, ca.der)).toBe(false);
  });

  it("never throws, whatever it is given", async () => {
    expect(await verifySignedBy(new Uint8Array(), ca.der)).toBe(false);
    expect(await verifySignedBy(leaf.der, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))).toBe(false);
    expect(await verifySignedBy(Uint8Array.of(0xff, 0xff), new Uint8Array(10))).toBe(false);
  });
});

describe("createIssuerVerifier", () => {
  it("agrees with verifySignedBy on real links, wrong issuers, impostors and tampering", async () => {
    const isIssuedBy = createIssuerVerifier();
    const impostor = await issueCertificate({
      subject: "CN=Signet Test Code Signing CA,O=Signet Test,C=US",
      isCA: true,
      issuer: root,
    });
    const tampered = new Uint8Array(leaf.der);
    tampered[60] ^= 0x01;
    const cases: [Uint8Array, Uint8Array][] = [
      [ca.der, root.der],
      [leaf.der, ca.der],
      [root.der, root.der],
      [leaf.der, root.der],
      [leaf.der, impostor.der],
      [tampered, ca.der],
    ];
    for (const [child, issuer] of cases) {
      // twice: the second call uses the cached issuer key
      expect(isIssuedBy(child, issuer)).toBe(await verifySignedBy(child, issuer));
      expect(isIssuedBy(child, issuer)).toBe(await verifySignedBy(child, issuer));
    }
  });

  it("never throws, whatever it is given", () => {
    const isIssuedBy = createIssuerVerifier();
    expect(isIssuedBy(new Uint8Array(), ca.der)).toBe(false);
    expect(isIssuedBy(leaf.der, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))).toBe(false);
    expect(isIssuedBy(Uint8Array.of(0xff, 0xff), new Uint8Array(10))).toBe(false);
    expect(isIssuedBy(leaf.der.subarray(0, 200), ca.der)).toBe(false);
  });

  it("slices the SubjectPublicKeyInfo the parser fingerprints", () => {
    for (const cert of [root, ca, leaf]) {
      const [facts] = parseCertificateFile(cert.der).certificates;
      expect(createHash("sha256").update(spkiOfDer(cert.der)).digest("hex")).toBe(facts.spkiSha256);
    }
  });
});
