// Facts about a certificate's place in the inventory that several rules share: who uses it, is
// it current, does CSBR apply to its issuer.
import type { CertificateRuleInput, CertificateSignerRef, EvaluationContext } from "@/lib/domain/findings/types";
import { quote } from "@/lib/domain/findings/shared";

export type CertificateUse = {
  /** signers not decommissioned (suspension is reversible, so their certificates still matter) */
  usingSigners: CertificateSignerRef[];
  activeSigners: CertificateSignerRef[];
  /** linked to a non-decommissioned signer and not already replaced by a newer certificate */
  isInUse: boolean;
  /** a CA certificate that in-use certificates chain up to */
  isIssuingInUse: boolean;
  isExpired: boolean;
  /** worth profile checks: unexpired, or still in use; expired history stays quiet */
  isCurrent: boolean;
  signerId?: string;
};

export function certificateUse(c: CertificateRuleInput, ctx: EvaluationContext): CertificateUse {
  const usingSigners = c.signers.filter((s) => s.status !== "decommissioned");
  const activeSigners = c.signers.filter((s) => s.status === "active");
  const isInUse = usingSigners.length > 0 && !c.isSuperseded;
  const isIssuingInUse = c.isCA && (c.inUseIssuedCertificateCount ?? 0) > 0;
  const isExpired = ctx.now.getTime() > c.notAfter.getTime();
  const ids = [...new Set(usingSigners.map((s) => s.id))];
  return {
    usingSigners,
    activeSigners,
    isInUse,
    isIssuingInUse,
    isExpired,
    isCurrent: !isExpired || isInUse || isIssuingInUse,
    signerId: ids.length === 1 ? ids[0] : undefined,
  };
}

/** “Acme Release Signing” (serial 0a1b2c3d4e5f…) */
export function certificateLabel(c: CertificateRuleInput): string {
  const name = c.subjectCn?.trim() || c.subject;
  const serial = c.serialHex.length > 12 ? `${c.serialHex.slice(0, 12)}…` : c.serialHex;
  return `${c.isCA ? "CA certificate" : "Certificate"} ${quote(name)} (serial ${serial})`;
}

export function signerNames(signers: readonly CertificateSignerRef[]): string {
  const names = signers.map((s) => quote(s.name));
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

export type IssuerTrust = "public" | "private" | "unknown";

/**
 * Caller's classification first; then policy patterns on the issuer DN; a self-signed
 * certificate is private by definition. Unknown issuers are treated as public for CSBR scope,
 * so missing data never hides a finding.
 */
export function issuerTrust(c: CertificateRuleInput, ctx: EvaluationContext): IssuerTrust {
  if (c.issuerTrust && c.issuerTrust !== "unknown") return c.issuerTrust;
  const issuer = c.issuer.toLowerCase();
  if (ctx.policy.csbr.privateIssuerPatterns.some((p) => issuer.includes(p.toLowerCase()))) return "private";
  if (c.isSelfSigned) return "private";
  return "unknown";
}

export function isCsbrApplicable(c: CertificateRuleInput, ctx: EvaluationContext): boolean {
  return ctx.policy.csbr.isEnforcedForPrivateIssuers || issuerTrust(c, ctx) !== "private";
}

export function certificateLinks(c: CertificateRuleInput, use: CertificateUse) {
  return { subjectId: c.id, certificateId: c.id, keyId: c.keyId, signerId: use.signerId };
}

/** links for a profile check, or null when the certificate is not worth checking (or is a CA for subscriber-only rules) */
export function checkable(c: CertificateRuleInput, ctx: EvaluationContext, options: { isSubscriberOnly: boolean }) {
  const use = certificateUse(c, ctx);
  if (!use.isCurrent || (options.isSubscriberOnly && c.isCA)) return null;
  return certificateLinks(c, use);
}
