import { hash } from "node:crypto";
import { closeDb, createDb, type Db, type DbOrTx } from "@/lib/db/client";
import { withDriverTransaction } from "@/lib/db/driver";
import { dialectOf, sqlDate, toDate } from "@/lib/db/sql";
import type { ChainContent, ChainLink } from "@/lib/domain/audit-chain";

export type { ChainContent, ChainLink };

// The audit log's hash chain, one per database. Each event stores its position (seq), the SHA-256
// of its canonical content, the previous event's hash and its own hash:
//   contentHash = SHA-256(canonical JSON of the event's fields: sorted keys, ISO dates)
//   hash        = SHA-256(prevHash || contentHash || seq)      (hex strings, seq in decimal)
// The first event's prevHash is 64 zeros. Editing a row breaks its content hash, deleting one
// leaves a gap and breaks the next link, reordering breaks the hash (it covers seq); truncating the
// tail needs an anchor (a head exported elsewhere) to be seen: see docs/threat-model.md.
//
// Most events are linked as they are written, under the chain's lock (events.ts). An event written
// on a hot path (a gate decision) is written *pending* instead: its content hash is stored at once
// and it takes no lock; the sequencer (linkPending, run by lib/services/audit-sequencer.ts right
// after such a write and by the audit.link job) links pending events in batches, oldest first, as
// a transparency log's sequencer integrates queued entries. A pending event's content is checked
// against the hash stored with it before it is linked, so an edit while it waits is not sealed in.

export const GENESIS_HASH = "0".repeat(64);

/** The key of the PostgreSQL advisory lock that serialises the chain step ("SIGNET" in ASCII). */
export const CHAIN_LOCK_KEY = 0x5349474e4554;

// the one-shot hash() is about twice as fast as createHash() for inputs this small
const sha256 = (text: string) => hash("sha256", text, "hex");

/** The stable serialisation the content hash covers: keys in sorted order, the date in ISO form. */
export function canonicalContent(e: ChainContent): string {
  // written out in sorted key order (JSON.stringify keeps insertion order); a test checks it
  return JSON.stringify({
    action: e.action,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    actorType: e.actorType,
    at: e.at.toISOString(),
    detailsJson: e.detailsJson,
    id: e.id,
    ip: e.ip,
    summary: e.summary,
    targetId: e.targetId,
    targetType: e.targetType,
  });
}

export function contentHashOf(e: ChainContent): string {
  return sha256(canonicalContent(e));
}

export function chainHashOf(prevHash: string, contentHash: string, seq: number): string {
  return sha256(`${prevHash}${contentHash}${seq}`);
}

/** The links of `events` appended after `head` (null: the chain is empty). */
export function linksAfter(head: { seq: number; hash: string } | null, events: ChainContent[]): ChainLink[] {
  return linksOfHashesAfter(head, events.map(contentHashOf));
}

/** linksAfter for events whose content hashes are computed already (before the chain's lock is taken). */
export function linksOfHashesAfter(head: { seq: number; hash: string } | null, contentHashes: string[]): ChainLink[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return contentHashes.map((contentHash) => {
    seq += 1;
    const link = { seq, contentHash, prevHash, hash: chainHashOf(prevHash, contentHash, seq) };
    prevHash = link.hash;
    return link;
  });
}

/**
 * Takes the chain's lock for the rest of the transaction, so that reading the head and appending
 * after it happen as one step for every writer on every app instance. PostgreSQL: a transaction-
 * scoped advisory lock (released at commit or rollback; the head read after it is a new statement,
 * so under READ COMMITTED it sees the previous holder's committed row). SQLite: a write that
 * changes nothing still takes the database's write lock, so the head is read inside the write
 * transaction, not from a read snapshot another connection may since have moved past (the
 * adapter opens transactions with a deferred BEGIN). The UNIQUE index on seq is the backstop.
 */
