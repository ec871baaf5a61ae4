import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Registry } from "prom-client";
import type { Db } from "@/lib/db/client";
import { readMetricsSnapshot, SIGNER_SERIES_CAP, type MetricsSnapshot } from "@/lib/db/inventory/metrics";
import { defaultPolicy } from "@/lib/domain/policy";
import { listJobs, registerBuiltinJobs } from "@/lib/jobs";

// GET /metrics: the snapshot as Prometheus text. A fresh Registry per scrape, holding Signet's own
// series only: the values are read from the database at scrape time (so every instance behind a load
// balancer answers the same), and prom-client's default process metrics are left out (they fail
// `promtool check metrics`, and the process is the web server's business, not Signet's).

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const seconds = (d: Date) => d.getTime() / 1000;

/** The snapshot in the Prometheus text exposition format. */
export async function renderMetrics(s: MetricsSnapshot): Promise<string> {
  const registers = [new Registry()];
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });

  const byStatus = gauge("signet_certificates", "Certificates by status (the dashboard's status model)", ["status"]);
  for (const [status, n] of Object.entries(s.certificatesByStatus)) byStatus.set({ status }, n);

  const expiring = gauge(
    "signet_certificates_expiring",
    "Current certificates (not revoked or superseded) expiring within each band of the alert policy, cumulative",
    ["kind", "within_days"],
  );
  for (const b of s.expiringWithin) expiring.set({ kind: b.kind, within_days: String(b.days) }, b.count);

  const soonest = gauge(
    "signet_signer_soonest_certificate_expiry_timestamp_seconds",
    `Soonest notAfter of an active production signer's current certificates; at most ${SIGNER_SERIES_CAP} series, the soonest first (see signet_signer_series_dropped)`,
    ["signer", "signer_id"],
  );
  for (const p of s.productionSigners) soonest.set({ signer: p.name, signer_id: p.id }, seconds(p.soonestExpiryAt));
  gauge(
    "signet_signer_series_dropped",
    `Production signers left out of the soonest-expiry series by its cap of ${SIGNER_SERIES_CAP}`,
  ).set(s.productionSignersDropped);

  const findings = gauge("signet_findings_open", "Open findings by rule and severity", ["rule", "severity"]);
  for (const f of s.openFindings) findings.set({ rule: f.ruleId, severity: f.severity }, f.count);

  const deliveries = gauge(
    "signet_alert_deliveries",
    "Alert deliveries (one per recipient, subject and band) by kind and the state of their email (none: not queued)",
    ["kind", "state"],
  );
  for (const d of s.alertDeliveries) deliveries.set({ kind: d.kind, state: d.state }, d.count);
  const outbox = gauge("signet_outbox_messages", "Emails in the outbox by status", ["status"]);
  for (const [status, n] of Object.entries(s.outboxMessages)) outbox.set({ status }, n);
  const webhooks = gauge("signet_webhook_deliveries", "Webhook deliveries (one per event and subscription) by status", [
    "status",
  ]);
  for (const [status, n] of Object.entries(s.webhookDeliveries)) webhooks.set({ status }, n);

  const lastSuccess = gauge(
    "signet_job_last_success_timestamp_seconds",
    "Start of each job's last successful run (0: never succeeded)",
    ["job"],
  );
  const duration = gauge("signet_job_last_success_duration_seconds", "Duration of each job's last successful run", [
    "job",
  ]);
  const interval = gauge("signet_job_interval_seconds", "How often each job is scheduled to run", ["job"]);
  const failed = gauge("signet_job_last_run_failed", "1 when the job's latest run failed", ["job"]);
  for (const j of s.jobs) {
    lastSuccess.set({ job: j.name }, j.lastSuccessAt ? seconds(j.lastSuccessAt) : 0);
    if (j.lastSuccessSeconds !== null) duration.set({ job: j.name }, j.lastSuccessSeconds);
    interval.set({ job: j.name }, j.intervalSeconds);
    failed.set({ job: j.name }, j.lastRunFailed ? 1 : 0);
  }

  const files = counter(
    "signet_import_files_total",
    "Certificate files imported, and refused for holding a private key",
    ["outcome"],
  );
  files.inc({ outcome: "imported" }, s.imports.importedFiles);
  files.inc({ outcome: "refused" }, s.imports.refusedFiles);

  return registers[0].metrics();
}

/** Reads the snapshot and renders it: what GET /metrics answers. */
export async function scrapeMetrics(db: Db, now: Date): Promise<string> {
  // a web-only instance (SIGNET_JOBS=off) still reports the jobs another instance or cron runs
  registerBuiltinJobs();
  const snapshot = await readMetricsSnapshot(db, {
    now,
    jobs: listJobs(),
    productionEnvironments: defaultPolicy.signers.productionEnvironments,
  });
  return renderMetrics(snapshot);
}

/**
 * Whether the Authorization header carries the configured scrape secret (SIGNET_METRICS_TOKEN).
 * Compares digests, so neither the secret's length nor a matching prefix shows in the timing.
 */
export function isMetricsSecret(authorization: string | null, secret: string | null): boolean {
  if (!secret || !authorization?.startsWith("Bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(authorization.slice(7).trim()), digest(secret));
}
