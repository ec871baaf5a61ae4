import { randomUUID } from "node:crypto";
import type { Db, Tx, DbOrTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { claimDue, markDone, markFailed, markRetry, requeuedAt } from "@/lib/db/lease-queue";
import type { LeaseOptions } from "@/lib/db/lease-queue";

// The outbox: emails written in the same transaction as the change that causes them, and sent
// later by whichever app instance claims them, under the lease discipline of lib/db/lease-queue.ts.

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type NewOutboxMessage = { recipientEmail: string; subject: string; textBody: string; htmlBody: string };

export async function createOutboxMessage(tx: Tx, message: NewOutboxMessage, options: { now: Date }): Promise<string> {
  const id = randomUUID();
  await tx.outboxMessage.create({
    data: { id, ...message, status: "pending", nextAttemptAt: options.now, createdAt: options.now },
  });
  return id;
}

/** Queues many messages with ids chosen by the caller (a sweep links deliveries to them). */
export async function createOutboxMessages(
  tx: Tx,
  messages: (NewOutboxMessage & { id: string })[],
  options: { now: Date },
): Promise<void> {
  // multi-row INSERTs: Prisma's createMany goes row by row on SQLite, ~1 ms a row
  for (let i = 0; i < messages.length; i += 200) {
    const rows = messages
      .slice(i, i + 200)
      .map(
        (m) =>
          Prisma.sql`(${m.id}, ${m.recipientEmail}, ${m.subject}, ${m.textBody}, ${m.htmlBody}, 'pending', 0, ${options.now}, ${options.now})`,
      );
    await tx.$executeRaw`INSERT INTO "OutboxMessage" ("id", "recipientEmail", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "createdAt") VALUES ${Prisma.join(rows)}`;
  }
}

/** Replaces a queued message's content (a concurrent sweep took some of its alerts), or drops it when empty. */
export async function rewriteOrDropOutboxMessage(tx: Tx, id: string, content: NewOutboxMessage | null): Promise<void> {
  if (content) await tx.outboxMessage.update({ where: { id }, data: content });
  else await tx.outboxMessage.delete({ where: { id } });
}

export type ClaimedMessage = {
  id: string;
  recipientEmail: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  attempts: number;
};

/**
 * Claims up to `limit` due messages for `owner` until now + leaseMs. A message is due when it is
 * pending or was left "sending" by an instance whose lease has run out (it crashed mid-send), and
 * its nextAttemptAt has come. Each claim counts as an attempt, so a message that crashes its
 * sender every time still ends up failed instead of looping forever.
 */
export async function claimOutboxMessages(db: Db, options: LeaseOptions): Promise<ClaimedMessage[]> {
  return claimDue(db.outboxMessage, options, (where, orderBy) =>
    db.outboxMessage.findMany({
      where,
      select: { id: true, recipientEmail: true, subject: true, textBody: true, htmlBody: true, attempts: true },
      orderBy,
    }),
  );
}

/**
 * Records that the SMTP server accepted the message. Not conditional on still holding the lease:
 * once accepted, the message IS sent, whoever else may have claimed it since.
 */
export async function markOutboxSent(
  db: DbOrTx,
  options: { id: string; now: Date; smtpMessageId: string | null },
): Promise<void> {
  await markDone(db.outboxMessage, options.id, "sent", { sentAt: options.now, smtpMessageId: options.smtpMessageId });
}

export async function markOutboxRetry(
  db: DbOrTx,
  options: { id: string; owner: string; nextAttemptAt: Date; error: string },
): Promise<void> {
  await markRetry(db.outboxMessage, options);
}

export async function markOutboxFailed(
  db: DbOrTx,
  options: { id: string; owner: string; error: string },
): Promise<boolean> {
  return markFailed(db.outboxMessage, options);
}

const summarySelect = {
  id: true,
  recipientEmail: true,
  subject: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  sentAt: true,
  createdAt: true,
  _count: { select: { deliveries: true } },
} as const;

/** How many messages the outbox list shows for this status (all when none): the overview's "failed to send", the benchmarks. */
export async function countOutboxMessages(db: DbOrTx, options: { status?: OutboxStatus } = {}): Promise<number> {
  return db.outboxMessage.count({ where: options.status ? { status: options.status } : {} });
}

export async function listOutboxMessages(
  db: DbOrTx,
  options: { status?: OutboxStatus; limit: number; offset: number },
) {
  const where = options.status ? { status: options.status } : {};
  const [rows, total, byStatus] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: options.limit,
      skip: options.offset,
      select: summarySelect,
    }),
    db.outboxMessage.count({ where }),
    db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    total,
    counts: Object.fromEntries(
      OUTBOX_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?._count._all ?? 0]),
    ) as Record<OutboxStatus, number>,
    messages: rows.map(({ _count, ...m }) => ({ ...m, deliveryCount: _count.deliveries })),
  };
}

/** One message in full, for the admin preview: subject, text and HTML as they will be sent. */
export async function getOutboxMessage(db: DbOrTx, id: string) {
  const m = await readOutboxMessage(db, id);
  if (!m) return null;
  // a credential alert's subject is the credential: name its signer, so the page can link to it
  const credentialIds = m.deliveries.filter((d) => d.subjectType === "signer-credential").map((d) => d.subjectId);
  const signerOf = new Map(
    credentialIds.length
      ? (
          await db.signerCredential.findMany({
            where: { id: { in: credentialIds } },
            select: { id: true, signerId: true },
          })
        ).map((c) => [c.id, c.signerId])
      : [],
  );
  return { ...m, deliveries: m.deliveries.map((d) => ({ ...d, signerId: signerOf.get(d.subjectId) ?? null })) };
}

async function readOutboxMessage(db: DbOrTx, id: string) {
  return db.outboxMessage.findUnique({
    where: { id },
    select: {
      id: true,
      recipientEmail: true,
      subject: true,
      textBody: true,
      htmlBody: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      sentAt: true,
      smtpMessageId: true,
      createdAt: true,
      deliveries: {
        select: { kind: true, subjectType: true, subjectId: true, band: true, runId: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/**
 * Puts a failed or pending message back in the queue, due now, with a fresh set of attempts.
 * Conditional so a message being sent (or already sent) is left alone; returns whether it moved.
 */
export async function requeueOutboxMessage(tx: DbOrTx, options: { id: string; now: Date }): Promise<boolean> {
  const r = await tx.outboxMessage.updateMany({
    where: { id: options.id, status: { in: ["failed", "pending"] } },
    data: requeuedAt(options.now),
  });
  return r.count === 1;
}

// ---------------------------------------------------------------- benchmarks

/** The oldest messages with the number of deliveries each carries. */
export async function listOldestOutboxMessages(
  db: DbOrTx,
  limit: number,
): Promise<{ id: string; deliveries: number }[]> {
  const rows = await db.outboxMessage.findMany({
    select: { id: true, _count: { select: { deliveries: true } } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  return rows.map((m) => ({ id: m.id, deliveries: m._count.deliveries }));
}

/** Moves the next attempt of these messages (every message when ids is omitted). */
export async function rescheduleOutboxMessages(
  db: DbOrTx,
  options: { ids?: string[]; nextAttemptAt: Date },
): Promise<void> {
  if (!options.ids) {
    await db.outboxMessage.updateMany({ data: { nextAttemptAt: options.nextAttemptAt } });
    return;
  }
  for (let i = 0; i < options.ids.length; i += 5_000) {
    await db.outboxMessage.updateMany({
      where: { id: { in: options.ids.slice(i, i + 5_000) } },
      data: { nextAttemptAt: options.nextAttemptAt },
    });
  }
}
