// Stable rule ids. Findings are stored by (ruleId, subjectType, subjectId), and policies refer to
// rules by id, so an id never changes once shipped. Kept apart from the rules themselves so the
// policy schema can validate rule overrides without importing the rule registry.

export const CERTIFICATE_RULE_IDS = [
  "cert.expired",
  "cert.expiring",
  "cert.revoked-in-use",
  "cert.revocation-unknown",
  "cert.no-revocation-info",
  "cert.ca-signer",
  "cert.self-signed-signer",
  "cert.validity-too-long",
  "cert.weak-rsa",
  "cert.bad-curve",
  "cert.weak-signature",
  "cert.eku-missing",
  "cert.eku-forbidden",
  "cert.key-usage",
  "cert.no-crl-dp",
  "cert.no-aia-issuer",
  "cert.subject-fields",
] as const;

export const KEY_RULE_IDS = [
  "key.rotation-overdue",
  "key.renewed-without-rekey",
  "key.not-in-hsm",
  "key.custody-unattested",
  "key.shared",
  "key.env-mixing",
  "key.private-key-submitted",
] as const;

export const SIGNER_RULE_IDS = [
  "signer.orphaned",
  "signer.no-backup-owner",
  "signer.stale",
  "signer.overprivileged",
  "signer.env-mixing",
  "signer.human-use",
  "signer.separation-of-duties",
  "signer.static-credential",
  "signer.credential-expiring",
  "signer.attestation-overdue",
  "signer.gate-denied",
  "signer.drill-overdue",
  "signer.standing-grant-unused",
] as const;

/** raised when scanned artifacts are recorded (lib/services/record-scan.ts); their subject is the signing certificate */
export const DISCOVERY_RULE_IDS = [
  "signer.unregistered",
  "artifact.signed-after-expiry",
  "artifact.signed-after-revocation",
  "artifact.ca-signed",
  "artifact.software-key-production",
] as const;

export const RULE_IDS = [...CERTIFICATE_RULE_IDS, ...KEY_RULE_IDS, ...SIGNER_RULE_IDS, ...DISCOVERY_RULE_IDS] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type CertificateRuleId = (typeof CERTIFICATE_RULE_IDS)[number];
export type KeyRuleId = (typeof KEY_RULE_IDS)[number];
export type SignerRuleId = (typeof SIGNER_RULE_IDS)[number];
export type DiscoveryRuleId = (typeof DISCOVERY_RULE_IDS)[number];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === "string" && (RULE_IDS as readonly string[]).includes(value);
}
