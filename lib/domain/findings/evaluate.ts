// Entry points: run every rule of a subject type against one input, applying the policy's rule
// overrides (disable, severity) and, for certificates, the profile that governs them in one place.
import { selectProfile, type ProfileChoice } from "@/lib/domain/findings/profile-selection";
import { effectiveFromMs, PROFILES } from "@/lib/domain/findings/profiles";
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

/** One certificate rule as a profile applies it: the context it runs in, prepared once per run. */
type PreparedRule = {
  rule: Rule<CertificateRuleInput>;
  ctx: EvaluationContext;
  /** the requirement binds certificates issued from this instant on (ms; -Infinity: always) */
  effectiveFromMs: number;
  severity?: FindingDraft["severity"];
};

/**
 * The rules each profile runs under one evaluation context, with their requirement's context
 * built once: a full sweep judges every certificate under the same context, and building these
 * per certificate and rule (a context and a requirement lookup each) was half of the engine's time.
 */
const preparedByContext = new WeakMap<EvaluationContext, Map<string, PreparedRule[]>>();

function preparedRules(ctx: EvaluationContext, profile: ProfileChoice["profile"]): PreparedRule[] {
  let byProfile = preparedByContext.get(ctx);
  if (!byProfile) preparedByContext.set(ctx, (byProfile = new Map()));
  const isPrivateSkipped = profile === "private" && !ctx.policy.csbr.isEnforcedForPrivateIssuers;
  const key = `${profile} ${isPrivateSkipped}`;
  let prepared = byProfile.get(key);
  if (prepared) return prepared;
  prepared = [];
  for (const rule of certificateRules) {
    const override = ctx.policy.rules[rule.id];
    if (override?.isEnabled === false) continue;
    if (isPrivateSkipped && rule.scope === "csbr") continue;
    const requirement = PROFILES[profile].requirements[rule.id as CertificateRuleId];
    if (!requirement) continue;
    prepared.push({
      rule,
      ctx: { ...ctx, requirement },
      effectiveFromMs: effectiveFromMs(requirement),
      severity: override?.severity,
    });
  }
  byProfile.set(key, prepared);
  return prepared;
}

/**
 * A certificate rule runs only where the certificate's profile has a requirement for it that was
 * in force when the certificate was issued; each finding names the profile, why it was chosen and
 * the requirement that raised it. With csbr.isEnforcedForPrivateIssuers off, the private
 * profile's CSBR-modelled checks are skipped.
 */
export function evaluateCertificate(input: CertificateRuleInput, ctx: EvaluationContext): FindingDraft[] {
  const choice = certificateProfile(input, ctx);
  const issuedMs = input.notBefore.getTime();
  const out: FindingDraft[] = [];
  for (const p of preparedRules(ctx, choice.profile)) {
    if (issuedMs < p.effectiveFromMs) continue;
    for (const d of p.rule.evaluate(input, p.ctx)) {
      out.push({
        ...d,
        ...(p.severity ? { severity: p.severity } : {}),
        evidence: {
          ...d.evidence,
          profile: choice.profile,
          profileReason: choice.reason,
          requirement: p.ctx.requirement?.citation ?? null,
        },
      });
    }
  }
  return out;
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
