import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import { insertJsonRows } from "@/lib/db/sql";
import type { AuditInput } from "@/lib/domain/actor";

// The one writer of AuditEvent. Services call it (through recordAudit) inside the transaction of
// the change it records.

/** The AuditEvent columns for one event; shared by the single and the bulk writer. */
function auditColumns(input: AuditInput) {
  return {
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

export async function insertAuditEvent(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditColumns(input) });
}

/**
 * Many audit events in few statements (bulk imports audit every file or row; one INSERT each
 * would dominate their time). Same columns as insertAuditEvent.
 */
export async function insertAuditEvents(tx: DbOrTx, inputs: AuditInput[]): Promise<void> {
  await insertJsonRows(tx, {
    table: "AuditEvent",
    columns: { id: "text", at: "timestamp", actorType: "text", actorId: "text", actorLabel: "text", action: "text", targetType: "text", targetId: "text", summary: "text", detailsJson: "text", ip: "text" },
    rows: inputs.map((input) => ({ id: randomUUID(), ...auditColumns(input) })),
  });
}
