// Facts about a certificate's place in the inventory that several rules share: who uses it, is
// it current, which requirement of its profile a rule applies.
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

/**
 * Every lifecycle and profile rule asks for the certificate's use (about twenty calls per
 * certificate): it depends only on the input and the clock, so it is worked out once per input and
 * instant. Inputs are never changed after they are built (lib/db/findings/inputs), and the result
 * is read-only to the rules.
 */
const useOf = new WeakMap<CertificateRuleInput, { nowMs: number; use: CertificateUse }>();

export function certificateUse(c: CertificateRuleInput, ctx: EvaluationContext): CertificateUse {
  const nowMs = ctx.now.getTime();
  const known = useOf.get(c);
  if (known && known.nowMs === nowMs) return known.use;
  const use = computeCertificateUse(c, nowMs);
  useOf.set(c, { nowMs, use });
  return use;
}

function computeCertificateUse(c: CertificateRuleInput, nowMs: number): CertificateUse {
  const usingSigners = c.signers.filter((s) => s.status !== "decommissioned");
  const activeSigners = c.signers.filter((s) => s.status === "active");
  const isInUse = usingSigners.length > 0 && !c.isSuperseded;
  const isIssuingInUse = c.isCA && (c.inUseIssuedCertificateCount ?? 0) > 0;
  // a keyless certificate is judged by its signing time (its transparency-log entry), never by today
  const isExpired = !c.isKeyless && nowMs > c.notAfter.getTime();
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

/** What a finding cites: the requirement of the certificate's profile, or the rule's own source. */
export function cite(ctx: EvaluationContext, fallback: string): string {
  return ctx.requirement?.citation ?? fallback;
}

/** The key algorithm thresholds: the profile's own where it sets them, the policy's otherwise. */
export function algorithmsOf(ctx: EvaluationContext) {
  return { ...ctx.policy.algorithms, ...ctx.requirement?.algorithms };
}

export function certificateLinks(c: CertificateRuleInput, use: CertificateUse) {
  return { subjectId: c.id, certificateId: c.id, keyId: c.keyId, signerId: use.signerId };
}

/**
 * links for a profile check, or null when the certificate is not worth checking (or is a CA for
 * subscriber-only rules). Judged as issued (`signet lint`), expired certificates count too.
 */
export function checkable(c: CertificateRuleInput, ctx: EvaluationContext, options: { isSubscriberOnly: boolean }) {
  const use = certificateUse(c, ctx);
  if ((!use.isCurrent && !ctx.isAsIssued) || (options.isSubscriberOnly && c.isCA)) return null;
  return certificateLinks(c, use);
}
