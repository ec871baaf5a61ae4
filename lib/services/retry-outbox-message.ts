import { type Db, withTransaction } from "@/lib/db/client";
import { getOutboxMessage, requeueOutboxMessage } from "@/lib/db/outbox/outbox";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/services/audit";

/**
 * "Retry now" on a failed or waiting email: due immediately with a fresh set of attempts. The
 * outbox sender picks it up on its next tick (or at once if the caller runs it).
 */
export async function retryOutboxMessage(db: Db, input: { messageId: string }, actor: Actor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const message = await getOutboxMessage(tx, input.messageId);
    if (!message) throw notFound("Email");
    if (message.status === "sent") throw new AppError("conflict", "This email has already been sent");
    if (message.status === "sending") throw new AppError("conflict", "This email is being sent right now");
    if (!(await requeueOutboxMessage(tx, { id: message.id, now }))) throw new AppError("conflict", "This email changed meanwhile: reload and try again");
    await recordAudit(tx, {
      actor,
      action: "outbox.retry",
      targetType: "outbox-message",
      targetId: message.id,
      summary: `Queued "${message.subject}" to ${message.recipientEmail} for sending now (was ${message.status} after ${message.attempts} attempt${message.attempts === 1 ? "" : "s"})`.slice(0, 500),
      details: { previousStatus: message.status, previousAttempts: message.attempts, lastError: message.lastError },
      at: now,
    });
    return { id: message.id, status: "pending" as const, nextAttemptAt: now, attempts: 0 };
  });
}
