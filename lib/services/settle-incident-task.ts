import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import {
  addIncidentSteps,
  findIncidentIdOfTask,
  loadIncidentState,
  updateOpenIncidentTask,
} from "@/lib/db/incidents/incidents";
import { drillLabel } from "@/lib/domain/incidents";
import { recordAudit, type Actor } from "./audit";
import { closeIfSettled } from "./incident-closing";

// Settles a recovery task by hand: waived with a reason (a channel that will not be re-signed, e.g.
// retired), or, in a drill, confirmed as rehearsed (a drill registers no real key, so its steps are
// confirmed by the people who practised them). A real task is done only from the data.

export async function settleIncidentTask(
  db: Db,
  input: { taskId: string; outcome: "waived" | "done"; reason?: string },
  options: { actor: Actor; now: Date },
) {
  const incidentId = await findIncidentIdOfTask(db, input.taskId);
  const state = incidentId ? await loadIncidentState(db, incidentId) : null;
  const task = state?.tasks.find((t) => t.id === input.taskId);
  if (!state || !task) throw notFound("Recovery task");
  if (state.status !== "open") throw new AppError("conflict", "The incident is closed");
  if (task.status !== "open") throw new AppError("conflict", `The task is already ${task.status}`);
  const reason = input.reason?.trim() ?? "";
  if (input.outcome === "waived" && reason.length < 10)
    throw new AppError("validation", "A waiver needs a reason of at least 10 characters", {
      issues: [{ path: "reason", message: "A waiver needs a reason of at least 10 characters" }],
    });
  if (input.outcome === "done" && state.mode !== "drill")
    throw new AppError("conflict", "A real recovery task is done when Signet sees the re-signing, not by hand");
  const { actor, now } = options;
  const channel = `${task.environment} × ${task.artifactType}`;
  await withTransaction(db, async (tx) => {
    const isChanged = await updateOpenIncidentTask(
      tx,
      task.id,
      input.outcome === "waived"
        ? { status: "waived", doneAt: now, waivedReason: reason, waivedByLabel: actor.label }
        : { status: "done", doneAt: now, newKeyAt: now, newCertificateAt: now, resignedAt: now },
    );
    if (!isChanged) throw new AppError("conflict", "The task was settled meanwhile");
    const summary = drillLabel(
      state.mode,
      input.outcome === "waived" ? `Recovery of ${channel} waived: ${reason}` : `Recovery of ${channel} rehearsed`,
    );
    await addIncidentSteps(tx, state.id, [
      { at: now, kind: `task-${input.outcome}`, actorLabel: actor.label, summary, details: { taskId: task.id } },
    ]);
    await recordAudit(tx, {
      actor,
      action: `incident.task-${input.outcome}`,
      targetType: "incident",
      targetId: state.id,
      summary,
      details: { taskId: task.id, reason: reason || null },
      at: now,
    });
    await closeIfSettled(tx, state.id, { actor, now });
  });
  return { id: task.id, incidentId: state.id, status: input.outcome };
}