export async function lockChain(tx: DbOrTx): Promise<void> {
  if (dialectOf(tx) === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  else await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "seq" = "seq" WHERE 0`);
}

/** The last event of the chain (call after lockChain when appending). */
export async function chainHead(db: DbOrTx): Promise<{ seq: number; hash: string; id: string; at: Date } | null> {
  const rows = await db.$queryRawUnsafe<{ seq: unknown; hash: string; id: string; at: unknown }[]>(
    `SELECT "seq", "hash", "id", "at" FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash, id: row.id, at: toDate(row.at)! } : null;
}

/** Pending events: written with their content hash, waiting for the sequencer. */
const PENDING = `"seq" IS NULL AND "contentHash" IS NOT NULL`;

/**
 * Events outside the chain: rows from before it existed (until sealed), rows slipped in since, and
 * pending events that have waited since before `pendingSince` (the sequencer is not running). The
 * pending events written since then are counted apart: they are on their way into the chain.
 */
export async function countUnchained(db: DbOrTx, pendingSince: Date): Promise<{ unchained: number; pending: number }> {
  const rows = await db.$queryRaw<{ n: unknown; pending: unknown }[]>`
    SELECT COUNT(*) AS "n",
      COALESCE(SUM(CASE WHEN "contentHash" IS NOT NULL AND "at" >= ${sqlDate(db, pendingSince)} THEN 1 ELSE 0 END), 0) AS "pending"
    FROM "AuditEvent" WHERE "seq" IS NULL`;
  const n = Number(rows[0]?.n ?? 0);
  const pending = Number(rows[0]?.pending ?? 0);
  return { unchained: n - pending, pending };
}

/** One page of the chain in seq order. */
export async function readChainPage(
  db: DbOrTx,
  page: { afterSeq: number; limit: number },
): Promise<(ChainContent & ChainLink)[]> {
  const events = await readEvents(db, `"seq" > ${Math.trunc(page.afterSeq)}`, `"seq"`, page.limit);
  // SQLite's json_group_array follows the subquery's order in practice, not by promise
  for (let i = 1; i < events.length; i++) {
    if (events[i].seq < events[i - 1].seq) return events.sort((a, b) => a.seq - b.seq);
  }
  return events;
}

/**
 * Events read as one JSON value per page: a million rows through the client's row decoding would
 * cost more than hashing them.
 */
async function readEvents(
  db: DbOrTx,
  where: string,
  orderBy: string,
  limit: number,
): Promise<(ChainContent & ChainLink)[]> {
  const isPg = dialectOf(db) === "postgres";
  // PostgreSQL's TIMESTAMP(3) holds UTC wall time; as timestamptz its JSON text carries the offset
  const at = isPg ? `("at" AT TIME ZONE 'UTC') AS "at"` : `"at"`;
  const names = `"seq", "id", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "summary", "detailsJson", "ip", "contentHash", "prevHash", "hash"`;
  const inner = `SELECT ${names.replace(`"at"`, at)} FROM "AuditEvent" WHERE ${where} ORDER BY ${orderBy} LIMIT ${Math.trunc(limit)}`;
  const sql = isPg
    ? // no ORDER BY inside the aggregate: it would sort each page again (~20% of the query); the
      // subquery's order is kept in practice, and readChainPage checks it
      `SELECT json_agg(json_build_array(${names}))::text AS page FROM (${inner}) t`
    : `SELECT json_group_array(json_array(${names})) AS page FROM (${inner})`;
  const rows = await db.$queryRawUnsafe<{ page: string | null }[]>(sql);
  const list = JSON.parse(rows[0]?.page ?? "[]") as unknown[][];
  return list.map((r) => ({
    seq: r[0] === null ? 0 : Number(r[0]),
    id: r[1] as string,
    at: toDate(r[2])!,
    actorType: r[3] as string,
    actorId: r[4] as string | null,
    actorLabel: r[5] as string,
    action: r[6] as string,
    targetType: r[7] as string | null,
    targetId: r[8] as string | null,
    summary: r[9] as string,
    detailsJson: r[10] as string,
    ip: r[11] as string | null,
    contentHash: r[12] as string,
    prevHash: r[13] as string,
    hash: r[14] as string,
  }));
}

