import { AppError, notFound } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { type Db, withTransaction } from "@/lib/db/client";
import { chainHead } from "@/lib/db/audit/chain";
import {
  enqueueDelivery,
  findWebhookDelivery,
  requeueWebhookDelivery,
  toWebhookEvent,
} from "@/lib/db/webhooks/deliveries";
import {
  findWebhookSubscription,
  insertWebhookSubscription,
  updateWebhookSubscription,
  type WebhookSubscriptionRow,
} from "@/lib/db/webhooks/subscriptions";
import type { WebhookSubscriptionInput } from "@/lib/domain/webhooks/events";
import { redactUrl } from "@/lib/domain/webhooks/url";
import { encryptWebhookSecret, newWebhookSecret } from "@/lib/webhooks/signature";
import { actorUserId } from "@/lib/domain/actor";
import { recordAuditBy, type Actor } from "./audit";

// Webhook subscriptions, managed by administrators. The signing secret is generated here, shown
// once in the answer to the creation and stored only encrypted (lib/webhooks/signature.ts); it is
// never logged, audited or answered again.

type Options = { actor: Actor; now: Date };

function auditedFields(s: WebhookSubscriptionRow) {
  return { name: s.name, url: redactUrl(s.url), events: s.events, format: s.format, isEnabled: s.isEnabled };
}

export async function createWebhookSubscription(
  db: Db,
  input: WebhookSubscriptionInput,
  options: Options & { appSecret?: string },
): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  const secret = newWebhookSecret();
  const secretCiphertext = encryptWebhookSecret(secret, options.appSecret ?? getConfig().secret);
  const subscription = await withTransaction(db, async (tx) => {
    // the audit stream starts at the chain's head: the subscriber asked for what happens from now on
    const auditCursor = input.events.includes("audit") ? ((await chainHead(tx))?.seq ?? 0) : 0;
    const s = await insertWebhookSubscription(tx, {
      ...input,
      secretCiphertext,
      auditCursor,
      createdById: actorUserId(options.actor),
      now: options.now,
    });
    await recordAuditBy(tx, options, {
      action: "webhook.subscription-created",
      targetType: "webhook-subscription",
      targetId: s.id,
      summary: `Webhook subscription "${s.name}" created for ${s.events.join(", ")}`,
      details: auditedFields(s),
    });
    return s;
  });
  return { subscription, secret };
}

export async function updateWebhookSubscriptionSettings(
  db: Db,
  id: string,
  input: WebhookSubscriptionInput & { isEnabled: boolean },
  options: Options,
): Promise<WebhookSubscriptionRow> {
  return withTransaction(db, async (tx) => {
    const before = await findWebhookSubscription(tx, id);
    if (!before) throw notFound("Webhook subscription");
    const isAuditNew = input.events.includes("audit") && !before.events.includes("audit");
    const after = await updateWebhookSubscription(tx, id, {
      ...input,
      now: options.now,
      ...(isAuditNew ? { auditCursor: (await chainHead(tx))?.seq ?? 0 } : {}),
    });
    const verb =
      before.isEnabled && !after.isEnabled ? "disabled" : !before.isEnabled && after.isEnabled ? "enabled" : "changed";
    await recordAuditBy(tx, options, {
      action: `webhook.subscription-${verb}`,
      targetType: "webhook-subscription",
      targetId: id,
      summary: `Webhook subscription "${after.name}" ${verb}`,
      details: { before: auditedFields(before), after: auditedFields(after) },
    });
    return after;
  });
}

/** Queues a ping to the subscription (whatever its events): the admin page's "send test". */
export async function sendWebhookPing(db: Db, id: string, options: Options): Promise<{ eventId: string }> {
  return withTransaction(db, async (tx) => {
    const s = await findWebhookSubscription(tx, id);
    if (!s) throw notFound("Webhook subscription");
    if (!s.isEnabled) throw new AppError("conflict", "Enable the subscription before sending a test");
    const event = toWebhookEvent({
      type: "ping",
      occurredAt: options.now,
      summary: `Test message from Signet to "${s.name}"`,
      subject: null,
      data: { subscriptionId: s.id, requestedBy: options.actor.label },
    });
    await enqueueDelivery(
      tx,
      { subscriptionId: s.id, eventId: event.id, eventType: "ping", payloadJson: JSON.stringify(event) },
      { now: options.now },
    );
    await recordAuditBy(tx, options, {
      action: "webhook.ping-queued",
      targetType: "webhook-subscription",
      targetId: s.id,
      summary: `Test message queued for webhook subscription "${s.name}"`,
      details: { eventId: event.id },
    });
    return { eventId: event.id };
  });
}

/** Sends a delivery again with the same event id (the receiver deduplicates on it if it had it). */
export async function redeliverWebhook(db: Db, deliveryId: string, options: Options): Promise<void> {
  await withTransaction(db, async (tx) => {
    const d = await findWebhookDelivery(tx, deliveryId);
    if (!d) throw notFound("Webhook delivery");
    if (!(await requeueWebhookDelivery(tx, { id: deliveryId, now: options.now })))
      throw new AppError("conflict", "This delivery is being sent right now");
    await recordAuditBy(tx, options, {
      action: "webhook.redelivery-queued",
      targetType: "webhook-delivery",
      targetId: deliveryId,
      summary: `Webhook ${d.eventType} ${d.eventId} queued for redelivery`,
      details: { subscriptionId: d.subscriptionId, eventId: d.eventId, previousStatus: d.status },
    });
  });
}
