// The release gate's checks (lib/domain/gate/decide.ts). A reason names the finding's rule id where
// the check is the same condition as a finding (cert.expired), a gate.* id otherwise. Kept apart
// from the checks so the policy schema can validate per-check modes without importing the gate.

export const GATE_RULE_IDS = [
  "gate.unknown-signer",
  "gate.unknown-certificate",
  "gate.unknown-artifact",
  "gate.signer-suspended",
  "gate.signer-decommissioned",
  "gate.no-certificate",
  "cert.expired",
  "cert.revoked-in-use",
  "cert.revocation-unknown",
  "gate.custody-not-approved",
  "signer.attestation-overdue",
  "gate.no-grant",
  "gate.approval-required",
  "gate.open-finding",
] as const;
export type GateRuleId = (typeof GATE_RULE_IDS)[number];

/** enforce: the reason denies; warn: it is reported and the pipeline goes on; off: not checked */
export const GATE_MODES = ["enforce", "warn", "off"] as const;
export type GateMode = (typeof GATE_MODES)[number];

export function isGateRuleId(value: unknown): value is GateRuleId {
  return typeof value === "string" && (GATE_RULE_IDS as readonly string[]).includes(value);
}
