import { createHash, randomUUID } from "node:crypto";
import type { Db, DbOrTx } from "@/lib/db/client";
import { claimDue, markDone, markFailed, markRetry, requeuedAt } from "@/lib/db/lease-queue";
import type { LeaseOptions } from "@/lib/db/lease-queue";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import { insertJsonRows, timestampValue, type WriteStatement } from "@/lib/db/sql";
import type { WebhookDeliveryFilters } from "@/lib/domain/inventory-filters";
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookEventDraft,
  type WebhookEventType,
} from "@/lib/domain/webhooks/events";
import { subscriptionsFor } from "./subscriptions";

// WebhookDelivery: one event for one subscription, written in the transaction of the change that
// caused the event and sent later by the webhooks job with the outbox's discipline
// (lib/db/lease-queue.ts: claim by a conditional UPDATE with a lease, retry with backoff, give up
// after a number of attempts). The
// unique (subscriptionId, eventId) key makes enqueueing the same event twice a no-op.

/** The event id: derived from the source's natural key when it has one, so it stays one event. */
export function webhookEventId(draft: Pick<WebhookEventDraft, "key">): string {
  if (!draft.key) return `evt_${randomUUID().replaceAll("-", "")}`;
  return `evt_${createHash("sha256").update(draft.key).digest("hex").slice(0, 32)}`;
}

export function toWebhookEvent(draft: WebhookEventDraft): WebhookEvent {
  return {
    id: webhookEventId(draft),
    type: draft.type,
    occurredAt: draft.occurredAt.toISOString(),
    summary: draft.summary,
    subject: draft.subject,
    data: draft.data,
  };
}

const COLUMNS = {
  id: "text",
  subscriptionId: "text",
  eventId: "text",
  eventType: "text",
  payloadJson: "text",
  status: "text",
  attempts: "int",
  nextAttemptAt: "timestamp",
  createdAt: "timestamp",
} as const;

type DeliveryInsert = { subscriptionId: string; eventId: string; eventType: string; payloadJson: string };

