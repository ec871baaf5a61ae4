import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findFindingForTriage, suppressFindingRow } from "@/lib/db/findings/findings";
import { recordAudit, type Actor } from "@/lib/services/audit";

// Triage: accept the risk of a finding for a while, with a reason and an end date. The finding
// stays in the inventory, leaves the open lists until the end date, and comes back on its own
// afterwards (reconcile clears an expired suppression). Change and audit row in one transaction.

const DAY_MS = 86_400_000;
export const MAX_SUPPRESSION_DAYS = 365;

export const suppressFindingInput = z.object({
  reason: z.string().trim().min(10, "Give a reason of at least 10 characters").max(1000),
  /** last day of the suppression (UTC); the finding comes back the day after */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31"),
});
export type SuppressFindingInput = z.infer<typeof suppressFindingInput>;

export type SuppressedFinding = { id: string; suppressedAt: string; suppressedUntil: string; suppressionReason: string };

export async function suppressFinding(
  db: Db,
  input: SuppressFindingInput & { findingId: string; actor: Actor; ip?: string | null },
  options: { now: Date },
): Promise<SuppressedFinding> {
  const { now } = options;
  const checked = suppressFindingInput.safeParse(input);
  if (!checked.success) throw new AppError("validation", checked.error.issues[0].message);
  const { reason } = checked.data;
  const until = new Date(Date.parse(`${checked.data.until}T23:59:59.999Z`));
  if (Number.isNaN(until.getTime())) throw new AppError("validation", "The end date is not a valid date");
  if (until.getTime() <= now.getTime()) throw new AppError("validation", "The end date must be in the future");
  if (until.getTime() - now.getTime() > MAX_SUPPRESSION_DAYS * DAY_MS) {
    throw new AppError("validation", `A suppression may last at most ${MAX_SUPPRESSION_DAYS} days; review the finding again then`);
  }
  return withTransaction(db, async (tx) => {
    const finding = await findFindingForTriage(tx, input.findingId);
    if (!finding) throw notFound("Finding");
    if (finding.resolvedAt) throw new AppError("conflict", "This finding is already resolved; there is nothing to suppress");
    const actorId = "id" in input.actor ? input.actor.id : null;
    await suppressFindingRow(tx, finding.id, { suppressedAt: now, suppressedById: input.actor.type === "user" ? actorId : null, reason, until });
    await recordAudit(tx, {
      actor: input.actor,
      action: "finding.suppressed",
      targetType: "finding",
      targetId: finding.id,
      summary: `Suppressed ${finding.ruleId} until ${checked.data.until}: ${reason}`,
      details: { ruleId: finding.ruleId, message: finding.message, until: until.toISOString(), reason, previousUntil: finding.suppressedUntil?.toISOString() ?? null },
      ip: input.ip ?? null,
      at: now,
    });
    return { id: finding.id, suppressedAt: now.toISOString(), suppressedUntil: until.toISOString(), suppressionReason: reason };
  });
}
