import type { Tx } from "@/lib/db/client";

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
