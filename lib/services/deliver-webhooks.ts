import { getConfig } from "@/lib/config";
import { type Db, withTransaction } from "@/lib/db/client";
import { drainLeased } from "@/lib/db/lease-queue";
import {
  claimWebhookDeliveries,
  markWebhookDelivered,
  markWebhookFailed,
  markWebhookRetry,
  type ClaimedDelivery,
} from "@/lib/db/webhooks/deliveries";
import { readSubscriptionSecrets } from "@/lib/db/webhooks/subscriptions";
import { afterMailFailure } from "@/lib/domain/alerts/retry";
import { renderWebhookBody } from "@/lib/domain/webhooks/chat-formats";
import { redactUrlsIn } from "@/lib/domain/webhooks/url";
import { isRetryableStatus, type WebhookEvent, type WebhookFormat } from "@/lib/domain/webhooks/events";
import { parseAllowHosts } from "@/lib/revocation/ip-ranges";
import { safeFetch } from "@/lib/revocation/safe-fetch";
import { describeError } from "@/lib/revocation/types";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/services/audit";
import {
  decryptWebhookSecret,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhookBody,
} from "@/lib/webhooks/signature";

export const MAX_WEBHOOK_ATTEMPTS = 8;

export type DeliverWebhooksOptions = {
  now: Date;
  instanceId: string;
  /** defaults from the environment and getConfig() */
  baseUrl?: string;
  appSecret?: string;
  /** hosts that may be loopback/private (SIGNET_WEBHOOK_ALLOW_HOSTS) */
  allowHosts?: readonly string[];
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  timeoutMs?: number;
  maxAttempts?: number;
};

export type DeliverWebhooksResult = { delivered: number; retried: number; failed: number };

/**
 * Sends due webhook deliveries. At least once, as the outbox: a delivery is claimed under a
 * lease, POSTed, and marked delivered right after a 2xx. A receiver that is down or answers 5xx
 * gets the same event (same id) again with backoff; a process that dies mid-send leaves a lease
 * that runs out, and the next run sends it. Only a death between the 2xx and the UPDATE repeats
 * a delivery the receiver accepted, and the event id lets it deduplicate that.
 */
export async function deliverWebhooks(db: Db, options: DeliverWebhooksOptions): Promise<DeliverWebhooksResult> {
  const result: DeliverWebhooksResult = { delivered: 0, retried: 0, failed: 0 };
  const config = options.baseUrl && options.appSecret ? null : getConfig();
  const settings = {
    baseUrl: options.baseUrl ?? config!.baseUrl,
    appSecret: options.appSecret ?? config!.secret,
    allowHosts: options.allowHosts ?? parseAllowHosts(process.env.SIGNET_WEBHOOK_ALLOW_HOSTS),
  };
  await drainLeased({
    batchSize: options.batchSize ?? 200,
    concurrency: options.concurrency ?? 4,
    claim: async (limit) => {
      const claimed = await claimWebhookDeliveries(db, {
        owner: options.instanceId,
        now: options.now,
        leaseMs: options.leaseMs ?? 120_000,
        limit,
      });
      if (claimed.length === 0) return [];
      const secrets = await readSubscriptionSecrets(db, [...new Set(claimed.map((d) => d.subscriptionId))]);
      return claimed.map((delivery) => ({ delivery, secret: secrets.get(delivery.subscriptionId) ?? null }));
    },
    handle: ({ delivery, secret }) => deliverOne(db, delivery, secret, { ...options, ...settings }, result),
  });
  return result;
}

/** The body a delivery sends: audit batches are JSON lines as stored; events in the subscription's format. */
export function deliveryBody(
  delivery: Pick<ClaimedDelivery, "eventType" | "payloadJson">,
  format: string,
  baseUrl: string,
) {
  if (delivery.eventType === "audit") return { body: delivery.payloadJson, contentType: "application/x-ndjson" };
  const event = JSON.parse(delivery.payloadJson) as WebhookEvent;
  return {
    body: renderWebhookBody(event, { format: format as WebhookFormat, baseUrl }),
    contentType: "application/json",
  };
}