async function insertDeliveries(tx: DbOrTx, rows: DeliveryInsert[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await insertJsonRows(tx, {
    table: "WebhookDelivery",
    columns: COLUMNS,
    rows: rows.map((r) => ({
      id: randomUUID(),
      ...r,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
    onConflict: `("subscriptionId", "eventId") DO NOTHING`,
  });
}

/**
 * Queues these events for every enabled subscription that wants them, inside the caller's
 * transaction: the events commit with the change or not at all. One small read when nobody
 * subscribes. Returns the events (with their ids) that were queued for at least one subscription.
 */
export async function enqueueWebhookEvents(
  tx: DbOrTx,
  drafts: WebhookEventDraft[],
  options: { now: Date },
): Promise<WebhookEvent[]> {
  if (drafts.length === 0) return [];
  const types = new Set(drafts.map((d) => d.type).filter((t): t is WebhookEventType => t !== "ping"));
  const subscriptions = await subscriptionsFor(tx, [...types]);
  if (subscriptions.length === 0) return [];
  const rows: DeliveryInsert[] = [];
  const queued: WebhookEvent[] = [];
  for (const draft of drafts) {
    const wanting = subscriptions.filter((s) => (s.events as string[]).includes(draft.type));
    if (wanting.length === 0) continue;
    const event = toWebhookEvent(draft);
    queued.push(event);
    const payloadJson = JSON.stringify(event);
    for (const s of wanting) rows.push({ subscriptionId: s.id, eventId: event.id, eventType: event.type, payloadJson });
  }
  await insertDeliveries(tx, rows, options.now);
  return queued;
}

/**
 * One event queued for every enabled subscription that wants it, as a write to run with the change
 * in one atomic write (writeAtomically, lib/db/driver.ts): the subscriptions are chosen inside the
 * INSERT (… SELECT FROM "WebhookSubscription"), so the gate's denial queues its event without a read
 * of them first. As enqueueWebhookEvents for one event: nothing when nobody subscribes.
 */
export function webhookEventWrite(draft: WebhookEventDraft, options: { now: Date }): WriteStatement {
  const event = toWebhookEvent(draft);
  const payloadJson = JSON.stringify(event);
  const columns = `"id", "subscriptionId", "eventId", "eventType", "payloadJson", "status", "attempts", "nextAttemptAt", "createdAt"`;
  return (flavour, first) => {
    const at = timestampValue(flavour, options.now);
    if (flavour === "sqlite")
      return {
        // a version-4 UUID as randomUUID writes it
        sql: `INSERT INTO "WebhookDelivery" (${columns})
          SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
              || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
            s."id", ?, ?, ?, 'pending', 0, ?, ?
          FROM "WebhookSubscription" s
          WHERE s."isEnabled" = 1 AND EXISTS (SELECT 1 FROM json_each(s."eventsJson") WHERE value = ?)
          ON CONFLICT ("subscriptionId", "eventId") DO NOTHING`,
        values: [event.id, event.type, payloadJson, at, at, event.type],
      };
    const $ = (k: number) => `$${first + k}`;
    return {
      sql: `INSERT INTO "WebhookDelivery" (${columns})
        SELECT gen_random_uuid()::text, s."id", ${$(0)}::text, ${$(1)}::text, ${$(2)}::text, 'pending', 0,
          (${$(3)}::timestamptz AT TIME ZONE 'UTC'), (${$(3)}::timestamptz AT TIME ZONE 'UTC')
        FROM "WebhookSubscription" s
        WHERE s."isEnabled" AND s."eventsJson"::jsonb @> jsonb_build_array(${$(1)}::text)
        ON CONFLICT ("subscriptionId", "eventId") DO NOTHING`,
      values: [event.id, event.type, payloadJson, at],
    };
  };
}

/** One delivery for one subscription whatever its events (the test ping, an audit batch). */
export async function enqueueDelivery(tx: DbOrTx, row: DeliveryInsert, options: { now: Date }): Promise<void> {
  await insertDeliveries(tx, [row], options.now);
}

export type ClaimedDelivery = {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  payloadJson: string;
  attempts: number;
  subscription: { url: string; format: string; isEnabled: boolean };
};

/**
 * Claims up to `limit` due deliveries for `owner` until now + leaseMs: pending ones, and ones
 * left "sending" by an instance whose lease ran out (it died mid-send). Each claim counts as an
 * attempt, as in the outbox.
 */
export async function claimWebhookDeliveries(db: Db, options: LeaseOptions): Promise<ClaimedDelivery[]> {
  return claimDue(db.webhookDelivery, options, (where, orderBy) =>
    db.webhookDelivery.findMany({
      where,
      select: {
        id: true,
        subscriptionId: true,
        eventId: true,
        eventType: true,
        payloadJson: true,
        attempts: true,
        subscription: { select: { url: true, format: true, isEnabled: true } },
      },
      orderBy,
    }),
  );
}

/** The receiver answered 2xx. Not conditional on the lease: once accepted, it IS delivered. */
export async function markWebhookDelivered(
  db: DbOrTx,
  options: { id: string; now: Date; responseStatus: number },
): Promise<void> {
  await markDone(db.webhookDelivery, options.id, "delivered", {
    deliveredAt: options.now,
    responseStatus: options.responseStatus,
  });
}

export async function markWebhookRetry(
  db: DbOrTx,
  options: { id: string; owner: string; nextAttemptAt: Date; error: string; responseStatus: number | null },
): Promise<void> {
  await markRetry(db.webhookDelivery, options, { responseStatus: options.responseStatus });
}

export async function markWebhookFailed(
  db: DbOrTx,
  options: { id: string; owner: string; error: string; responseStatus: number | null },
): Promise<boolean> {
  return markFailed(db.webhookDelivery, options, { responseStatus: options.responseStatus });
}

/** Redeliver: a delivered or failed delivery goes back in the queue, due now, with fresh attempts. */
export async function requeueWebhookDelivery(db: DbOrTx, options: { id: string; now: Date }): Promise<boolean> {
  const r = await db.webhookDelivery.updateMany({
    where: { id: options.id, status: { in: ["failed", "delivered", "pending"] } },
    data: requeuedAt(options.now),
  });
  return r.count === 1;
}

export async function findWebhookDelivery(db: DbOrTx, id: string) {
  return db.webhookDelivery.findUnique({
    where: { id },
    select: { id: true, subscriptionId: true, eventId: true, eventType: true, status: true },
  });
}

/** Whether an audit batch of this subscription is still on its way (the next one waits for it, to keep order). */
export async function hasUndeliveredAuditBatch(db: DbOrTx, subscriptionId: string): Promise<boolean> {
  const row = await db.webhookDelivery.findFirst({
    where: { subscriptionId, eventType: "audit", status: { in: ["pending", "sending"] } },
    select: { id: true },
  });
  return row !== null;
}

/** One delivery as the admin page's list sends it (dates as ISO strings). */
export type WebhookDeliveryRow = {
  id: string;
  subscriptionId: string;
  subscriptionName: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  responseStatus: number | null;
  deliveredAt: string | null;
  createdAt: string;
};

/** A page of deliveries plus the number in each status (across every page and subscription). */
export type WebhookDeliveryPage = Page<WebhookDeliveryRow> & { counts: Record<WebhookDeliveryStatus, number> };

/** The deliveries of the admin page (and GET /api/v1/webhooks/deliveries), of one status or all, the newest first. */
export async function listWebhookDeliveryPage(db: DbOrTx, f: WebhookDeliveryFilters): Promise<WebhookDeliveryPage> {
  const where = f.status ? { status: f.status } : {};
  const [page, counts] = await Promise.all([
    readPage(f, {
      rows: (window) =>
        db.webhookDelivery.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
          select: {
            id: true,
            subscriptionId: true,
            eventId: true,
            eventType: true,
            status: true,
            attempts: true,
            nextAttemptAt: true,
            lastError: true,
            responseStatus: true,
            deliveredAt: true,
            createdAt: true,
            subscription: { select: { name: true } },
          },
          ...window,
        }),
      count: () => db.webhookDelivery.count({ where }),
    }),
    countWebhookDeliveries(db),
  ]);
  return {
    ...page,
    counts,
    rows: page.rows.map(({ subscription, ...r }) => ({
      ...r,
      subscriptionName: subscription.name,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      deliveredAt: iso(r.deliveredAt),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Deliveries by status (the metrics endpoint and the admin page's counts). */
export async function countWebhookDeliveries(db: DbOrTx): Promise<Record<WebhookDeliveryStatus, number>> {
  const rows = await db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(
    WEBHOOK_DELIVERY_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?._count._all ?? 0]),
  ) as Record<WebhookDeliveryStatus, number>;
}
