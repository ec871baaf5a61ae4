// A per-signer exception to one gate rule: risk acceptance scoped to a signer and a rule. Its
// reason and end date follow the finding lifecycle's risk acceptance exactly (applyTriage's
// accept-risk: reason length, end date in the future and within the maximum), so the two can be
// one concept once findings carry their lifecycle state.
import { inputDate } from "@/lib/domain/date-bounds";
import { z } from "../zod";
import { applyTriage, DEFAULT_LIFECYCLE_POLICY, type Refusal } from "@/lib/domain/finding-lifecycle";
import { isRuleId } from "@/lib/domain/findings/rule-ids";
import { isGateRuleId } from "./rule-ids";

export const gateExceptionSchema = z.strictObject({
  signerId: z.string().trim().min(1).max(100),
  /** a gate rule id (gate.no-grant) or a finding rule id reported through gate.open-finding */
  ruleId: z
    .string()
    .trim()
    .refine((id) => isGateRuleId(id) || isRuleId(id), "A gate rule id or a finding rule id"),
  reason: z.string().max(2000),
  endsAt: inputDate("An end date"),
});

export type GateExceptionInput = z.infer<typeof gateExceptionSchema>;

/** Why the exception cannot be recorded (same refusals as accepting a finding's risk), or null. */
export function gateExceptionRefusal(
  input: Pick<GateExceptionInput, "reason" | "endsAt">,
  options: { now: Date; maxDays?: number },
): Refusal | null {
  const result = applyTriage(
    { state: "open", until: null, reason: null, resolvedBy: null },
    { type: "accept-risk", reason: input.reason, until: input.endsAt },
    {
      now: options.now,
      policy: { maxRiskAcceptanceDays: options.maxDays ?? DEFAULT_LIFECYCLE_POLICY.maxRiskAcceptanceDays },
    },
  );
  return result.ok ? null : result.refusal;
}
