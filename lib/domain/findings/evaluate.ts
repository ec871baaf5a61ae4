// Entry points: run every rule of a subject type against one input, applying the policy's rule
// overrides (disable, severity) and, for certificates, the profile that governs them in one place.
import { selectProfile, type ProfileChoice } from "@/lib/domain/findings/profile-selection";
import { requirementFor } from "@/lib/domain/findings/profiles";
import { certificateRules, keyRules, signerRules } from "@/lib/domain/findings/registry";
import type { CertificateRuleId } from "@/lib/domain/findings/rule-ids";
import type {
  CertificateRuleInput,
  EvaluationContext,
  FindingDraft,
  KeyInput,
  Rule,
  SignerInput,
} from "@/lib/domain/findings/types";

function run<T>(
  rules: readonly Rule<T>[],
  input: T,
  ctx: EvaluationContext,
  options: {
    /** the context a rule runs in, or null to skip it */
    contextFor?: (rule: Rule<T>) => EvaluationContext | null;
    decorate?: (rule: Rule<T>, d: FindingDraft) => FindingDraft;
  } = {},
): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const rule of rules) {
    const override = ctx.policy.rules[rule.id];
    if (override?.isEnabled === false) continue;
    const ruleCtx = options.contextFor ? options.contextFor(rule) : ctx;
    if (!ruleCtx) continue;
    for (const d of rule.evaluate(input, ruleCtx)) {
      const withSeverity = override?.severity ? { ...d, severity: override.severity } : d;
      out.push(options.decorate ? options.decorate(rule, withSeverity) : withSeverity);
    }
  }
  return out;
}

/** The profile a certificate is judged by, and why (shown on the certificate page). */
export function certificateProfile(input: CertificateRuleInput, ctx: EvaluationContext): ProfileChoice {
  return selectProfile(input, ctx.policy, { explicit: ctx.profile });
}

/**
 * A certificate rule runs only where the certificate's profile has a requirement for it that was
 * in force when the certificate was issued; each finding names the profile, why it was chosen and
 * the requirement that raised it. With csbr.isEnforcedForPrivateIssuers off, the private
 * profile's CSBR-modelled checks are skipped.
 */
export function evaluateCertificate(input: CertificateRuleInput, ctx: EvaluationContext): FindingDraft[] {
  const choice = certificateProfile(input, ctx);
  const isPrivateSkipped = choice.profile === "private" && !ctx.policy.csbr.isEnforcedForPrivateIssuers;
  return run(certificateRules, input, ctx, {
    contextFor: (rule) => {
      if (isPrivateSkipped && rule.scope === "csbr") return null;
      const requirement = requirementFor(choice.profile, rule.id as CertificateRuleId, input.notBefore);
      return requirement ? { ...ctx, requirement } : null;
    },
    decorate: (rule, d) => ({
      ...d,
      evidence: {
        ...d.evidence,
        profile: choice.profile,
        profileReason: choice.reason,
        requirement: requirementFor(choice.profile, rule.id as CertificateRuleId, input.notBefore)?.citation ?? null,
      },
    }),
  });
}

export function evaluateKey(input: KeyInput, ctx: EvaluationContext): FindingDraft[] {
  return run(keyRules, input, ctx);
}

export function evaluateSigner(input: SignerInput, ctx: EvaluationContext): FindingDraft[] {
  return run(signerRules, input, ctx);
}

/** Convenience for a full sweep. */
export function evaluateInventory(
  inventory: { certificates: CertificateRuleInput[]; keys: KeyInput[]; signers: SignerInput[] },
  ctx: EvaluationContext,
): FindingDraft[] {
  return [
    ...inventory.certificates.flatMap((c) => evaluateCertificate(c, ctx)),
    ...inventory.keys.flatMap((k) => evaluateKey(k, ctx)),
    ...inventory.signers.flatMap((s) => evaluateSigner(s, ctx)),
  ];
}
