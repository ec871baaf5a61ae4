import type { DbOrTx } from "@/lib/db/client";
import { chunks } from "@/lib/db/sql";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import { subscriptionsFor } from "@/lib/db/webhooks/subscriptions";
import type { WebhookEventDraft, WebhookEventType } from "@/lib/domain/webhooks/events";

// Findings' webhook events, queued in the transaction that opens, resolves or accepts them. A
// finding of signer.attestation-overdue opening is also the "attestation overdue" event.

export type FindingMove = {
  findingId: string;
  type: "finding.opened" | "finding.resolved" | "finding.accepted";
  at: Date;
  /** what moved it: created, engine-resolve, accept-risk, … (part of the event's natural key) */
  cause: string;
};

const ATTESTATION_OVERDUE_RULE = "signer.attestation-overdue";

export async function queueFindingEvents(tx: DbOrTx, moves: FindingMove[]): Promise<void> {
  if (moves.length === 0) return;
  const types = new Set<WebhookEventType>(moves.map((m) => m.type));
  if (types.has("finding.opened")) types.add("attestation.overdue");
  if ((await subscriptionsFor(tx, [...types])).length === 0) return;
  for (const part of chunks(moves, 500)) {
    const rows = await tx.finding.findMany({
      where: { id: { in: [...new Set(part.map((m) => m.findingId))] } },
      select: {
        id: true,
        ruleId: true,
        severity: true,
        message: true,
        subjectType: true,
        subjectId: true,
        signerId: true,
        certificateId: true,
        keyId: true,
        state: true,
      },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const drafts: WebhookEventDraft[] = [];
    for (const m of part) {
      const f = byId.get(m.findingId);
      if (!f) continue;
      const verb = { "finding.opened": "opened", "finding.resolved": "resolved", "finding.accepted": "risk accepted" }[
        m.type
      ];
      const data = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        state: f.state,
        cause: m.cause,
        findingSubject: { type: f.subjectType, id: f.subjectId },
        signerId: f.signerId,
        certificateId: f.certificateId,
        keyId: f.keyId,
      };
      const subject = { type: "finding", id: f.id, label: f.ruleId };
      const key = `${m.findingId}:${m.cause}:${m.at.getTime()}`;
      drafts.push({ type: m.type, occurredAt: m.at, summary: `Finding ${verb}: ${f.message}`, subject, data, key });
      if (m.type === "finding.opened" && f.ruleId === ATTESTATION_OVERDUE_RULE)
        drafts.push({
          type: "attestation.overdue",
          occurredAt: m.at,
          summary: f.message,
          subject: f.signerId ? { type: "signer", id: f.signerId } : subject,
          data,
          key: `attestation.overdue:${key}`,
        });
    }
    await enqueueWebhookEvents(tx, drafts, { now: part[0].at });
  }
}
