import { randomUUID } from "node:crypto";
import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findPerson, findTask, moveTask } from "@/lib/db/attestations/attestations";
import { recordAudit } from "./audit";
import { loadOwnTask, type Answerer } from "./answer-attestation";
import { queueAttestationMail } from "./queue-attestation-mail";

// The holder of a task passes it to a colleague (the security team may move any task). The
// delegation is recorded, the task moves, and the new holder gets an email with their own link.

export const delegateInput = z.object({
  toEmail: z.string().trim().toLowerCase().pipe(z.email("Enter the colleague's email address")),
  reason: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => v || null),
});

export async function delegateAttestation(
  db: Db,
  input: { attestationId: string; toEmail: string; reason?: string | null },
  who: Answerer & { isSecurityTeam?: boolean },
  options: { now: Date; baseUrl: string },
) {
  const { now } = options;
  const task = who.isSecurityTeam
    ? await findTask(db, input.attestationId)
    : await loadOwnTask(db, input.attestationId, who, { now, action: "delegate" });
  if (!task) throw new AppError("not_found", "Attestation task not found");
  if (task.status !== "pending") throw new AppError("conflict", "An answered task cannot be delegated");
  const to = await findPerson(db, { email: input.toEmail });
  if (!to)
    throw new AppError("validation", `Nobody with the email ${input.toEmail} is in the inventory`, {
      issues: [{ path: "toEmail", message: "Not a person in the inventory" }],
    });
  if (!to.isActive)
    throw new AppError("validation", `${to.name} has left the company`, {
      issues: [{ path: "toEmail", message: "This person has left" }],
    });
  if (to.id === task.assignee.id)
    throw new AppError("validation", "The task is already theirs", {
      issues: [{ path: "toEmail", message: "Choose someone else" }],
    });
  return withTransaction(db, async (tx) => {
    const delegation = await moveTask(tx, {
      attestationId: task.id,
      fromPersonId: task.assignee.id,
      toPersonId: to.id,
      byUserId: who.userId,
      reason: input.reason ?? null,
      now,
    });
    if (!delegation) throw new AppError("conflict", "This task changed a moment ago; reload and try again");
    await recordAudit(tx, {
      actor: who.actor,
      action: "attestation.delegated",
      targetType: "attestation",
      targetId: task.id,
      summary: `Attestation of ${task.signer.name} delegated from ${task.assignee.name} to ${to.name}`,
      details: {
        delegationId: delegation.id,
        fromPersonId: task.assignee.id,
        toPersonId: to.id,
        reason: input.reason ?? null,
      },
      ip: who.ip ?? null,
      at: now,
    });
    await queueAttestationMail(
      tx,
      [
        {
          email: to.email,
          name: to.name,
          personId: to.id,
          kind: "delegated",
          deliveryKind: "attestation-invite",
          band: "delegated",
          tasks: [
            {
              attestationId: task.id,
              signerName: task.signer.name,
              dedupeKey: `attestation-invite:${task.id}:${delegation.id}:${to.id}`,
            },
          ],
        },
      ],
      {
        campaign: task.campaign,
        now,
        runId: `delegation:${delegation.id}:${randomUUID().slice(0, 8)}`,
        baseUrl: options.baseUrl,
        delegatedBy: task.assignee.name,
      },
    );
    return { delegationId: delegation.id, toPersonId: to.id, toName: to.name };
  });
}
