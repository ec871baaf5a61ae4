import type { DbOrTx, Tx } from "@/lib/db/client";
import { isPostgres, toDate, toRequiredDate } from "@/lib/db/sql";
import type { WebhookEventType, WebhookFormat } from "@/lib/domain/webhooks/events";

// WebhookSubscription: where events go. The encrypted signing secret is omitted from every read
// but the sender's (readSubscriptionSecrets).

export type WebhookSubscriptionRow = {
  id: string;
  name: string;
  url: string;
  events: WebhookEventType[];
  format: WebhookFormat;
  isEnabled: boolean;
  auditCursor: number;
  createdAt: Date;
  updatedAt: Date;
  disabledAt: Date | null;
};

const select = {
  id: true,
  name: true,
  url: true,
  eventsJson: true,
  format: true,
  isEnabled: true,
  auditCursor: true,
  createdAt: true,
  updatedAt: true,
  disabledAt: true,
} as const;

type Stored = { eventsJson: string; format: string } & Omit<WebhookSubscriptionRow, "events" | "format">;

function toRow({ eventsJson, format, ...s }: Stored): WebhookSubscriptionRow {
  return { ...s, events: JSON.parse(eventsJson) as WebhookEventType[], format: format as WebhookFormat };
}

export async function insertWebhookSubscription(
  tx: Tx,
  input: {
    name: string;
    url: string;
    events: WebhookEventType[];
    format: WebhookFormat;
    secretCiphertext: string;
    createdById: string | null;
    auditCursor: number;
    now: Date;
  },
): Promise<WebhookSubscriptionRow> {
  const { events, now, ...rest } = input;
  const row = await tx.webhookSubscription.create({
    data: { ...rest, eventsJson: JSON.stringify(events), createdAt: now, updatedAt: now },
    select,
  });
  return toRow(row);
}

export async function updateWebhookSubscription(
  tx: Tx,
  id: string,
  input: {
    name: string;
    url: string;
    events: WebhookEventType[];
    format: WebhookFormat;
    isEnabled: boolean;
    now: Date;
    /** set when the audit stream is newly chosen: it starts at the chain's head, not at seq 1 */
    auditCursor?: number;
  },
): Promise<WebhookSubscriptionRow> {
  const { events, now, isEnabled, ...rest } = input;
  const row = await tx.webhookSubscription.update({
    where: { id },
    data: {
      ...rest,
      eventsJson: JSON.stringify(events),
      isEnabled,
      updatedAt: now,
      ...(isEnabled ? { disabledAt: null } : {}),
    },
    select,
  });
  if (!isEnabled && !row.disabledAt)
    await tx.webhookSubscription.update({ where: { id }, data: { disabledAt: now }, select: { id: true } });
  return toRow({ ...row, disabledAt: row.disabledAt ?? (isEnabled ? null : now) });
}

export async function findWebhookSubscription(db: DbOrTx, id: string): Promise<WebhookSubscriptionRow | null> {
  const row = await db.webhookSubscription.findUnique({ where: { id }, select });
  return row ? toRow(row) : null;
}

export async function listWebhookSubscriptions(db: DbOrTx): Promise<WebhookSubscriptionRow[]> {
  const rows = await db.webhookSubscription.findMany({ select, orderBy: { createdAt: "asc" } });
  return rows.map(toRow);
}

/** The enabled subscriptions that want any of these event types (an event source's first read). */
export async function subscriptionsFor(
  db: DbOrTx,
  types: readonly WebhookEventType[],
): Promise<WebhookSubscriptionRow[]> {
  // raw: every audited change that emits an event asks, the release gate's denials among them
  const rows = await db.$queryRawUnsafe<Record<keyof typeof select, unknown>[]>(
    `SELECT ${Object.keys(select)
      .map((c) => `"${c}"`)
      .join(", ")} FROM "WebhookSubscription" WHERE "isEnabled" = ${isPostgres(db) ? "true" : "1"}`,
  );
  return rows
    .map((r) =>
      toRow({
        id: r.id as string,
        name: r.name as string,
        url: r.url as string,
        eventsJson: r.eventsJson as string,
        format: r.format as string,
        isEnabled: true,
        auditCursor: Number(r.auditCursor),
        createdAt: toRequiredDate(r.createdAt),
        updatedAt: toRequiredDate(r.updatedAt),
        disabledAt: toDate(r.disabledAt),
      }),
    )
    .filter((s) => s.events.some((e) => types.includes(e)));
}

/** The encrypted secrets of these subscriptions: only the sender reads them. */
export async function readSubscriptionSecrets(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.webhookSubscription.findMany({
    where: { id: { in: ids } },
    select: { id: true, secretCiphertext: true },
  });
  return new Map(rows.map((r) => [r.id, r.secretCiphertext]));
}

/** Moves the audit stream's cursor, only from where the caller read it (two cutters cannot both move it). */
export async function advanceAuditCursor(tx: DbOrTx, id: string, from: number, to: number): Promise<boolean> {
  const r = await tx.webhookSubscription.updateMany({ where: { id, auditCursor: from }, data: { auditCursor: to } });
  return r.count === 1;
}
