import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";

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

export async function recordAudit(tx: Pick<Tx, "auditEvent">, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      at: input.at,
      actorType: input.actor.type,
      actorId: "id" in input.actor ? input.actor.id : null,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      summary: input.summary,
      detailsJson: JSON.stringify(input.details ?? {}),
      ip: input.ip ?? null,
    },
  });
}

/**
 * Many audit events in few statements (bulk imports audit every file; one INSERT each would
 * dominate their time). Same columns as recordAudit.
 */
export async function recordAuditMany(tx: Pick<Tx, "$executeRaw">, inputs: AuditInput[]) {
  const ROWS = 200;
  for (let i = 0; i < inputs.length; i += ROWS) {
    const values = inputs.slice(i, i + ROWS).map(
      (a) =>
        Prisma.sql`(${randomUUID()}, ${a.at ?? new Date()}, ${a.actor.type}, ${"id" in a.actor ? a.actor.id : null}, ${a.actor.label}, ${a.action}, ${a.targetType ?? null}, ${a.targetId ?? null}, ${a.summary}, ${JSON.stringify(a.details ?? {})}, ${a.ip ?? null})`,
    );
    await tx.$executeRaw`INSERT INTO "AuditEvent" ("id", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "summary", "detailsJson", "ip") VALUES ${Prisma.join(values)}`;
  }
}
