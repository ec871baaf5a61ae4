import { deliverWebhooks } from "@/lib/services/deliver-webhooks";
import { cutAuditBatches, streamAuditToStdout } from "@/lib/services/stream-audit";
import { registerJob } from "./registry";

export const WEBHOOK_JOB = "webhooks.deliver";

/**
 * Every 10 s: cuts new audit events into batches for the audit-stream subscriptions (and writes
 * them to stdout when SIGNET_AUDIT_STREAM=stdout), then sends due webhook deliveries.
 */
export function registerWebhookJob(env: Record<string, string | undefined> = process.env): void {
  const isStdoutStream = env.SIGNET_AUDIT_STREAM?.trim() === "stdout";
  registerJob({
    name: WEBHOOK_JOB,
    description: "Sends webhook deliveries (events, chat messages, the audit stream) with retries",
    intervalMs: 10_000,
    leaseMs: 5 * 60_000,
    run: async (db, { now, instanceId }) => {
      const auditBatches = await cutAuditBatches(db, { now });
      const auditLinesToStdout = isStdoutStream ? await streamAuditToStdout(db) : 0;
      return { auditBatches, auditLinesToStdout, ...(await deliverWebhooks(db, { now, instanceId })) };
    },
  });
}
