import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { insertJsonRows } from "@/lib/db/json-rows";

// Who did something. Every state change records one, in the same transaction as the change.
export type Actor =
  | { type: "user"; id: string; label: string; role?: string }
  | { type: "token"; id: string; label: string }
  | { type: "system"; label: string }
  | { type: "anonymous"; label: string };

export const SYSTEM_ACTOR: Actor = { type: "system", label: "system" };

export type AuditInput = {
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  at?: Date;
};

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

export async function recordAudit(tx: Pick<Tx, "auditEvent">, input: AuditInput) {
  await tx.auditEvent.create({ data: auditColumns(input) });
}

/**
 * Many audit events in few statements (bulk imports audit every file or row; one INSERT each
 * would dominate their time). Same columns as recordAudit.
 */
export async function recordAuditMany(tx: Tx, inputs: AuditInput[]) {
  await insertJsonRows(tx, {
    table: "AuditEvent",
    columns: { id: "text", at: "timestamp", actorType: "text", actorId: "text", actorLabel: "text", action: "text", targetType: "text", targetId: "text", summary: "text", detailsJson: "text", ip: "text" },
    rows: inputs.map((input) => ({ id: randomUUID(), ...auditColumns(input) })),
  });
}
