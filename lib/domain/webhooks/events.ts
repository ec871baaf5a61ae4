import { z } from "../zod";
import { labelledValues } from "../labelled-values";
import { webhookUrlProblem } from "./url";

// Outbound webhook events: what a subscription can ask for, and the one JSON shape every event
// has (the "generic" body). Slack and Teams bodies are rendered from it (./chat-formats.ts).

export const WEBHOOK_EVENT_LABELS = {
  "finding.opened": "Finding opened (new or reopened)",
  "finding.resolved": "Finding resolved",
  "finding.accepted": "Finding risk accepted",
  "certificate.expiring": "Certificate entered an expiry band",
  "certificate.revocation-recorded": "Revocation recorded",
  "signer.suspended": "Signer suspended",
  "attestation.overdue": "Owner attestation overdue",
  "gate.denied": "Release gate denied",
  "incident.opened": "Key-compromise incident or drill opened",
  "incident.closed": "Key-compromise incident recovered, or drill ended",
  audit: "Audit log stream (JSON lines, for a SIEM)",
};
export const WEBHOOK_EVENT_TYPES = labelledValues(WEBHOOK_EVENT_LABELS);
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_FORMATS = ["generic", "slack", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The generic body: what every receiver gets, and what chat messages are rendered from. */
export type WebhookEvent = {
  /** stable across retries and redeliveries: receivers deduplicate on it */
  id: string;
  type: WebhookEventType | "ping";
  occurredAt: string;
  /** one line for people (chat messages show it) */
  summary: string;
  /** the subject, when there is one: a finding, certificate, signer, gate decision or incident */
  subject: { type: string; id: string; label?: string | null } | null;
  data: Record<string, unknown>;
};

/** An event before it has an id: sources name what happened, enqueueing assigns the id. */
export type WebhookEventDraft = Omit<WebhookEvent, "id" | "occurredAt"> & {
  occurredAt: Date;
  /**
   * A natural key when the source has one (certificate x band, a finding's transition): the
   * event id is derived from it, so the same event enqueued twice stays one event.
   */
  key?: string;
};

export const webhookSubscriptionInput = z
  .object({
    name: z.string().trim().min(1, "Give the subscription a name").max(100),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => {
        try {
          const p = new URL(u).protocol;
          return p === "https:" || p === "http:";
        } catch {
          return false;
        }
      }, "An http(s) URL")
      .superRefine((u, ctx) => {
        const problem = webhookUrlProblem(u);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one event"),
    format: z.enum(WEBHOOK_FORMATS).default("generic"),
  })
  .refine((s) => s.format === "generic" || !s.events.includes("audit"), {
    path: ["format"],
    message: "The audit stream is JSON lines: choose the generic format for it",
  });
export type WebhookSubscriptionInput = z.infer<typeof webhookSubscriptionInput>;

/**
 * Receiver answers worth retrying: 5xx, timeouts (408), throttling (429) and conflicts a retry
 * may clear. Any other 4xx means the receiver refused this body; retrying it unchanged cannot
 * help, so the delivery fails at once (an administrator can redeliver it).
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;
}
