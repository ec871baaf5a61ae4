import { type Db, withTransaction } from "@/lib/db/client";
import { randomUUID } from "node:crypto";
import { loadAlertPolicies, loadAlertSweepInputs } from "@/lib/db/alerts/alerts";
import { insertAlertDeliveries } from "@/lib/db/deliveries/alert-deliveries";
import { createOutboxMessages, rewriteOrDropOutboxMessage } from "@/lib/db/outbox/outbox";
import { getConfig } from "@/lib/config";
import { groupDigests, planAlerts } from "@/lib/domain/alerts/plan";
import type { Digest } from "@/lib/domain/alerts/types";
import { renderExpiryDigest } from "@/lib/mail/templates/expiry-digest";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import type { PlannedDelivery } from "@/lib/domain/alerts/types";
import type { WebhookEventDraft } from "@/lib/domain/webhooks/events";

export type AlertSweepOptions = {
  now: Date;
  runId: string;
  /** defaults to getConfig() */
  baseUrl?: string;
  securityTeamEmail?: string | null;
};

export type AlertSweepResult = {
  runId: string;
  certificatesConsidered: number;
  credentialsConsidered: number;
  apiTokensConsidered: number;
  planned: number;
  /** deliveries written; fewer than planned when a concurrent sweep wrote some first */
  deliveries: number;
  messages: number;
  loadMs: number;
  planMs: number;
  writeMs: number;
};

/**
 * The expiry alert sweep: plans from the CURRENT inventory and ownership, then writes the
 * deliveries (insert-or-skip on their dedupe key), one digest email per recipient into the
 * outbox, and the audit event, all in one transaction. Nothing is sent here: the outbox sender
 * does that, so a mail outage never loses an alert and a re-run never duplicates one.
 */
export async function runAlertSweep(db: Db, options: AlertSweepOptions): Promise<AlertSweepResult> {
  const { now, runId } = options;
  const config = options.baseUrl === undefined || options.securityTeamEmail === undefined ? getConfig() : null;
  const baseUrl = options.baseUrl ?? config!.baseUrl;
  const securityTeamEmail =
    options.securityTeamEmail === undefined ? config!.securityTeamEmail : options.securityTeamEmail;

  const t0 = performance.now();
  const policies = await loadAlertPolicies(db);
  const inputs = await loadAlertSweepInputs(db, { now, policies });
  const t1 = performance.now();
  const plan = planAlerts({ now, policies, securityTeamEmail, ...inputs });
  const t2 = performance.now();

  let deliveries = 0;
  let messages = 0;
  if (plan.deliveries.length > 0) {
    await withTransaction(
      db,
      async (tx) => {
        // one digest per recipient; messages first so deliveries can point at them on insert
        const render = (digest: Digest) => {
          const mail = renderExpiryDigest(digest, { now, baseUrl });
          return {
            recipientEmail: digest.recipientEmail,
            subject: mail.subject,
            textBody: mail.text,
            htmlBody: mail.html,
          };
        };
        const planned = groupDigests(plan.deliveries);
        const messageIds = new Map(planned.map((d) => [d.recipientEmail, randomUUID()]));
        await createOutboxMessages(
          tx,
          planned.map((d) => ({ id: messageIds.get(d.recipientEmail)!, ...render(d) })),
          { now },
        );
        const inserted = await insertAlertDeliveries(tx, plan.deliveries, {
          runId,
          now,
          messageIdFor: (d) => messageIds.get(d.recipientEmail) ?? null,
        });
        let digests = planned;
        if (inserted.size < plan.deliveries.length) {
          // a concurrent sweep delivered some of these first: only what this run inserted may be in its emails
          digests = groupDigests(plan.deliveries.filter((d) => inserted.has(d.dedupeKey)));
          const kept = new Map(digests.map((d) => [d.recipientEmail, d]));
          for (const p of planned) {
            const k = kept.get(p.recipientEmail);
            if (!k || k.items.length !== p.items.length)
              await rewriteOrDropOutboxMessage(tx, messageIds.get(p.recipientEmail)!, k ? render(k) : null);
          }
        }
        await enqueueWebhookEvents(
          tx,
          expiringEvents(
            plan.deliveries.filter((d) => inserted.has(d.dedupeKey)),
            now,
          ),
          {
            now,
          },
        );
        deliveries = inserted.size;
        messages = digests.length;
        if (deliveries > 0) {
          await recordAudit(tx, {
            actor: SYSTEM_ACTOR,
            action: "alerts.sweep",
            targetType: "alert-run",
            targetId: runId,
            summary: `Expiry alerts: ${deliveries} alert${deliveries === 1 ? "" : "s"} in ${messages} email${messages === 1 ? "" : "s"} queued`,
            details: { runId, deliveries, messages, recipients: digests.slice(0, 50).map((d) => d.recipientEmail) },
            at: now,
          });
        }
      },
      // a first sweep over a large inventory writes many rows; the default 5 s is too short
      { timeout: 120_000, maxWait: 30_000 },
    );
  }
  const t3 = performance.now();
  return {
    runId,
    certificatesConsidered: inputs.certificates.length,
    credentialsConsidered: inputs.credentials.length,
    apiTokensConsidered: inputs.apiTokens.length,
    planned: plan.deliveries.length,
    deliveries,
    messages,
    loadMs: Math.round(t1 - t0),
    planMs: Math.round(t2 - t1),
    writeMs: Math.round(t3 - t2),
  };
}

/**
 * One "certificate.expiring" event per certificate and band this run alerted on (however many
 * recipients): the key makes a later run's repeat of the same band the same event.
 */
function expiringEvents(deliveries: PlannedDelivery[], now: Date): WebhookEventDraft[] {
  const seen = new Map<string, WebhookEventDraft>();
  for (const d of deliveries) {
    if (d.subjectType !== "certificate") continue;
    const key = `certificate.expiring:${d.subjectId}:${d.band}`;
    if (seen.has(key)) continue;
    const item = d.item;
    seen.set(key, {
      type: "certificate.expiring",
      occurredAt: now,
      summary: `${item.title} ${item.isExpired ? "has expired" : `expires within ${item.bandDays} days`} (${item.expiresAt.toISOString().slice(0, 10)})`,
      subject: { type: "certificate", id: d.subjectId, label: item.title },
      data: {
        band: d.band,
        bandDays: item.bandDays,
        isExpired: item.isExpired,
        expiresAt: item.expiresAt.toISOString(),
        serialHex: item.certificate?.serialHex ?? null,
        isCA: item.certificate?.isCA ?? false,
        signers: item.signers,
      },
      key,
    });
  }
  return [...seen.values()];
}
