import { type Db, withTransaction } from "@/lib/db/client";
import { findTriageTargets } from "@/lib/db/findings/lifecycle";
import type { LifecyclePolicy } from "@/lib/domain/finding-lifecycle";
import { checkTriageRequest, type BulkTriageRequest } from "@/lib/domain/finding-triage";
import type { Actor } from "@/lib/services/audit";
import { applyTriageMove, refusalError, type TriageResult } from "./triage-finding";

// Bulk triage from the findings list: one move with one reason for the selected findings. A reason
// or end date the rules refuse refuses the whole request (naming the field); a finding whose state
// does not allow the move (already acknowledged, resolved meanwhile) is skipped and reported. One
// transaction; each changed finding gets its timeline entry and audit row.

export type BulkTriageResult = {
  changed: TriageResult[];
  skipped: { id: string; message: string }[];
};

export async function bulkTriageFindings(
  db: Db,
  input: BulkTriageRequest & { actor: Actor; ip?: string | null },
  options: { now: Date; policy?: LifecyclePolicy },
): Promise<BulkTriageResult> {
  const checked = checkTriageRequest(input, options);
  if (!checked.ok) throw refusalError(checked.refusal);
  const ids = [...new Set(input.ids)];
  return withTransaction(db, async (tx) => {
    const targets = new Map((await findTriageTargets(tx, ids)).map((t) => [t.id, t]));
    const out: BulkTriageResult = { changed: [], skipped: [] };
    for (const id of ids) {
      const target = targets.get(id);
      if (!target) {
        out.skipped.push({ id, message: "No such finding" });
        continue;
      }
      const moved = await applyTriageMove(tx, target, checked.action, { ...options, actor: input.actor, ip: input.ip });
      if (moved.ok) out.changed.push(moved.result);
      else out.skipped.push({ id, message: moved.refusal.message });
    }
    return out;
  });
}
