import { createHash, KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { ekuName } from "./oids";
import { parseCertificateFile } from "./parse-file";
import { verifySignedBy } from "./verify";
import { createKeyPool, generateBulkLeaves } from "./testing/bulk-leaves";
import {
  createTestRootCa,
  generateTestKeyPair,
  issueCertificate,
  type CertificateSpec,
  type KeySpec,
  type SignatureHash,
  type TestCertificate,
  type TestKeyPair,
} from "./testing/test-ca";
import type { CertificateFacts } from "./types";

// Property-style: certificates generated from seeded random choices, parsed back, and every fact
// compared with what the generator was told to write.

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [value as stored, its RFC 4514 form]
const VALUES: Array<[string, string]> = [
  ["Build Bot", "Build Bot"],
  ["Acme, Inc.", "Acme\\, Inc."],
  ["a+b=c", "a\\+b=c"],
  ['say "hi"', 'say \\"hi\\"'],
  ["semi;colon <x>", "semi\\;colon \\<x\\>"],
  ["back\\slash", "back\\\\slash"],
  ["#hash", "\\#hash"],
  [" leading", "\\ leading"],
  ["trailing ", "trailing\\ "],
  ["Zoë Åström 测试", "Zoë Åström 测试"],
];
const ATTRS: Array<[string, string]> = [
  ["CN", "2.5.4.3"],
  ["O", "2.5.4.10"],
  ["OU", "2.5.4.11"],
  ["L", "2.5.4.7"],
  ["ST", "2.5.4.8"],
];
const EKUS: Array<[string, string]> = [
  ["codeSigning", "1.3.6.1.5.5.7.3.3"],
  ["timeStamping", "1.3.6.1.5.5.7.3.8"],
  ["clientAuth", "1.3.6.1.5.5.7.3.2"],
  ["msCodeCom", "1.3.6.1.4.1.311.2.1.22"],
  ["msLifetimeSigning", "1.3.6.1.4.1.311.10.3.13"],
  ["appleCodeSigning", "1.2.840.113635.100.4.1"],
  ["anyExtendedKeyUsage", "2.5.29.37.0"],
];
const KEY_USAGE_ORDER = ["digitalSignature", "nonRepudiation", "keyEncipherment", "keyCertSign", "cRLSign"] as const;
const KEY_FACTS: Record<KeySpec, { keyAlgorithm: string; keyBits: number; curve: string | null }> = {
  "RSA-2048": { keyAlgorithm: "RSA", keyBits: 2048, curve: null },
  "RSA-3072": { keyAlgorithm: "RSA", keyBits: 3072, curve: null },
  "RSA-4096": { keyAlgorithm: "RSA", keyBits: 4096, curve: null },
  "P-256": { keyAlgorithm: "EC", keyBits: 256, curve: "P-256" },
  "P-384": { keyAlgorithm: "EC", keyBits: 384, curve: "P-384" },
  Ed25519: { keyAlgorithm: "Ed25519", keyBits: 256, curve: null },
};

function expectedSignatureAlgorithm(issuerKey: KeySpec, hash: SignatureHash | undefined): string {
  if (issuerKey === "Ed25519") return "Ed25519";
  const h = hash ?? (issuerKey === "P-384" ? "SHA-384" : "SHA-256");
  return issuerKey.startsWith("RSA") ? `${h.replace("-", "").toLowerCase()}WithRSAEncryption` : `ecdsa-with-${h.replace("-", "")}`;
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}
function subset<T>(r: () => number, items: readonly T[], p = 0.4): T[] {
  return items.filter(() => r() < p);
}

interface Case {
  spec: CertificateSpec;
  expected: { subject: string; attributes: Array<{ type: string; oid: string; value: string }> };
  cert: TestCertificate;
}

const ISSUER_SUBJECTS = new Map<TestCertificate, string>();
const pools = new Map<KeySpec, TestKeyPair[]>();
async function pooledKey(r: () => number, spec: KeySpec): Promise<TestKeyPair> {
  const pool = pools.get(spec) ?? [];
  pools.set(spec, pool);
  // RSA key generation is slow: at most two keys per spec (reuse is renewal without rekey anyway)
  if (pool.length < 2) pool.push(await generateTestKeyPair(spec));
  return pick(r, pool);
}

async function randomCase(r: () => number, issuers: TestCertificate[], n: number): Promise<Case> {
  const rdns = Array.from({ length: 1 + Math.floor(r() * 4) }, () => [pick(r, ATTRS), pick(r, VALUES)] as const);
  if (r() < 0.7) rdns.unshift([["C", "2.5.4.6"], ["US", "US"]]);
  const subject = [...rdns].reverse().map(([[type], [, escaped]]) => `${type}=${escaped}`).join(",");
  const attributes = rdns.map(([[type, oid], [value]]) => ({ type, oid, value }));
  const isCA = r() < 0.3;
  const keySpec = pick(r, ["P-256", "P-256", "P-384", "Ed25519", "RSA-2048", "RSA-2048"] as const);
  const serialBytes = 1 + Math.floor(r() * 20);
  const serialHex = Array.from({ length: serialBytes }, (_, i) => (i === 0 ? 1 + Math.floor(r() * 255) : Math.floor(r() * 256)).toString(16).padStart(2, "0")).join("");
  const notBefore = new Date(Date.UTC(1995 + Math.floor(r() * 50), Math.floor(r() * 12), 1 + Math.floor(r() * 28), Math.floor(r() * 24), Math.floor(r() * 60), Math.floor(r() * 60)));
  const notAfter = new Date(notBefore.getTime() + Math.floor(r() * 80 * 365) * 86_400_000 + 1000);
  const issuer = r() < 0.2 ? undefined : pick(r, issuers);
  const spec: CertificateSpec = {
    subject,
    issuer,
    key: await pooledKey(r, keySpec),
    serialHex,
    notBefore,
    notAfter,
    isCA,
    pathLength: isCA && r() < 0.5 ? Math.floor(r() * 3) : undefined,
    keyUsage: subset(r, KEY_USAGE_ORDER),
    isKeyUsageCritical: r() < 0.5,
    extendedKeyUsage: subset(r, EKUS, 0.3).map(([name, oid]) => (r() < 0.5 ? name : oid)),
    crlUrls: subset(r, ["http://crl.example.com/ca.crl", "ldap://dir.example.com/cn=CA?certificateRevocationList"]),
    ocspUrls: subset(r, ["http://ocsp.example.com", "http://ocsp2.example.com/x"]),
    caIssuersUrls: subset(r, ["http://pki.example.com/ca.cer"]),
    sans: subset(r, ["DNS:build.example.com", "URI:https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main", "email:bot@example.com", "IP:192.0.2.7", "IP:2001:db8::7"]),
    policies: subset(r, ["2.23.140.1.3", "1.3.6.1.4.1.57264.2"]),
    signatureHash: r() < 0.15 ? "SHA-1" : r() < 0.2 ? "SHA-512" : undefined,
    fulcio: r() < 0.25 ? { issuerV1: "https://token.actions.githubusercontent.com", issuerV2: "https://token.actions.githubusercontent.com", githubWorkflowRef: `refs/tags/v${n}`, sourceRepositoryUri: "https://github.com/acme/app", runnerEnvironment: "github-hosted" } : undefined,
  };
  return { spec, expected: { subject, attributes }, cert: await issueCertificate(spec) };
}

function checkAgainstSpec(c: Case, facts: CertificateFacts) {
  const { spec, cert } = c;
  const issuer = spec.issuer;
  const keySpec = (spec.key as TestKeyPair).spec;
  expect(facts.der).toEqual(cert.der);
  expect(facts.sha256).toBe(createHash("sha256").update(cert.der).digest("hex"));
  expect(facts.sha1).toBe(createHash("sha1").update(cert.der).digest("hex"));
  const spki = KeyObject.from((spec.key as TestKeyPair).keys.publicKey).export({ type: "spki", format: "der" });
  expect(facts.spkiSha256).toBe(createHash("sha256").update(spki).digest("hex"));
  expect(facts.subject).toBe(c.expected.subject);
  expect(facts.subjectAttributes).toEqual(c.expected.attributes);
  expect(facts.subjectCn).toBe(c.expected.attributes.find((a) => a.type === "CN")?.value ?? null);
  expect(facts.issuer).toBe(issuer ? ISSUER_SUBJECTS.get(issuer) : c.expected.subject);
  expect(facts.serialHex).toBe(parseInt(spec.serialHex!.slice(0, 2), 16) >= 0x80 ? "00" + spec.serialHex : spec.serialHex);
  expect(facts.notBefore).toEqual(spec.notBefore);
  expect(facts.notAfter).toEqual(spec.notAfter);
  expect({ keyAlgorithm: facts.keyAlgorithm, keyBits: facts.keyBits, curve: facts.curve }).toEqual(KEY_FACTS[keySpec]);
  expect(facts.signatureAlgorithm).toBe(expectedSignatureAlgorithm(issuer ? issuer.keyPair.spec : keySpec, spec.signatureHash));
  expect(facts.isCA).toBe(spec.isCA);
  expect(facts.pathLength).toBe(spec.pathLength ?? null);
  expect(facts.keyUsage).toEqual(spec.keyUsage);
  expect(facts.isKeyUsageCritical).toBe(spec.keyUsage!.length > 0 && spec.isKeyUsageCritical!);
  expect(facts.ekus).toEqual(spec.extendedKeyUsage!.map((e) => EKUS.find(([n, o]) => e === n || e === o)![1]));
  expect(facts.ekus.map(ekuName)).toEqual(spec.extendedKeyUsage!.map((e) => EKUS.find(([n, o]) => e === n || e === o)![0]));
  expect(facts.crlUrls).toEqual(spec.crlUrls);
  expect(facts.ocspUrls).toEqual(spec.ocspUrls);
  expect(facts.caIssuersUrls).toEqual(spec.caIssuersUrls);
  expect(facts.sans).toEqual(spec.sans);
  expect(facts.policies).toEqual(spec.policies);
  const ski = cert.certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  expect(facts.subjectKeyId).toBe(ski?.keyId);
  expect(facts.authorityKeyId).toBe(issuer ? issuer.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId : ski?.keyId);
  expect(facts.isSelfSigned).toBe(!issuer);
  expect(facts.isKeylessCi).toBe(spec.fulcio !== undefined);
  if (spec.fulcio) {
    expect(facts.fulcio).toMatchObject({ ...spec.fulcio, issuer: spec.fulcio.issuerV2, buildSignerUri: null });
  } else {
    expect(facts.fulcio).toBeNull();
  }
  expect(facts.warnings).toEqual([]);
}

describe("generated certificates parse back to exactly what was generated", () => {
  const cases: Case[] = [];

  beforeAll(async () => {
    const r = prng(20240611);
    const issuers: TestCertificate[] = [];
    for (const [key, subject] of [
      ["P-256", "CN=EC Root,O=Signet Test,C=US"],
      ["RSA-2048", "CN=RSA Root,O=Signet\\, Test,C=US"],
      ["Ed25519", "CN=Ed Root,OU=Zoë,C=US"],
      ["P-384", "CN=P384 Root,O=Signet Test,C=US"],
    ] as const) {
      const root = await createTestRootCa({ key, subject });
      ISSUER_SUBJECTS.set(root, subject);
      issuers.push(root);
    }
    for (let n = 0; n < 40; n++) cases.push(await randomCase(r, issuers, n));
  }, 30_000);

  it("every field of 40 seeded random certificates matches the generator input", () => {
    for (const c of cases) {
      const result = parseCertificateFile(c.cert.der);
      expect(result.errors).toEqual([]);
      checkAgainstSpec(c, result.certificates[0]);
    }
  });

  it("issuer links verify for every issued certificate and fail against another issuer", async () => {
    for (const c of cases.filter((x) => x.spec.issuer)) {
      expect(await verifySignedBy(c.cert.der, c.spec.issuer!.der)).toBe(true);
      expect(await verifySignedBy(c.cert.der, c.cert.der)).toBe(false);
    }
  });
});

describe("renewal without rekey", () => {
  it("reusing a key pair keeps the SPKI fingerprint while the certificate changes", async () => {
    const root = await createTestRootCa();
    const first = await issueCertificate({ subject: "CN=Signer", issuer: root, notBefore: new Date("2024-01-01T00:00:00Z") });
    const renewed = await issueCertificate({ subject: "CN=Signer", issuer: root, key: first.keyPair, notBefore: new Date("2025-01-01T00:00:00Z") });
    const rekeyed = await issueCertificate({ subject: "CN=Signer", issuer: root, notBefore: new Date("2025-01-01T00:00:00Z") });
    const [a, b, c] = [first, renewed, rekeyed].map((x) => parseCertificateFile(x.der).certificates[0]);
    expect(b.spkiSha256).toBe(a.spkiSha256);
    expect(b.subjectKeyId).toBe(a.subjectKeyId);
    expect(b.sha256).not.toBe(a.sha256);
    expect(c.spkiSha256).not.toBe(a.spkiSha256);
  });
});

describe("bulk generator", () => {
  it("produces valid, distinct, verifiable certificates that parse back to their inputs", async () => {
    const issuer = await createTestRootCa({ key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
    const keyPool = await createKeyPool(3);
    const leaves = Array.from(
      generateBulkLeaves({ issuer, count: 300, keyPool, crlUrls: ["http://crl.example.com/bulk.crl"], ocspUrls: ["http://ocsp.example.com"], caIssuersUrls: ["http://pki.example.com/root.cer"] }),
    );
    const issuerFacts = parseCertificateFile(issuer.der).certificates[0];
    const seen = new Set<string>();
    const spkis = new Set<string>();
    for (const leaf of leaves) {
      const facts = parseCertificateFile(leaf.der).certificates[0];
      spkis.add(facts.spkiSha256);
      expect(facts).toMatchObject({
        subject: leaf.subject,
        issuer: issuerFacts.subject,
        serialHex: leaf.serialHex,
        notBefore: leaf.notBefore,
        notAfter: leaf.notAfter,
        keyAlgorithm: "EC",
        ekus: ["1.3.6.1.5.5.7.3.3"],
        keyUsage: ["digitalSignature"],
        isKeyUsageCritical: true,
        crlUrls: ["http://crl.example.com/bulk.crl"],
        ocspUrls: ["http://ocsp.example.com"],
        caIssuersUrls: ["http://pki.example.com/root.cer"],
        authorityKeyId: issuerFacts.subjectKeyId,
        isSelfSigned: false,
      });
      seen.add(facts.sha256);
    }
    expect(seen.size).toBe(300);
    // leaves sharing a pooled key share the SPKI fingerprint: renewal without rekey
    expect(spkis.size).toBe(3);
    for (const leaf of leaves.slice(0, 20)) expect(await verifySignedBy(leaf.der, issuer.der)).toBe(true);
  }, 30_000); // 300 library parses: ~1 s idle, several seconds on a loaded 2-core box
});
