import { pickFields } from "@/lib/domain/certificate-fields";
import {
  CERTIFICATE_RULE_FIELDS,
  certificateProfile,
  evaluateCertificate,
  evaluateKey,
  getRuleMeta,
  type CertificateRuleInput,
  type EvaluationContext,
  type FindingDraft,
  type KeyInput,
  type ProfileId,
} from "@/lib/domain/findings";
import { mergePolicy, type FindingsPolicy } from "@/lib/domain/policy";
import { compareSeverity, type Severity } from "@/lib/domain/severity";
import { criticalExtensionOids, type CertificateFacts } from "@/lib/x509";

// `signet lint`'s engine: the findings rules on certificate files, offline. Profile rules judge
// each certificate as issued (an expired fixture's weak key is still wrong); lifecycle rules judge
// it at `now`, a leaf counting as in use (it is about to sign) and a CA as the chain above it.
// Key rules run where a file carries their facts (age, renewal without a new key); custody,
// sharing and environment rules need the inventory and are left to the server.

export type LintCertificate = { file: string; facts: CertificateFacts };

export type LintFinding = { rule: string; severity: Severity; message: string; standard: string };

export type LintReport = {
  file: string;
  sha256Fingerprint: string;
  subject: string;
  profile: ProfileId;
  profileReason: string;
  findings: LintFinding[];
};

/** key rules whose facts live in the inventory, not in a certificate file */
const INVENTORY_KEY_RULES = ["key.not-in-hsm", "key.custody-unattested", "key.shared", "key.env-mixing"] as const;

const LINT_SIGNER = "lint";

export function lintCertificates(
  certificates: readonly LintCertificate[],
  options: { now: Date; policy: FindingsPolicy; profile?: ProfileId },
): LintReport[] {
  const ctx: EvaluationContext = {
    now: options.now,
    policy: options.policy,
    profile: options.profile,
    isAsIssued: true,
  };
  const inputs = certificates.map((c) => toRuleInput(c, certificates, options.now));
  const keyFindings = lintKeys(inputs, {
    ...ctx,
    policy: mergePolicy(options.policy, {
      rules: Object.fromEntries(INVENTORY_KEY_RULES.map((id) => [id, { isEnabled: false }])),
    }),
  });
  return certificates.map((c, i) => {
    const input = inputs[i];
    const choice = certificateProfile(input, ctx);
    const drafts = [...evaluateCertificate(input, ctx), ...(keyFindings.get(input.keyId) ?? [])];
    return {
      file: c.file,
      sha256Fingerprint: c.facts.sha256,
      subject: c.facts.subject,
      profile: choice.profile,
      profileReason: choice.reason,
      findings: drafts.map(toLintFinding).sort((a, b) => compareSeverity(a.severity, b.severity)),
    };
  });
}

function toLintFinding(d: FindingDraft): LintFinding {
  const requirement = typeof d.evidence.requirement === "string" ? d.evidence.requirement : null;
  return {
    rule: d.ruleId,
    severity: d.severity,
    message: d.message,
    standard: requirement ?? getRuleMeta(d.ruleId)?.standard ?? "",
  };
}

function toRuleInput(c: LintCertificate, all: readonly LintCertificate[], now: Date): CertificateRuleInput {
  const f = c.facts;
  // the issuing CA when it is among the files: its policies and its own issuer choose the profile
  const issuer = f.isSelfSigned
    ? undefined
    : all.find(
        (o) =>
          o.facts.isCA &&
          o.facts.subject === f.issuer &&
          (!f.authorityKeyId || !o.facts.subjectKeyId || o.facts.subjectKeyId === f.authorityKeyId),
      )?.facts;
  return {
    ...pickFields(f, CERTIFICATE_RULE_FIELDS),
    id: f.sha256,
    keyId: f.spkiSha256,
    importedAt: now,
    revocationStatus: "unchecked",
    revokedAt: null,
    revocationCheckedAt: null,
    revocationError: null,
    signers: f.isCA ? [] : [{ id: LINT_SIGNER, name: c.file, status: "active", lastSignedAt: null }],
    isSuperseded: false,
    latestSigningAt: null,
    inUseIssuedCertificateCount: 0,
    profileContext: {
      issuerPolicies: issuer?.policies ?? [],
      chainNames: issuer && !issuer.isSelfSigned ? [issuer.issuer] : [],
      hasFulcioClaims: f.fulcio !== null,
    },
    criticalExtensionOids: criticalExtensionOids(f.der),
  };
}

/** key findings by key (SHA-256 of the SPKI), from every certificate of that key in the files */
function lintKeys(inputs: readonly CertificateRuleInput[], ctx: EvaluationContext): Map<string, FindingDraft[]> {
  const byKey = new Map<string, CertificateRuleInput[]>();
  for (const c of inputs) byKey.set(c.keyId, [...(byKey.get(c.keyId) ?? []), c]);
  const out = new Map<string, FindingDraft[]>();
  for (const [spki, certs] of byKey) {
    const key: KeyInput = {
      id: spki,
      spkiSha256: spki,
      firstSeenAt: ctx.now,
      createdAt: null,
      custody: "unknown",
      custodyEvidence: null,
      certificates: certs.map((c) => ({
        id: c.id,
        sha256: c.sha256,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        subjectCn: c.subjectCn,
      })),
      signerIds: certs.some((c) => !c.isCA) ? [LINT_SIGNER] : [],
    };
    out.set(spki, evaluateKey(key, ctx));
  }
  return out;
}