type Settings = DeliverWebhooksOptions & { baseUrl: string; appSecret: string; allowHosts: readonly string[] };

async function attempt(delivery: ClaimedDelivery, secretCiphertext: string | null, settings: Settings) {
  if (!delivery.subscription.isEnabled)
    return { status: null, error: "the subscription is disabled", isPermanent: true };
  if (!secretCiphertext) return { status: null, error: "the subscription has no secret", isPermanent: true };
  const { body, contentType } = deliveryBody(delivery, delivery.subscription.format, settings.baseUrl);
  const secret = decryptWebhookSecret(secretCiphertext, settings.appSecret);
  try {
    const response = await safeFetch(delivery.subscription.url, {
      method: "POST",
      body: new TextEncoder().encode(body),
      headers: {
        "content-type": contentType,
        "user-agent": "Signet webhooks",
        [SIGNATURE_HEADER]: signWebhookBody(secret, body, { now: new Date() }),
        [EVENT_ID_HEADER]: delivery.eventId,
        [EVENT_TYPE_HEADER]: delivery.eventType,
      },
      maxBytes: 64 * 1024,
      timeoutMs: settings.timeoutMs ?? 10_000,
      maxRedirects: 0,
      allowHosts: settings.allowHosts,
      allowHostsSetting: "SIGNET_WEBHOOK_ALLOW_HOSTS",
      isAnyStatusReturned: true,
    });
    if (response.status >= 200 && response.status < 300)
      return { status: response.status, error: null, isPermanent: false };
    return {
      status: response.status,
      error: `the receiver answered HTTP ${response.status}`,
      isPermanent: !isRetryableStatus(response.status),
    };
  } catch (error) {
    // refused addresses and bad URLs will not fix themselves; network trouble might
    const code = (error as { code?: string }).code;
    return {
      status: null,
      error: describeError(error),
      isPermanent: code === "refused-address" || code === "refused-scheme",
    };
  }
}

async function deliverOne(
  db: Db,
  delivery: ClaimedDelivery,
  secretCiphertext: string | null,
  settings: Settings,
  result: DeliverWebhooksResult,
) {
  const outcome = await attempt(delivery, secretCiphertext, settings);
  if (outcome.error === null) {
    // keep this immediately after the 2xx: it bounds the duplicate window described above
    await markWebhookDelivered(db, { id: delivery.id, now: settings.now, responseStatus: outcome.status! });
    result.delivered++;
    return;
  }
  const next = afterMailFailure({
    attempts: delivery.attempts,
    isPermanent: outcome.isPermanent,
    now: settings.now,
    maxAttempts: settings.maxAttempts ?? MAX_WEBHOOK_ATTEMPTS,
  });
  // the error names the URL (safe-fetch's messages do): a row saved before URLs were checked may carry a credential
  const error = redactUrlsIn(outcome.error).slice(0, 500);
  if (next.kind === "retry") {
    await markWebhookRetry(db, {
      id: delivery.id,
      owner: settings.instanceId,
      nextAttemptAt: next.nextAttemptAt,
      error,
      responseStatus: outcome.status,
    });
    result.retried++;
    return;
  }
  await withTransaction(db, async (tx) => {
    if (
      !(await markWebhookFailed(tx, {
        id: delivery.id,
        owner: settings.instanceId,
        error,
        responseStatus: outcome.status,
      }))
    )
      return;
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "webhook.failed",
      targetType: "webhook-delivery",
      targetId: delivery.id,
      summary: `Webhook ${delivery.eventType} ${delivery.eventId} could not be delivered: ${error}`.slice(0, 500),
      details: {
        subscriptionId: delivery.subscriptionId,
        attempts: delivery.attempts,
        isPermanent: outcome.isPermanent,
      },
      at: settings.now,
    });
  });
  result.failed++;
}
