import type { Tx } from "@/lib/db/client";
import { insertAuditEvent, insertAuditEvents, pendingAuditWrite } from "@/lib/db/audit/events";
import type { Actor, AuditInput } from "@/lib/domain/actor";

// Every state change records who did it, in the same transaction as the change.
export { SYSTEM_ACTOR, type Actor, type AuditInput } from "@/lib/domain/actor";

export async function recordAudit(tx: Tx, input: AuditInput) {
  await insertAuditEvent(tx, input);
}

/** Who does an operation, and when: a service's options (or context) carry both. */
export type AuditedOperation = { actor: Actor; now?: Date };

/** The audit row of one operation's change, by the operation's actor at its time: a call names only what happened. */
export async function recordAuditBy(tx: Tx, operation: AuditedOperation, event: Omit<AuditInput, "actor" | "at">) {
  await insertAuditEvent(tx, { ...event, actor: operation.actor, at: operation.now });
}

/**
 * An audit event written pending, as a write to run with the change in one atomic write
 * (writeAtomically, lib/db/driver.ts), linked into the hash chain moments after it (the gate's hot
 * path, see lib/db/audit/events.ts): pass its id to linkPendingSoon (audit-sequencer.ts) after it.
 */
export const pendingAudit = pendingAuditWrite;

/** Many audit events in few statements (bulk imports audit every file or row). */
export async function recordAuditMany(tx: Tx, inputs: AuditInput[]) {
  await insertAuditEvents(tx, inputs);
}
