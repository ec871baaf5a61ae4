// Inputs and outputs of the findings engine. Inputs mirror the Prisma columns
// (prisma/schema.base.prisma) with *Json columns already parsed and dates as Date (a certificate's
// own fields come from the one certificate shape, lib/domain/certificate-fields.ts), plus the
// context a rule needs that lives in other tables (which signers use a certificate, ...).
// lib/db builds them; nothing here does I/O.
import { certificateFieldsExcept, type CertificateFields } from "@/lib/domain/certificate-fields";
import type { NhiId } from "@/lib/domain/nhi";
import type { FindingsPolicy } from "@/lib/domain/policy";
import type { Severity } from "@/lib/domain/severity";
import type { ProfileId } from "@/lib/domain/findings/profile-ids";
import type { ProfileContext } from "@/lib/domain/findings/profile-selection";
import type { Requirement } from "@/lib/domain/findings/profiles";
import type { RuleId } from "@/lib/domain/findings/rule-ids";

export type SubjectType = "certificate" | "key" | "signer";
export type SignerStatus = "active" | "suspended" | "decommissioned";
export type RevocationStatus = "good" | "revoked" | "unknown" | "unchecked";

export type EvaluationContext = {
  now: Date;
  policy: FindingsPolicy;
  /** judge certificates by this profile instead of choosing one (`signet lint --profile`) */
  profile?: ProfileId;
  /**
   * profile rules judge the certificate as issued, current or not (`signet lint`: an expired
   * fixture's weak key is as wrong as a current one's); otherwise expired history stays quiet
   */
  isAsIssued?: boolean;
  /** set by the engine for each certificate rule: the requirement of the certificate's profile */
  requirement?: Requirement;
};

/** JSON-safe evidence: dates are ISO strings, so it can go straight into evidenceJson. */
export type Evidence = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FindingDraft = {
  ruleId: RuleId;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string;
  /** denormalised links for filters and owner scoping; signerId is set only when exactly one signer is involved */
  certificateId?: string;
  keyId?: string;
  signerId?: string;
  /** specific: names the certificate/key/signer and the numbers that matter */
  message: string;
  evidence: Evidence;
  /** the threshold that produced the finding, e.g. "RSA ≥ 3072 bits (CSBR §6.1.5.2)" */
  threshold: string;
};

export type RuleScope = "csbr" | "lifecycle" | "governance";

export type RuleMeta = {
  id: RuleId;
  subjectType: SubjectType;
  defaultSeverity: Severity;
  title: string;
  /** source citation from docs/findings.md */
  standard: string;
  /** primary OWASP NHI Top 10 (2025) item, or null */
  nhi: NhiId | null;
  /** further NHI items the rule also maps to (e.g. signer.stale: NHI1 and NHI5) */
  relatedNhi: NhiId[];
  /** csbr rules bind publicly-trusted CAs; policy decides whether they count for private issuers */
  scope: RuleScope;
  howToFix: string;
  /** "engine": evaluate() produces it and reconcile auto-resolves it; "event": raised by another part of the product */
  raisedBy: "engine" | "event";
};

export type Rule<TInput> = RuleMeta & {
  evaluate(input: TInput, ctx: EvaluationContext): FindingDraft[];
};

// ---------------------------------------------------------------- certificate

export type CertificateSignerRef = {
  id: string;
  name: string;
  status: SignerStatus;
  /** the latest signing event of this signer with this certificate */
  lastSignedAt: Date | null;
};

/**
 * The certificate's own fields the rules read (lib/db/findings/inputs/certificates.ts loads exactly
 * these): all but the ones no rule looks at.
 */
export const CERTIFICATE_RULE_FIELDS = certificateFieldsExcept([
  "der",
  "sha1",
  "issuerCn",
  "pathLength",
  "sans",
  "subjectKeyId",
  "fulcio",
]);

