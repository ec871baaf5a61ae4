import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ekuName } from "./oids";
import { parseCertificateFile } from "./parse-file";
import { comparableFromFacts, comparableFromOpenssl, opensslSelfSigned, opensslX509 } from "./testing/openssl";
import { createKeylessCiLeaf, createTestRootCa, issueCertificate, type TestCertificate } from "./testing/test-ca";
import type { CertificateFacts } from "./types";

// Our parse against `openssl x509 -noout -subject -issuer -serial -dates -fingerprint -sha256
// -text -nameopt RFC2253` for generated certificates of every supported key type.

function agreeWithOpenssl(der: Uint8Array): CertificateFacts {
  const result = parseCertificateFile(der);
  expect(result.errors).toEqual([]);
  const facts = result.certificates[0];
  const view = opensslX509(der);
  expect(comparableFromFacts(facts, view)).toEqual(comparableFromOpenssl(view));
  return facts;
}

const URLS = {
  crlUrls: ["http://crl.example.com/code-signing.crl"],
  ocspUrls: ["http://ocsp.example.com"],
  caIssuersUrls: ["http://pki.example.com/code-signing-ca.cer"],
};

let rsaRoot: TestCertificate;
let ecRoot: TestCertificate;
let tmp: string;

beforeAll(async () => {
  rsaRoot = await createTestRootCa({
    key: "RSA-2048",
    subject: "CN=Agreement RSA Root,O=Signet Test\\, Ltd,C=GB",
    notBefore: new Date("2020-01-01T00:00:00Z"),
  });
  ecRoot = await createTestRootCa({
    key: "P-384",
    subject: "CN=Agreement EC Root,O=Signet Test,C=DE",
    notBefore: new Date("2020-01-01T00:00:00Z"),
  });
  tmp = mkdtempSync(join(tmpdir(), "signet-openssl-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("parse agrees with openssl", () => {
  it("self-signed RSA and EC roots", () => {
    expect(agreeWithOpenssl(rsaRoot.der).isSelfSigned).toBe(true);
    expect(agreeWithOpenssl(ecRoot.der)).toMatchObject({ isSelfSigned: true, curve: "P-384", keyBits: 384 });
  });

  it("RSA-2048 code-signing leaf with EKUs, URLs, SANs and policies", async () => {
    const leaf = await issueCertificate({
      subject: "CN=Release Bot,OU=Build \\+ Release,O=Acme,L=Zürich,ST=ZH,C=CH",
      issuer: rsaRoot,
      key: "RSA-2048",
      serialHex: "8badf00d",
      notBefore: new Date("2024-03-01T08:00:00Z"),
      notAfter: new Date("2027-03-01T08:00:00Z"),
      keyUsage: ["digitalSignature", "nonRepudiation"],
      isKeyUsageCritical: true,
      extendedKeyUsage: ["codeSigning", "timeStamping", "msCodeCom", "msCodeInd", "appleCodeSigning"],
      sans: [
        "DNS:release.acme.example",
        "URI:https://ci.acme.example/pipelines/7",
        "email:release@acme.example",
        "IP:192.0.2.10",
        "IP:2001:db8::10",
      ],
      policies: ["2.23.140.1.3"],
      ...URLS,
    });
    const facts = agreeWithOpenssl(leaf.der);
    expect(facts.serialHex).toBe("008badf00d");
    expect(facts.ekus.map(ekuName)).toEqual([
      "codeSigning",
      "timeStamping",
      "msCodeCom",
      "msCodeInd",
      "appleCodeSigning",
    ]);
  });

  it("leaf signed with SHA-1 by an RSA root (the root re-used as the leaf key: renewal-style reuse)", async () => {
    const leaf = await issueCertificate({
      subject: "CN=Legacy Signer,O=Acme,C=US",
      issuer: rsaRoot,
      key: rsaRoot.keyPair,
      signatureHash: "SHA-1",
      extendedKeyUsage: ["codeSigning"],
      ...URLS,
    });
    expect(agreeWithOpenssl(leaf.der)).toMatchObject({ signatureAlgorithm: "sha1WithRSAEncryption", keyBits: 2048 });
  });

  it("P-256 leaf under a P-384 intermediate, with names that need escaping", async () => {
    const intermediate = await issueCertificate({
      subject: "CN=Agreement EC CA,O=Signet Test,C=DE",
      issuer: ecRoot,
      key: "P-384",
      isCA: true,
      pathLength: 0,
      keyUsage: ["keyCertSign", "cRLSign"],
      isKeyUsageCritical: true,
      ...URLS,
    });
    expect(agreeWithOpenssl(intermediate.der)).toMatchObject({
      isCA: true,
      pathLength: 0,
      signatureAlgorithm: "ecdsa-with-SHA384",
    });
    const leaf = await issueCertificate({
      subject: 'CN=Zoë \\"Build\\" Bot,OU=\\#ops\\; eu,O=Acme\\, Inc.,C=FR',
      issuer: intermediate,
      key: "P-256",
      notAfter: new Date("2051-06-01T00:00:00Z"),
      extendedKeyUsage: ["codeSigning"],
      keyUsage: ["digitalSignature"],
      ...URLS,
    });
    expect(agreeWithOpenssl(leaf.der)).toMatchObject({ curve: "P-256", subjectCn: 'Zoë "Build" Bot' });
  });

  it("Ed25519 leaf with Fulcio extensions", async () => {
    const leaf = await createKeylessCiLeaf(ecRoot, { subject: "CN=keyless" });
    expect(agreeWithOpenssl(leaf.der)).toMatchObject({ keyAlgorithm: "Ed25519", isKeylessCi: true });
    const ed = await createTestRootCa({ key: "Ed25519", subject: "CN=Ed Root" });
    expect(agreeWithOpenssl(ed.der)).toMatchObject({ signatureAlgorithm: "Ed25519", isSelfSigned: true });
  });

  it("RSA-PSS and P-521 certificates made by openssl itself", () => {
    const make = (name: string, keyArgs: string[], extra: string[] = []) =>
      opensslSelfSigned(tmp, name, keyArgs, extra);
    const pss = make("pss", ["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"]);
    expect(agreeWithOpenssl(pss)).toMatchObject({
      keyAlgorithm: "RSA-PSS",
      signatureAlgorithm: "rsassaPss",
      isSelfSigned: true,
    });
    const pssFromRsa = make(
      "pss2",
      ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
      ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sha384"],
    );
    expect(agreeWithOpenssl(pssFromRsa)).toMatchObject({
      keyAlgorithm: "RSA",
      signatureAlgorithm: "rsassaPss",
      isSelfSigned: true,
    });
    const p521 = make("p521", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]);
    expect(agreeWithOpenssl(p521)).toMatchObject({
      curve: "P-521",
      keyBits: 521,
      signatureAlgorithm: "ecdsa-with-SHA256",
      isSelfSigned: true,
    });
  });
});
