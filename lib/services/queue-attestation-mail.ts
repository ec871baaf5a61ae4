import type { Tx } from "@/lib/db/client";
import { insertAlertDeliveries, linkDeliveriesToMessage, type AttestationDelivery } from "@/lib/db/deliveries/alert-deliveries";
import { createOutboxMessage } from "@/lib/db/outbox/outbox";
import { renderAttestationMail, type AttestationMailKind } from "@/lib/mail/attestation-templates";
import { issueAccessLink } from "./issue-access-link";

// Queues attestation emails through the shared outbox, in the caller's transaction: one
// AlertDelivery per task and recipient (its unique dedupe key is what makes each reminder go out
// once, whatever the retries or the number of app instances), one email per recipient carrying
// the deliveries that were new.

export type MailRecipient = {
  email: string;
  name: string | null;
  /** set for the task holder: the email carries a single-use link to their tasks */
  personId: string | null;
  /** for other recipients: the page the email links to */
  page?: { path: string; label: string };
  kind: AttestationMailKind;
  deliveryKind: AttestationDelivery["kind"];
  band: string;
  tasks: { attestationId: string; signerName: string; holder?: string | null; dedupeKey: string }[];
};

export type QueueOptions = {
  /** isMailEnabled false (the demo's campaign): nothing is queued, whoever calls */
  campaign: { id: string; name: string; dueAt: Date; isMailEnabled: boolean };
  now: Date;
  runId: string;
  baseUrl: string;
  delegatedBy?: string | null;
};

/** Returns the attestation ids each recipient was actually told about (new deliveries only). */
export async function queueAttestationMail(tx: Tx, recipients: MailRecipient[], options: QueueOptions): Promise<{ emails: number; delivered: Map<string, string[]> }> {
  const delivered = new Map<string, string[]>();
  let emails = 0;
  if (!options.campaign.isMailEnabled) return { emails, delivered };
  for (const r of recipients) {
    const email = r.email.trim().toLowerCase();
    const deliveries = r.tasks.map((t) => ({ dedupeKey: t.dedupeKey, kind: r.deliveryKind, recipientEmail: email, subjectId: t.attestationId, band: r.band }));
    const inserted = await insertAlertDeliveries(tx, deliveries.map((d) => ({ ...d, subjectType: "attestation" })), { runId: options.runId, now: options.now });
    const tasks = r.tasks.filter((t) => inserted.has(t.dedupeKey));
    if (tasks.length === 0) continue;
    const base = options.baseUrl.replace(/\/+$/, "");
    let link: { url: string; label: string };
    let linkExpiresAt: Date | null = null;
    if (r.personId) {
      const issued = await issueAccessLink(tx, { personId: r.personId, campaignId: options.campaign.id, now: options.now, baseUrl: base });
      link = { url: issued.url, label: "Open my attestation tasks" };
      linkExpiresAt = issued.expiresAt;
    } else {
      link = r.page ? { url: `${base}${r.page.path}`, label: r.page.label } : { url: `${base}/campaigns/${options.campaign.id}`, label: "Open the campaign in Signet" };
    }
    const mail = renderAttestationMail({
      kind: r.kind,
      recipientName: r.name,
      campaignName: options.campaign.name,
      dueAt: options.campaign.dueAt,
      signers: tasks.map((t) => ({ name: t.signerName, holder: t.holder ?? null })),
      link,
      linkExpiresAt,
      delegatedBy: options.delegatedBy ?? null,
    });
    const messageId = await createOutboxMessage(tx, { recipientEmail: email, subject: mail.subject, textBody: mail.text, htmlBody: mail.html }, { now: options.now });
    await linkDeliveriesToMessage(tx, { messageId, dedupeKeys: tasks.map((t) => t.dedupeKey) });
    delivered.set(email, tasks.map((t) => t.attestationId));
    emails++;
  }
  return { emails, delivered };
}
