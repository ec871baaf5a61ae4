import { type Db, withTransaction } from "@/lib/db/client";
import { findSignerForAlertPolicy, loadAlertPolicies, saveAlertPolicy } from "@/lib/db/alerts/alerts";
import { AppError, notFound } from "@/lib/api/errors";
import { alertPolicySchema, type AlertPolicy } from "@/lib/domain/alerts/policy";
import { recordAudit, type Actor } from "@/lib/services/audit";

export const MAX_ALERT_DAYS = 3650;

export type SetAlertPolicyInput = {
  /** null: the global policy; otherwise the signer whose own policy replaces the global one */
  signerId: string | null;
  /** unchecked input: validated here so every caller gets the same clear messages */
  policy: unknown;
};

type Issue = { path: string; message: string };

const BAND_LABELS = {
  signingBands: "Signing certificates",
  caBands: "CA certificates",
  credentialBands: "Credentials",
} as const;

function bandIssues(key: keyof typeof BAND_LABELS, value: unknown): Issue[] {
  const label = BAND_LABELS[key];
  if (!Array.isArray(value)) return [{ path: key, message: `${label}: give a list of days, e.g. 90, 30, 7` }];
  const bad = value.filter((d) => typeof d !== "number" || !Number.isInteger(d) || d < 1 || d > MAX_ALERT_DAYS);
  if (bad.length) return [{ path: key, message: `${label}: ${bad.map(String).join(", ")} — each band must be a whole number of days from 1 to ${MAX_ALERT_DAYS}` }];
  if (value.length > 20) return [{ path: key, message: `${label}: at most 20 bands` }];
  const isDescending = value.every((d, i) => i === 0 || d < value[i - 1]);
  if (!isDescending) return [{ path: key, message: `${label}: list the days from largest to smallest, each once (e.g. 90, 30, 7)` }];
  return [];
}

/** Friendly, per-field validation (positive whole days, descending, ≤ 3650); the domain schema is the last word. */
export function validateAlertPolicy(input: unknown): AlertPolicy {
  const p = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const issues: Issue[] = [
    ...bandIssues("signingBands", p.signingBands),
    ...bandIssues("caBands", p.caBands),
    ...bandIssues("credentialBands", p.credentialBands),
  ];
  const esc = p.escalateWithinDays;
  if (typeof esc !== "number" || !Number.isInteger(esc) || esc < 0 || esc > MAX_ALERT_DAYS) {
    issues.push({ path: "escalateWithinDays", message: `Escalation: a whole number of days from 0 to ${MAX_ALERT_DAYS}` });
  }
  if (typeof p.isEnabled !== "boolean") issues.push({ path: "isEnabled", message: "Say whether alerts are enabled" });
  if (issues.length === 0) {
    const parsed = alertPolicySchema.safeParse(p);
    if (parsed.success) return parsed.data;
    issues.push(...parsed.error.issues.map((i) => ({ path: i.path.join(".") || "policy", message: i.message })));
  }
  throw new AppError("validation", issues.map((i) => i.message).join("; "), { issues });
}

/** Stores the global alert policy or a signer's own, audited with the policy before and after. */
export async function setAlertPolicy(db: Db, input: SetAlertPolicyInput, actor: Actor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const policy = validateAlertPolicy(input.policy);
  const signer = input.signerId ? await findSignerForAlertPolicy(db, input.signerId) : null;
  if (input.signerId && !signer) throw notFound("Signer");
  return withTransaction(db, async (tx) => {
    const before = await loadAlertPolicies(tx);
    const previous = signer ? (before.bySignerId.get(signer.id) ?? null) : before.global;
    await saveAlertPolicy(tx, signer?.id ?? null, policy);
    await recordAudit(tx, {
      actor,
      action: "alerts.policy-set",
      targetType: signer ? "signer" : "alert-policy",
      targetId: signer?.id ?? "global",
      summary: `${signer ? `Set ${signer.name}'s own alert policy` : "Set the global alert policy"}: signing ${policy.signingBands.join("/")}, CA ${policy.caBands.join("/")}, credentials ${policy.credentialBands.join("/")} days, escalate within ${policy.escalateWithinDays} days${policy.isEnabled ? "" : ", disabled"}`.slice(0, 500),
      details: { before: previous, after: policy },
      at: now,
    });
    return { signerId: signer?.id ?? null, policy };
  });
}
