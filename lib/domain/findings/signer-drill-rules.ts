// signer.drill-overdue: a signer has not been through a key-compromise drill as often as the
// policy asks (signers.drillEveryDays for production signers, nonProductionDrillEveryDays for the
// others). Time-based: next-evaluation.ts wakes the findings job when the interval runs out.
import { isOlderThanDays } from "@/lib/domain/expiry";
import {
  ACTIVE_ONLY,
  configuredEnvironments,
  signerLabel,
  signerMeta,
  signerRule,
  type SignerRule,
} from "@/lib/domain/findings/signer-context";
import { day, iso, splitEnvironments } from "@/lib/domain/findings/shared";
import type { SignerInput } from "@/lib/domain/findings/types";
import type { FindingsPolicy } from "@/lib/domain/policy";

/**
 * The production environments a signer is configured for, holds a grant in or signed in within
 * the activity window; any one makes it a production signer.
 */
export function productionEnvironmentsOf(s: SignerInput, policy: FindingsPolicy): string[] {
  const envs = [...configuredEnvironments(s), ...s.recentSigning.environments];
  return splitEnvironments(envs, policy.signers.productionEnvironments).production.sort();
}

/**
 * How often the policy wants this signer drilled, in days, and the date the interval counts
 * from: its last finished drill, or its registration when it was never drilled (a signer
 * registered yesterday is not overdue yet). everyDays null: no drill required.
 */
export function drillRequirement(s: SignerInput, policy: FindingsPolicy) {
  const production = productionEnvironmentsOf(s, policy);
  const everyDays = production.length ? policy.signers.drillEveryDays : policy.signers.nonProductionDrillEveryDays;
  return { production, everyDays, since: s.lastDrillAt ?? s.createdAt };
}

export const signerDrillOverdue = signerRule(
  signerMeta(
    "signer.drill-overdue",
    "Key-compromise drill overdue",
    "medium",
    "Incident readiness: revocation testing (key-compromise drills, policy signers.drillEveryDays)",
    null,
    ["NHI2"],
    "Run a key-compromise drill of the signer (Incidents → Declare, mode drill): practise suspending it, requesting revocation and re-signing each release channel, then end the drill to record its report.",
  ),
  { appliesTo: ACTIVE_ONLY },
  (s, ctx) => {
    const { production, everyDays, since } = drillRequirement(s, ctx.policy);
    if (everyDays === null || !isOlderThanDays(since, ctx.now, everyDays)) return null;
    const dueAt = new Date(since.getTime() + everyDays * 86_400_000);
    const kind = production.length ? `production signer (${production.join(", ")})` : "signer";
    const why = s.lastDrillAt
      ? `was last drilled on ${day(s.lastDrillAt)}`
      : `was never drilled since it was registered on ${day(s.createdAt)}`;
    return {
      message: `${signerLabel(s)}, a ${kind}, ${why}; the policy asks for a key-compromise drill every ${everyDays} days (due ${day(dueAt)}).`,
      evidence: {
        lastDrillAt: iso(s.lastDrillAt),
        registeredAt: iso(s.createdAt),
        dueAt: iso(dueAt),
        everyDays,
        productionEnvironments: production,
      },
      threshold: `a finished drill within ${everyDays} days (${production.length ? "signers.drillEveryDays" : "signers.nonProductionDrillEveryDays"})`,
    };
  },
);

export const signerDrillRules: SignerRule[] = [signerDrillOverdue];
