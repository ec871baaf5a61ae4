// Entry points: run every rule of a subject type against one input, applying the policy's rule
// overrides (disable, severity) and CSBR scope for private issuers in one place.
import { isCsbrApplicable, issuerTrust } from "@/lib/domain/findings/certificate-context";
import { certificateRules, keyRules, signerRules } from "@/lib/domain/findings/registry";
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
  options: { skip?: (rule: Rule<T>) => boolean; decorate?: (rule: Rule<T>, d: FindingDraft) => FindingDraft } = {},
): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const rule of rules) {
    const override = ctx.policy.rules[rule.id];
    if (override?.isEnabled === false) continue;
    if (options.skip?.(rule)) continue;
    for (const d of rule.evaluate(input, ctx)) {
      const withSeverity = override?.severity ? { ...d, severity: override.severity } : d;
      out.push(options.decorate ? options.decorate(rule, withSeverity) : withSeverity);
    }
  }
  return out;
}

export function evaluateCertificate(input: CertificateRuleInput, ctx: EvaluationContext): FindingDraft[] {
  const isCsbrInScope = isCsbrApplicable(input, ctx);
  const trust = issuerTrust(input, ctx);
  return run(certificateRules, input, ctx, {
    skip: (rule) => rule.scope === "csbr" && !isCsbrInScope,
    // record the issuer classification so a reader knows why a CSBR rule counted
    decorate: (rule, d) => (rule.scope === "csbr" ? { ...d, evidence: { ...d.evidence, issuerTrust: trust } } : d),
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
