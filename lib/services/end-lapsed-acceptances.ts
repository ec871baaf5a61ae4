import { type Db, withTransaction } from "@/lib/db/client";
import { endAcceptances, lapsedAcceptanceIds } from "@/lib/db/findings/lifecycle";
import { invalidateOverview } from "@/lib/db/inventory/overview";
import { recordAuditMany, SYSTEM_ACTOR } from "./audit";

// A risk acceptance ends by itself on its end date (lib/domain/finding-lifecycle effectiveState):
// the lists count the finding as open from that instant; the findings job then stores the move,
// so the finding's timeline and the audit log say when it came back.

export async function endLapsedAcceptances(db: Db, options: { now: Date }): Promise<{ ended: number }> {
  const { now } = options;
  const ended = await withTransaction(db, async (tx) => {
    const ids = await lapsedAcceptanceIds(tx, now);
    await endAcceptances(tx, ids, now);
    await recordAuditMany(
      tx,
      ids.map((id) => ({
        actor: { ...SYSTEM_ACTOR, label: "findings job" },
        action: "finding.acceptance-ended",
        targetType: "finding",
        targetId: id,
        summary: "The risk acceptance reached its end date: the finding is open again",
        at: now,
      })),
    );
    return ids.length;
  });
  if (ended > 0) invalidateOverview(db);
  return { ended };
}