const SEAL_PAGE = 2_000;

/**
 * Links every event outside the chain (seq still null: written before the chain existed, or
 * pending) after the head, oldest first, a page per transaction under the chain's lock. Run at
 * start-up after the migrations (scripts/prepare.ts) and by `signet audit seal`; a no-op once every
 * row is chained. Returns how many it sealed.
 */
export async function sealUnchained(db: Db): Promise<number> {
  return linkAfterHead(db, `"seq" IS NULL`, () => true);
}

/**
 * The sequencer's step: links pending events (written with their content hash, see above) after
 * the head, oldest first: those of `ids` (the events this process wrote: found by primary key), or
 * every pending one (the audit.link job). One whose content no longer matches the hash it was
 * written with stays out of the chain, for verification to report. Rows without a content hash
 * (slipped in around the app) are left to `signet audit seal`, an operator's decision. Returns how
 * many it linked.
 */
export async function linkPending(db: Db, ids?: string[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const isLinkable = (e: ChainContent & ChainLink) => contentHashOf(e) === e.contentHash;
  if (ids) {
    const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(", ");
    return linkAfterHead(db, `"id" IN (${list}) AND ${PENDING}`, isLinkable);
  }
  // found through seq's index first (its nulls), then put in order: ordered by "at" the planner
  // walked that index from the oldest event instead, the whole log every run
  return linkAfterHead(db, `"id" IN (SELECT "id" FROM "AuditEvent" WHERE ${PENDING} LIMIT ${SEAL_PAGE})`, isLinkable);
}

async function linkAfterHead(db: Db, where: string, isLinkable: (e: ChainContent & ChainLink) => boolean) {
  let linked = 0;
  for (;;) {
    // on the driver: every statement here is raw, and the chain's lock is held for this transaction
    const { read, written } = await withDriverTransaction(db, async (tx) => {
      await lockChain(tx);
      const events = await readEvents(tx, where, `"at", "id"`, SEAL_PAGE);
      const linkable = events.filter(isLinkable);
      if (linkable.length === 0) return { read: events.length, written: 0 };
      const links = linksAfter(await chainHead(tx), linkable);
      await updateLinks(
        tx,
        linkable.map((e, i) => ({ id: e.id, ...links[i] })),
      );
      return { read: events.length, written: linkable.length };
    });
    linked += written;
    // a page that held unlinkable events only would be read again: stop there
    if (read < SEAL_PAGE || written === 0) return linked;
  }
}

async function updateLinks(tx: DbOrTx, rows: ({ id: string } & ChainLink)[]) {
  const json = JSON.stringify(rows);
  if (dialectOf(tx) === "postgres") {
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEvent" AS a SET "seq" = (x->>'seq')::integer, "contentHash" = x->>'contentHash', "prevHash" = x->>'prevHash', "hash" = x->>'hash'
       FROM jsonb_array_elements($1::jsonb) AS x WHERE a."id" = x->>'id'`,
      json,
    );
  } else {
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET "seq" = x.value->>'seq', "contentHash" = x.value->>'contentHash', "prevHash" = x.value->>'prevHash', "hash" = x.value->>'hash'
       FROM json_each(?) AS x WHERE "AuditEvent"."id" = x.value->>'id'`,
      json,
    );
  }
}

/** sealUnchained on its own connection (start-up, `npm run db:migrate`): returns how many it sealed. */
export async function sealUnchainedAt(url: string): Promise<number> {
  const db = createDb(url);
  try {
    return await sealUnchained(db);
  } finally {
    await closeDb(db);
  }
}
