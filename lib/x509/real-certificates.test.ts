import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCertificateFile } from "./parse-file";
import { comparableFromFacts, comparableFromOpenssl, opensslX509 } from "./testing/openssl";
import type { CertificateFacts } from "./types";
import { verifySignedBy } from "./verify";

// Public real-world code-signing certificates (see testdata/real/README.md), each compared
// field by field with OpenSSL, plus the facts that matter to Signet checked explicitly.

const DIR = join(import.meta.dirname, "testdata", "real");
const read = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

function parseReal(name: string): CertificateFacts[] {
  const r = parseCertificateFile(read(name), { fileName: name });
  expect(r.errors).toEqual([]);
  return r.certificates;
}

describe("real-world certificates agree with openssl", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".pem"));

  it("the corpus is all there", () => {
    expect(files).toHaveLength(8);
  });

  it.each(files)("%s", (name) => {
    const certs = parseReal(name);
    expect(certs.length).toBeGreaterThan(0);
    for (const facts of certs) {
      const view = opensslX509(facts.der);
      expect(comparableFromFacts(facts, view)).toEqual(comparableFromOpenssl(view));
    }
  });
});

const GITHUB_ACTIONS = "https://token.actions.githubusercontent.com";

/** The Fulcio issuer and v1 GitHub workflow extensions of a run of a sigstore/… repository's workflow. */
const githubRun = (trigger: string, sha: string, workflow: string, repository: string, ref: string) => ({
  issuer: GITHUB_ACTIONS,
  issuerV1: GITHUB_ACTIONS,
  githubWorkflowTrigger: trigger,
  githubWorkflowSha: sha,
  githubWorkflowName: workflow,
  githubWorkflowRepository: `sigstore/${repository}`,
  githubWorkflowRef: ref,
});

