// Every rule, and the catalogue the UI shows (finding detail, policy page, filters).
import { artifactRules } from "@/lib/domain/findings/artifact-rules";
import { certificateLifecycleRules } from "@/lib/domain/findings/certificate-lifecycle-rules";
import { certificateProfileRules } from "@/lib/domain/findings/certificate-profile-rules";
import { keyRules } from "@/lib/domain/findings/key-rules";
import { RULE_IDS, type RuleId } from "@/lib/domain/findings/rule-ids";
import { signerAccessRules } from "@/lib/domain/findings/signer-access-rules";
import { signerDrillRules } from "@/lib/domain/findings/signer-drill-rules";
import { signerGateRules } from "@/lib/domain/findings/signer-gate-rules";
import { signerOwnershipRules } from "@/lib/domain/findings/signer-ownership-rules";
import type { CertificateRuleInput, KeyInput, Rule, RuleMeta, SignerInput } from "@/lib/domain/findings/types";

export const certificateRules: readonly Rule<CertificateRuleInput>[] = [
  ...certificateLifecycleRules,
  ...certificateProfileRules,
];
export { keyRules };
export const signerRules: readonly Rule<SignerInput>[] = [
  ...signerOwnershipRules,
  ...signerAccessRules,
  ...signerGateRules,
  ...signerDrillRules,
];

const allRules: readonly Rule<CertificateRuleInput | KeyInput | SignerInput>[] = [
  ...(certificateRules as Rule<never>[]),
  ...(keyRules as Rule<never>[]),
  ...(signerRules as Rule<never>[]),
  // raised by recording a scan, never evaluated by the engine
  ...(artifactRules as Rule<never>[]),
];

function toMeta(rule: RuleMeta): RuleMeta {
  return {
    id: rule.id,
    subjectType: rule.subjectType,
    defaultSeverity: rule.defaultSeverity,
    title: rule.title,
    standard: rule.standard,
    nhi: rule.nhi,
    relatedNhi: [...rule.relatedNhi],
    scope: rule.scope,
    howToFix: rule.howToFix,
    raisedBy: rule.raisedBy,
  };
}

const order = (id: RuleId) => RULE_IDS.indexOf(id);

/** Metadata of every rule (no evaluate), in catalogue order: certificate, key, signer, discovery. */
export function ruleCatalogue(): RuleMeta[] {
  return allRules.map(toMeta).sort((a, b) => order(a.id) - order(b.id));
}

export function getRuleMeta(id: string): RuleMeta | undefined {
  const rule = allRules.find((r) => r.id === id);
  return rule ? toMeta(rule) : undefined;
}
