import { type Db, withTransaction } from "@/lib/db/client";
import { drainLeased } from "@/lib/db/lease-queue";
import {
  claimOutboxMessages,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type ClaimedMessage,
} from "@/lib/db/outbox/outbox";
import { afterMailFailure, MAX_MAIL_ATTEMPTS } from "@/lib/domain/alerts/retry";
import { classifyMailError, type MailTransport } from "@/lib/mail/transport";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";

export type SendOutboxOptions = {
  now: Date;
  /** null when SMTP_URL is not configured: messages stay pending, visible in the outbox */
  transport: MailTransport | null;
  instanceId: string;
  /** most messages handled in one call (default 200) */
  batchSize?: number;
  /** messages sent in parallel (default 4) */
  concurrency?: number;
  /** how long a claim protects a message from other senders (default 2 min) */
  leaseMs?: number;
  maxAttempts?: number;
};

export type SendOutboxResult = { sent: number; retried: number; failed: number; isTransportMissing: boolean };

/**
 * Sends due outbox messages. Delivery is at-least-once: a message is claimed (status "sending",
 * leased to this instance), handed to SMTP, and marked sent immediately after the server accepts
 * it. If the process dies in the milliseconds between acceptance and that UPDATE, the lease runs
 * out and another sender sends it again; that window is the only way a duplicate can happen, and
 * the stable Message-ID lets mail systems recognise it. Nothing is ever lost: a crash before
 * acceptance leaves a leased message that is retried once the lease expires.
 */
export async function sendOutbox(db: Db, options: SendOutboxOptions): Promise<SendOutboxResult> {
  const result: SendOutboxResult = { sent: 0, retried: 0, failed: 0, isTransportMissing: options.transport === null };
  const transport = options.transport;
  if (!transport) return result;
  await drainLeased({
    batchSize: options.batchSize ?? 200,
    concurrency: options.concurrency ?? 4,
    claim: (limit) =>
      claimOutboxMessages(db, {
        owner: options.instanceId,
        now: options.now,
        leaseMs: options.leaseMs ?? 120_000,
        limit,
      }),
    handle: (m) => sendOne(db, transport, m, options, result),
  });
  return result;
}

async function sendOne(
  db: Db,
  transport: MailTransport,
  message: ClaimedMessage,
  options: SendOutboxOptions,
  result: SendOutboxResult,
) {
  let smtpMessageId: string | null;
  try {
    ({ smtpMessageId } = await transport.send({
      to: message.recipientEmail,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      messageId: `<outbox-${message.id}@signet>`,
    }));
  } catch (error) {
    const { isPermanent, message: reason } = classifyMailError(error);
    const next = afterMailFailure({
      attempts: message.attempts,
      isPermanent,
      now: options.now,
      maxAttempts: options.maxAttempts ?? MAX_MAIL_ATTEMPTS,
    });
    if (next.kind === "retry") {
      await markOutboxRetry(db, {
        id: message.id,
        owner: options.instanceId,
        nextAttemptAt: next.nextAttemptAt,
        error: reason,
      });
      result.retried++;
      return;
    }
    const error_ = isPermanent ? reason : `gave up after ${message.attempts} attempts: ${reason}`;
    await withTransaction(db, async (tx) => {
      if (!(await markOutboxFailed(tx, { id: message.id, owner: options.instanceId, error: error_ }))) return;
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "mail.failed",
        targetType: "outbox-message",
        targetId: message.id,
        summary: `Email to ${message.recipientEmail} could not be delivered: ${error_}`.slice(0, 500),
        details: { attempts: message.attempts, isPermanent },
        at: options.now,
      });
    });
    result.failed++;
    return;
  }
  // keep this immediately after acceptance: it bounds the duplicate window described above
  await markOutboxSent(db, { id: message.id, now: options.now, smtpMessageId });
  result.sent++;
}