/** A certificate as the findings rules see it: its fields, its stored record and its context. */
export type CertificateRuleInput = Pick<CertificateFields, (typeof CERTIFICATE_RULE_FIELDS)[number]> & {
  id: string;
  keyId: string;
  importedAt: Date;
  revocationStatus: RevocationStatus;
  revocationReason?: string | null;
  /** ocsp | crl | recorded */
  revocationSource?: string | null;
  revokedAt: Date | null;
  /**
   * When the revocation status was last established (a good or revoked answer). A failed check
   * keeps the previous value and sets revocationStatus "unknown" and revocationError.
   */
  revocationCheckedAt: Date | null;
  revocationError: string | null;
  // ---- context
  /** signers linked to this certificate (SignerCertificate), any status */
  signers: CertificateSignerRef[];
  /** every non-decommissioned signer using this certificate already has a newer one (renewed) */
  isSuperseded: boolean;
  /** latest signing event with this certificate, by any signer */
  latestSigningAt: Date | null;
  /** CA certificates: in-use, unexpired certificates that chain up to this one (0 for leaves) */
  inUseIssuedCertificateCount?: number;
  /** public: chains to a publicly-trusted root; private: internal PKI; unknown: decide by policy patterns */
  issuerTrust?: "public" | "private" | "unknown";
  /** chain and signer facts that choose the certificate's profile (profile-selection.ts) */
  profileContext?: ProfileContext;
  /** extension OIDs marked critical, when the caller read them from the DER (`signet lint`) */
  criticalExtensionOids?: string[];
};

// ---------------------------------------------------------------- key

export type KeyCertificateRef = {
  id: string;
  sha256: string;
  notBefore: Date;
  notAfter: Date;
  subjectCn?: string | null;
  /** a Sigstore keyless certificate: its key is ephemeral (made for one signing, then discarded) */
  isKeyless?: boolean;
};

export type KeyInput = {
  id: string;
  spkiSha256: string;
  algorithm?: string;
  firstSeenAt: Date;
  /** creation date recorded by the owner, if known */
  createdAt: Date | null;
  /** hsm | cloud-kms | vault | hardware-token | software-file | unknown */
  custody: string;
  custodyEvidence: string | null;
  /**
   * custody declared on the signers in signerIds (Signer.custody), which stands in when the key's
   * own custody is unknown: see effectiveCustody in key-rules.ts
   */
  declaredCustody?: { signerId: string; custody: string; custodyEvidence: string | null }[];
  certificates: KeyCertificateRef[];
  /** distinct non-decommissioned signers using any certificate of this key */
  signerIds: string[];
  /** environments this key signed in during the activity window (any signer) */
  signingEnvironments?: string[];
  /** when each of those environments last saw this key sign: it leaves the window after that (nextEvaluationAt) */
  signingEnvironmentsLastAt?: Date[];
};

// ---------------------------------------------------------------- signer

export type OwnerRef = { id: string; name: string; isActive: boolean };

export type PrivilegeRef = {
  id: string;
  /** e.g. sign:release/production, repo:acme/payments, approve:release, * */
  scope: string;
  /** "any" (Privilege's default) or null: the grant covers every environment */
  environment: string | null;
  grantedAt: Date;
  lastExercisedAt: Date | null;
  removedAt?: Date | null;
  /** used only inside an approved window (lib/domain/approvals.ts); standing otherwise */
  isJustInTime?: boolean;
};

export type CredentialFact = { id: string; kind: string; name: string; expiresAt: Date | null; isPipeline: boolean };

export type InteractiveEventRef = { id: string; signedAt: Date; artifactName: string; environment?: string | null };

export type SignerInput = {
  id: string;
  name: string;
  status: SignerStatus;
  kind: string;
  /** configured environments (environmentsJson) */
  environments: string[];
  /** how the pipeline reaches the signing service: oidc | static-secret | certificate | none */
  credentialType: string;
  /** the credentials the pipeline depends on (lib/domain/signer-credentials.ts), the pipeline one first */
  credentials: CredentialFact[];
  createdAt: Date;
  primaryOwner: OwnerRef | null;
  backupOwner: OwnerRef | null;
  /** holds at least one unexpired, unrevoked certificate */
  hasValidCertificate: boolean;
  lastUsedAt: Date | null;
  /** current grants (removed ones may be passed with removedAt; they are ignored) */
  privileges: PrivilegeRef[];
  /** signing events within policy.signers.activityWindowDays */
  recentSigning: {
    eventCount: number;
    environments: string[];
    interactiveEvents: InteractiveEventRef[];
    /** when each of those environments last saw a signature: it leaves the window after that (nextEvaluationAt) */
    environmentsLastAt?: Date[];
  };
  /** validity of the signer's certificates, behind hasValidCertificate (nextEvaluationAt) */
  certificateValidity?: { notBefore: Date; notAfter: Date }[];
  /** keys of the signer's certificates, with their custody (evidence for human use) */
  keys: { id: string; spkiSha256: string; custody: string }[];
  /** pending attestations of this signer; the rule keeps those past dueAt */
  overdueAttestations: { campaignId: string; campaignName: string; dueAt: Date; escalatedAt: Date | null }[];
  /** when the signer's last key-compromise drill ended; null: never drilled (signer.drill-overdue) */
  lastDrillAt: Date | null;
};
