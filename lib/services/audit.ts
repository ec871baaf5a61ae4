import type { Tx } from "@/lib/db/client";
import { insertAuditEvent, insertAuditEvents } from "@/lib/db/audit/events";
import type { AuditInput } from "@/lib/domain/actor";

// Every state change records who did it, in the same transaction as the change.
export { SYSTEM_ACTOR, type Actor, type AuditInput } from "@/lib/domain/actor";

export async function recordAudit(tx: Tx, input: AuditInput) {
  await insertAuditEvent(tx, input);
}

/** Many audit events in few statements (bulk imports audit every file or row). */
export async function recordAuditMany(tx: Tx, inputs: AuditInput[]) {
  await insertAuditEvents(tx, inputs);
}
