import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { listTasksFor, loadTaskSignerDetail } from "@/lib/db/attestations/attestations";
import { attestationCommentSchema, unchangedAnswer } from "@/lib/domain/attestation";
import { recordAudit } from "./audit";
import { recordAnswer, refreshSignerFindings, type Answerer } from "./answer-attestation";

// Attests several unchanged signers at once: still needed, every grant kept, custody confirmed.
// All or nothing: one task that is not the caller's, or no longer pending, refuses the batch.

export const bulkAttestInput = z.object({
  attestationIds: z.array(z.string().min(1)).min(1, "Choose at least one task").max(200),
  comment: attestationCommentSchema,
});

export async function bulkAttest(
  db: Db,
  input: z.input<typeof bulkAttestInput>,
  who: Answerer,
  options: { now: Date },
) {
  const { attestationIds, comment } = bulkAttestInput.parse(input);
  const ids = [...new Set(attestationIds)];
  const tasks = await listTasksFor(db, { ids });
  const notMine = ids.filter((id) => !tasks.some((t) => t.id === id && who.personId && t.assignee.id === who.personId));
  if (notMine.length) {
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: who.actor,
        action: "attestation.access-refused",
        targetType: "attestation",
        targetId: notMine[0],
        summary: `Refused bulk attestation including ${notMine.length} task${notMine.length === 1 ? "" : "s"} that are not the caller's`,
        details: { attempted: "bulk-attest", attestationIds: notMine },
        ip: who.ip ?? null,
        at: options.now,
      }),
    );
    throw new AppError("forbidden", "Some of these attestation tasks are not yours");
  }
  const notPending = tasks.filter((t) => t.status !== "pending" || t.campaign.status !== "open");
  if (notPending.length)
    throw new AppError("conflict", `Already answered: ${notPending.map((t) => t.signer.name).join(", ")}`);
  const details = new Map(
    await Promise.all(tasks.map(async (t) => [t.id, await loadTaskSignerDetail(db, t.signer.id)] as const)),
  );
  const results = await withTransaction(db, async (tx) => {
    const out = [];
    for (const task of tasks) {
      const d = details.get(task.id)!;
      out.push(
        await recordAnswer(tx, {
          task,
          answer: unchangedAnswer({ privileges: d.privileges, keys: d.keys }, comment),
          keyIds: d.keys.map((k) => k.id),
          who,
          now: options.now,
          isBulk: true,
        }),
      );
    }
    return out;
  });
  for (const task of tasks) await refreshSignerFindings(db, task.signer.id, options.now);
  return { attested: results.length };
}
