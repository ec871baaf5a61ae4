import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { chunks, Prisma } from "@/lib/db/sql";

// AlertDelivery: one row per (alert or attestation mail, recipient, subject, band) ever planned.
// The dedupe key makes a delivery happen once however many sweeps or instances plan it. The
// only writer of the table: the alert sweep and the attestation mails both insert here.

export type NewAlertDelivery = {
  dedupeKey: string;
  /** cert-expiry | credential-expiry | attestation-invite | attestation-reminder | attestation-escalation */
  kind: string;
  recipientEmail: string;
  subjectType: string;
  subjectId: string;
  band: string;
};

export type AttestationDelivery = Omit<NewAlertDelivery, "kind" | "subjectType"> & {
  kind: "attestation-invite" | "attestation-reminder" | "attestation-escalation";
};

const INSERT_CHUNK = 500;
/** Keeps IN lists well below SQLite's and PostgreSQL's bound-parameter limits. */
const KEY_CHUNK = 5_000;

/**
 * Inserts deliveries, skipping any whose dedupe key exists (a concurrent sweep got there first).
 * Returns the keys actually inserted: only those may go into this run's emails.
 * Raw SQL because Prisma's createMany cannot skip duplicates on SQLite; ON CONFLICT … RETURNING
 * works on SQLite ≥ 3.35 and PostgreSQL alike.
 */
export async function insertAlertDeliveries<D extends NewAlertDelivery>(
  tx: Tx,
  deliveries: readonly D[],
  options: { runId: string; now: Date; messageIdFor?: (d: D) => string | null },
): Promise<Set<string>> {
  const inserted = new Set<string>();
  // one global order: concurrent sweeps on PostgreSQL then wait on each other instead of deadlocking
  const sorted = [...deliveries].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
  for (const part of chunks(sorted, INSERT_CHUNK)) {
    const tuples = part.map(
      (d) =>
        Prisma.sql`(${randomUUID()}, ${d.dedupeKey}, ${d.kind}, ${d.recipientEmail}, ${d.subjectType}, ${d.subjectId}, ${d.band}, ${options.runId}, ${options.messageIdFor?.(d) ?? null}, ${options.now})`,
    );
    const rows = await tx.$queryRaw<{ dedupeKey: string }[]>`INSERT INTO "AlertDelivery" ("id", "dedupeKey", "kind", "recipientEmail", "subjectType", "subjectId", "band", "runId", "messageId", "createdAt") VALUES ${Prisma.join(tuples)} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "dedupeKey"`;
    for (const r of rows) inserted.add(r.dedupeKey);
  }
  return inserted;
}

/** Points deliveries at the email that carries them (for callers that create the email after the deliveries). */
export async function linkDeliveriesToMessage(tx: Tx, options: { messageId: string; dedupeKeys: string[] }): Promise<void> {
  for (const part of chunks(options.dedupeKeys, KEY_CHUNK)) {
    await tx.alertDelivery.updateMany({ where: { dedupeKey: { in: part } }, data: { messageId: options.messageId } });
  }
}

/** The dedupe keys already delivered for these subjects. */
export async function deliveredKeys(db: DbOrTx, subjectType: string, subjectIds: string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const part of chunks(subjectIds, KEY_CHUNK)) {
    const sent = await db.alertDelivery.findMany({ where: { subjectType, subjectId: { in: part } }, select: { dedupeKey: true } });
    for (const s of sent) keys.add(s.dedupeKey);
  }
  return keys;
}
