import { getConfig } from "@/lib/config";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import { runAlertSweep } from "@/lib/services/run-alert-sweep";
import { sendOutbox } from "@/lib/services/send-outbox";
import { registerJob } from "./registry";

export const ALERT_SWEEP_JOB = "alerts.sweep";
export const OUTBOX_SEND_JOB = "outbox.send";

const store = globalThis as unknown as { __signetMailTransport?: { url: string; transport: MailTransport } };

/** One pooled SMTP transport per process, or null when SMTP_URL is unset (mail waits in the outbox). */
export function processMailTransport(): MailTransport | null {
  const { smtpUrl, mailFrom } = getConfig();
  if (!smtpUrl) return null;
  if (store.__signetMailTransport?.url !== smtpUrl) {
    store.__signetMailTransport?.transport.close();
    store.__signetMailTransport = { url: smtpUrl, transport: createSmtpTransport({ smtpUrl, from: mailFrom }) };
  }
  return store.__signetMailTransport.transport;
}

export function registerAlertJobs(): void {
  registerJob({
    name: ALERT_SWEEP_JOB,
    description: "Plans expiry alerts for certificates and pipeline credentials and queues digest emails",
    intervalMs: 60 * 60_000,
    leaseMs: 15 * 60_000,
    run: (db, { now, runId }) => runAlertSweep(db, { now, runId }),
  });
  registerJob({
    name: OUTBOX_SEND_JOB,
    description: "Sends queued emails over SMTP with retries",
    intervalMs: 30_000,
    leaseMs: 5 * 60_000,
    run: (db, { now, instanceId }) => sendOutbox(db, { now, instanceId, transport: processMailTransport() }),
  });
}