describe("what Signet needs from each real certificate", () => {
  it("Sigstore Fulcio leaf with legacy GitHub extensions", () => {
    const [f] = parseReal("sigstore-python-c-txt-fulcio-leaf.pem");
    expect(f).toMatchObject({
      subject: "",
      subjectCn: null,
      issuer: "CN=sigstore-intermediate,O=sigstore.dev",
      keyAlgorithm: "EC",
      curve: "P-384",
      signatureAlgorithm: "ecdsa-with-SHA384",
      sans: ["URI:https://github.com/sigstore/sigstore-python/.github/workflows/ci.yml@refs/pull/288/merge"],
      ekus: ["1.3.6.1.5.5.7.3.3"],
      isKeylessCi: true,
      isSelfSigned: false,
    });
    expect(f.notAfter.getTime() - f.notBefore.getTime()).toBe(10 * 60_000);
    expect(f.fulcio).toMatchObject({
      ...githubRun(
        "pull_request",
        "3be72356ef4517bb8e50f296887f9c5786f90316",
        "CI",
        "sigstore-python",
        "refs/pull/288/merge",
      ),
      issuerV2: null,
      buildSignerUri: null,
    });
  });

  it("Sigstore Fulcio leaf with the DER-encoded provider-neutral extensions", () => {
    const [f] = parseReal("sigstore-js-3.1.0-provenance-leaf.pem");
    expect(f.curve).toBe("P-256");
    expect(f.fulcio).toEqual({
      ...githubRun("push", "06cd267cbdc2eeaa04294995622db9f6ad2fa7cf", "Release", "sigstore-js", "refs/heads/main"),
      issuerV2: GITHUB_ACTIONS,
      buildSignerUri: "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main",
      buildSignerDigest: "06cd267cbdc2eeaa04294995622db9f6ad2fa7cf",
      runnerEnvironment: "github-hosted",
      sourceRepositoryUri: "https://github.com/sigstore/sigstore-js",
      sourceRepositoryDigest: "06cd267cbdc2eeaa04294995622db9f6ad2fa7cf",
      sourceRepositoryRef: "refs/heads/main",
      sourceRepositoryIdentifier: "495574555",
      sourceRepositoryOwnerUri: "https://github.com/sigstore",
      sourceRepositoryOwnerIdentifier: "71096353",
      buildConfigUri: "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main",
      buildConfigDigest: "06cd267cbdc2eeaa04294995622db9f6ad2fa7cf",
      buildTrigger: "push",
      runInvocationUri: "https://github.com/sigstore/sigstore-js/actions/runs/13144357684/attempts/1",
      sourceRepositoryVisibilityAtSigning: "public",
      deploymentEnvironment: null,
    });
  });

  // the facts that matter to Signet, as each certificate's publisher shows them
  for (const { title, file, facts } of [
    {
      title: "Sigstore root published with indented lines (which openssl itself cannot read)",
      file: "sigstore-fulcio-root-2021.pem",
      facts: {
        subject: "CN=sigstore,O=sigstore.dev",
        isSelfSigned: true,
        isCA: true,
        pathLength: 1,
        keyUsage: ["keyCertSign", "cRLSign"],
        sha256: "03a38ffb1f450100c2596d1d10b900ac4d504058006dda58199576bbeb9c73d0",
      },
    },
    {
      title: "Authenticode publisher certificate from VeriSign",
      file: "authenticode-codetwo-verisign.pem",
      facts: {
        issuer:
          "CN=VeriSign Class 3 Code Signing 2010 CA,OU=Terms of use at https://www.verisign.com/rpa (c)10,OU=VeriSign Trust Network,O=VeriSign\\, Inc.,C=US",
        serialHex: "5aa00a03d9e4c1d6a79beb6aa2091f1a",
        signatureAlgorithm: "sha1WithRSAEncryption",
        keyBits: 2048,
        crlUrls: ["http://csc3-2010-crl.verisign.com/CSC3-2010.crl"],
        ocspUrls: ["http://ocsp.verisign.com"],
        caIssuersUrls: ["http://csc3-2010-aia.verisign.com/CSC3-2010.cer"],
        policies: ["2.16.840.1.113733.1.7.23.3"],
        authorityKeyId: "cf99a9ea7b26f44bc98e8fd7f00526efe3d2a79d",
        subjectKeyId: null,
        notAfter: new Date("2016-12-15T23:59:59.000Z"),
        extensionOids: expect.arrayContaining(["1.3.6.1.4.1.311.2.1.27"]),
      },
    },
    {
      title: "self-signed RSA-4096 driver-signing root with only legacy extensions",
      file: "virtualkd-redux-ca.pem",
      facts: {
        keyBits: 4096,
        isSelfSigned: true,
        isCA: true,
        keyUsage: [],
        authorityKeyId: null,
        extensionOids: ["2.5.29.19", "2.5.29.1"],
      },
    },
    {
      title: "Apple Developer ID Application certificate",
      file: "apple-developer-id-mozilla.pem",
      facts: {
        subject:
          "C=US,O=Mozilla Corporation,OU=43AQ936H96,CN=Developer ID Application: Mozilla Corporation (43AQ936H96),UID=43AQ936H96",
        // in DER order: the UID first
        subjectAttributes: [
          { type: "UID", oid: "0.9.2342.19200300.100.1.1", value: "43AQ936H96" },
          { type: "CN" },
          { type: "OU" },
          { type: "O" },
          { type: "C" },
        ],
        subjectCn: "Developer ID Application: Mozilla Corporation (43AQ936H96)",
        issuerCn: "Developer ID Certification Authority",
        serialHex: "06c794216c7aa930",
        ekus: ["1.3.6.1.5.5.7.3.3"],
        ocspUrls: ["http://ocsp.apple.com/ocsp-devid01"],
        policies: ["1.2.840.113635.100.5.1"],
        extensionOids: expect.arrayContaining(["1.2.840.113635.100.6.1.13"]),
      },
    },
  ]) {
    it(title, () => {
      const [f] = parseReal(file);
      expect(f).toMatchObject(facts);
    });
  }

  it("Mozilla add-on signature (signed PKCS#7): signer and intermediate, linked to the AMO root", async () => {
    const r = parseCertificateFile(read("mozilla-amo-addon-signature.p7s.pem"));
    expect(r).toMatchObject({ format: "pkcs7-pem", errors: [] });
    const [signer, intermediate] = r.certificates;
    expect(signer).toMatchObject({ subjectCn: "tabscope@xuldev.org", keyBits: 4096, isCA: false, isSelfSigned: false });
    expect(intermediate).toMatchObject({
      subject:
        "emailAddress=services-ops\\+addonsigning@mozilla.com,CN=production-signing-ca.addons.mozilla.org,OU=Mozilla AMO Production Signing Service,O=Mozilla Corporation,C=US",
      isCA: true,
      ekus: ["1.3.6.1.5.5.7.3.3"],
      signatureAlgorithm: "sha384WithRSAEncryption",
    });
    const [root] = parseReal("mozilla-amo-production-root.pem");
    expect(root).toMatchObject({
      subjectCn: "root-ca-production-amo",
      isSelfSigned: true,
      signatureAlgorithm: "sha384WithRSAEncryption",
    });
    expect(await verifySignedBy(signer.der, intermediate.der)).toBe(true);
    expect(await verifySignedBy(intermediate.der, root.der)).toBe(true);
    expect(await verifySignedBy(signer.der, root.der)).toBe(false);
  });
});
