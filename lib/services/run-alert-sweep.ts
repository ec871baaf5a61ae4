import type { Db } from "@/lib/db/client";
import { insertAlertDeliveries, linkDeliveriesToMessage, loadAlertPolicies, loadAlertSweepInputs } from "@/lib/db/alerts";
import { createOutboxMessage } from "@/lib/db/outbox";
import { getConfig } from "@/lib/config";
import { groupDigests, planAlerts } from "@/lib/domain/alerts/plan";
import { renderExpiryDigest } from "@/lib/mail/templates/expiry-digest";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";

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
  const securityTeamEmail = options.securityTeamEmail === undefined ? config!.securityTeamEmail : options.securityTeamEmail;

  const t0 = performance.now();
  const policies = await loadAlertPolicies(db);
  const inputs = await loadAlertSweepInputs(db, { now, policies });
  const t1 = performance.now();
  const plan = planAlerts({ now, policies, securityTeamEmail, ...inputs });
  const t2 = performance.now();

  let deliveries = 0;
  let messages = 0;
  if (plan.deliveries.length > 0) {
    await db.$transaction(
      async (tx) => {
        const inserted = await insertAlertDeliveries(tx, plan.deliveries, { runId, now });
        // only what this run actually inserted goes into its emails
        const digests = groupDigests(plan.deliveries.filter((d) => inserted.has(d.dedupeKey)));
        for (const digest of digests) {
          const mail = renderExpiryDigest(digest, { now, baseUrl });
          const messageId = await createOutboxMessage(tx, { recipientEmail: digest.recipientEmail, subject: mail.subject, textBody: mail.text, htmlBody: mail.html }, { now });
          const keys = plan.deliveries.filter((d) => d.recipientEmail === digest.recipientEmail && inserted.has(d.dedupeKey)).map((d) => d.dedupeKey);
          await linkDeliveriesToMessage(tx, { messageId, dedupeKeys: keys });
        }
        deliveries = inserted.size;
        messages = digests.length;
        if (deliveries > 0) {
          await recordAudit(tx, {
            actor: SYSTEM_ACTOR,
            action: "alerts.sweep",
            targetType: "alert-run",
            targetId: runId,
            summary: `Expiry alerts: ${deliveries} alert${deliveries === 1 ? "" : "s"} in ${messages} email${messages === 1 ? "" : "s"} queued`,
            details: { runId, deliveries, messages, recipients: digests.map((d) => d.recipientEmail) },
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
    credentialsConsidered: inputs.credentialSigners.length,
    planned: plan.deliveries.length,
    deliveries,
    messages,
    loadMs: Math.round(t1 - t0),
    planMs: Math.round(t2 - t1),
    writeMs: Math.round(t3 - t2),
  };
}
