import type { DbOrTx } from "@/lib/db/client";
import { orderedId } from "@/lib/db/ids";
import { insertJsonRows, jsonRowsWrite, type WriteStatement } from "@/lib/db/sql";
import type { AuditInput } from "@/lib/domain/actor";
import { chainHead, contentHashOf, linksOfHashesAfter, lockChain, type ChainContent } from "./chain";

// The one writer of AuditEvent. Services call it (through recordAudit) inside the transaction of
// the change it records. Every event is appended to the hash chain (chain.ts): the chain's lock
// is taken, the head read and the new events linked after it, all in the caller's transaction, so
// the lock is held until that transaction commits and concurrent writers queue behind it. A hot
// path writes its event pending instead (pendingAuditWrite): no lock, linked by the sequencer.

/** The AuditEvent columns for one event; shared by the single and the bulk writer. */
function auditColumns(input: AuditInput): ChainContent {
  return {
    id: orderedId(),
    at: input.at ?? new Date(),
    actorType: input.actor.type,
    actorId: "id" in input.actor ? input.actor.id : null,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    summary: input.summary,
    detailsJson: JSON.stringify(input.details ?? {}),
    ip: input.ip ?? null,
  };
}

/** Links `events` after the chain's head under its lock; returns the rows to insert. */
async function chained(tx: DbOrTx, events: ChainContent[]) {
  // hashed before the lock is asked for: a caller that runs this beside another statement of its
  // transaction (a bulk import's insert) hashes while the database works on that statement
  const contentHashes = events.map(contentHashOf);
  await lockChain(tx);
  const links = linksOfHashesAfter(await chainHead(tx), contentHashes);
  return events.map((e, i) => ({ ...e, ...links[i] }));
}

export async function insertAuditEvent(tx: DbOrTx, input: AuditInput): Promise<void> {
  // the raw JSON insert, not the client's create: every audited request pays for this statement,
  // and the client's create (with its RETURNING of every column) cost several times the insert
  await insertAuditRows(tx, await chained(tx, [auditColumns(input)]));
}

/**
 * One event written pending, as a write to run with the change it records in one atomic write
 * (writeAtomically, lib/db/driver.ts): the gate stores its decision and this event in one statement.
 * Its content hash is set now, its place in the chain (seq and links) when the sequencer links it
 * (chain.ts linkPending), moments after the write. For the gate's hot path: on PostgreSQL every
 * linked write waits for the chain's lock, held to the writer's commit, and at a few hundred
 * decisions a second that queue was the gate's latency. The caller then starts the sequencer with
 * the answered id (lib/services/audit-sequencer.ts); the audit.link job is the backstop.
 */
export function pendingAuditWrite(input: AuditInput): { id: string; write: WriteStatement } {
  const event = auditColumns(input);
  return {
    id: event.id,
    write: jsonRowsWrite({
      table: "AuditEvent",
      columns: AUDIT_COLUMNS,
      rows: [{ ...event, contentHash: contentHashOf(event) }],
    }),
  };
}

/**
 * Many audit events in few statements (bulk imports audit every file or row; one INSERT each
 * would dominate their time). Same columns as insertAuditEvent.
 */
export async function insertAuditEvents(tx: DbOrTx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await insertAuditRows(tx, await chained(tx, inputs.map(auditColumns)));
}

const AUDIT_COLUMNS = {
  id: "text",
  at: "timestamp",
  actorType: "text",
  actorId: "text",
  actorLabel: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  summary: "text",
  detailsJson: "text",
  ip: "text",
  seq: "int",
  contentHash: "text",
  prevHash: "text",
  hash: "text",
} as const;

/** Rows already linked (the bulk writer, and sealing rows from before the chain). */
export async function insertAuditRows(tx: DbOrTx, rows: Record<string, unknown>[]): Promise<void> {
  await insertJsonRows(tx, { table: "AuditEvent", columns: AUDIT_COLUMNS, rows });
}
