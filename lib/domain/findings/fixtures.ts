// Test fixtures: a compliant certificate, key and signer at a fixed clock. Each test changes
// only what it is about, so "no findings" for the baseline proves every rule's negative case.
import { DAY_MS } from "@/lib/domain/expiry";
import { defaultPolicy, mergePolicy } from "@/lib/domain/policy";
import type {
  CredentialFact,
  CertificateRuleInput,
  EvaluationContext,
  FindingDraft,
  KeyInput,
  SignerInput,
} from "@/lib/domain/findings/types";

export const NOW = new Date("2026-11-23T12:00:00Z");

export function daysFromNow(days: number, extraMs = 0): Date {
  return new Date(NOW.getTime() + days * DAY_MS + extraMs);
}

export function ctx(overrides?: unknown): EvaluationContext {
  return { now: NOW, policy: overrides ? mergePolicy(defaultPolicy, overrides) : defaultPolicy };
}

export function certificate(overrides: Partial<CertificateRuleInput> = {}): CertificateRuleInput {
  return {
    id: "cert-1",
    sha256: "a".repeat(64),
    subject: "CN=Acme Release Signing,O=Acme Corp,L=Berlin,C=DE",
    subjectCn: "Acme Release Signing",
    issuer: "CN=Acme Code Signing CA R1,O=Acme Corp,C=DE",
    serialHex: "0a1b2c3d4e5f60718293",
    notBefore: new Date("2026-06-01T00:00:00Z"),
    notAfter: new Date("2027-06-01T00:00:00Z"),
    keyAlgorithm: "RSA",
    keyBits: 3072,
    curve: null,
    signatureAlgorithm: "sha256WithRSAEncryption",
    isCA: false,
    isSelfSigned: false,
    isKeyless: false,
    keyUsage: ["digitalSignature"],
    isKeyUsageCritical: true,
    ekus: ["1.3.6.1.5.5.7.3.3"],
    // a publicly-trusted code-signing certificate: judged by the CSBR profile
    policies: ["2.23.140.1.4.1"],
    crlUrls: ["http://crl.acme.test/cs-r1.crl"],
    ocspUrls: ["http://ocsp.acme.test"],
    caIssuersUrls: ["http://pki.acme.test/cs-r1.cer"],
    authorityKeyId: "4f2e9a",
    keyId: "key-1",
    importedAt: new Date("2026-06-02T00:00:00Z"),
    revocationStatus: "good",
    revokedAt: null,
    revocationCheckedAt: daysFromNow(-1),
    revocationError: null,
    signers: [{ id: "sig-1", name: "payments-release", status: "active", lastSignedAt: daysFromNow(-2) }],
    isSuperseded: false,
    latestSigningAt: daysFromNow(-2),
    ...overrides,
  };
}

/** a CA certificate nobody signs with directly, that in-use certificates chain to */
export function caCertificate(overrides: Partial<CertificateRuleInput> = {}): CertificateRuleInput {
  return certificate({
    id: "ca-1",
    subject: "CN=Acme Code Signing CA R1,O=Acme Corp,C=DE",
    subjectCn: "Acme Code Signing CA R1",
    issuer: "CN=Acme Root R1,O=Acme Corp,C=DE",
    notBefore: new Date("2024-01-01T00:00:00Z"),
    notAfter: new Date("2034-01-01T00:00:00Z"),
    keyBits: 4096,
    isCA: true,
    keyUsage: ["keyCertSign", "cRLSign"],
    ekus: [],
    keyId: "key-ca",
    signers: [],
    latestSigningAt: null,
    inUseIssuedCertificateCount: 3,
    ...overrides,
  });
}

export function key(overrides: Partial<KeyInput> = {}): KeyInput {
  return {
    id: "key-1",
    spkiSha256: "b".repeat(64),
    algorithm: "RSA",
    firstSeenAt: daysFromNow(-100),
    createdAt: null,
    custody: "hsm",
    custodyEvidence: "YubiHSM 2 key attestation, serial 1234",
    certificates: [
      {
        id: "cert-1",
        sha256: "a".repeat(64),
        notBefore: daysFromNow(-100),
        notAfter: daysFromNow(265),
        subjectCn: "Acme Release Signing",
      },
    ],
    signerIds: ["sig-1"],
    signingEnvironments: ["production"],
    ...overrides,
  };
}

export function signer(overrides: Partial<SignerInput> = {}): SignerInput {
  return {
    id: "sig-1",
    name: "payments-release",
    status: "active",
    kind: "ci-pipeline",
    environments: ["production"],
    credentialType: "oidc",
    credentials: [],
    createdAt: new Date("2025-01-01T00:00:00Z"),
    primaryOwner: { id: "p-1", name: "Ada Lovelace", isActive: true },
    backupOwner: { id: "p-2", name: "Grace Hopper", isActive: true },
    hasValidCertificate: true,
    lastUsedAt: daysFromNow(-2),
    privileges: [
      {
        id: "priv-1",
        scope: "sign:release/production",
        environment: "production",
        grantedAt: new Date("2025-01-01T00:00:00Z"),
        lastExercisedAt: daysFromNow(-2),
      },
    ],
    recentSigning: { eventCount: 12, environments: ["production"], interactiveEvents: [] },
    keys: [{ id: "key-1", spkiSha256: "b".repeat(64), custody: "hsm" }],
    overdueAttestations: [],
    lastDrillAt: daysFromNow(-30),
    ...overrides,
  };
}

export function ids(drafts: readonly FindingDraft[]): string[] {
  return drafts.map((d) => d.ruleId).sort();
}

export function only(drafts: readonly FindingDraft[], ruleId: string): FindingDraft | undefined {
  const matching = drafts.filter((d) => d.ruleId === ruleId);
  if (matching.length > 1) throw new Error(`${ruleId} produced ${matching.length} drafts for one subject`);
  return matching[0];
}

/** A signer's credential expiring at `expiresAt`; the pipeline one unless a name is given. */
export function credential(expiresAt: Date | null, name?: string): CredentialFact {
  return name
    ? { id: `cred-${name}`, kind: "ci-secret", name, expiresAt, isPipeline: false }
    : { id: "cred-pipeline", kind: "signing-service", name: "Pipeline credential", expiresAt, isPipeline: true };
}
