// GET /metrics through its real handler after a known dataset: the series Prometheus would scrape,
// with the values the dataset implies (issue 19 item 1). The configured bearer secret and the
// `metrics` token scope both open it; other scopes do not.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { beforeAll, expect, it } from "vitest";
import { describeRoute, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import { ALERT_SWEEP_JOB } from "@/lib/jobs/alert-jobs";
import { seedCertificate, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { GET } from "./route";

const METRICS_SECRET = "metrics-secret-for-the-test-0123456789abcdef";
// the configuration is read once per test file (lib/config.ts getConfig)
process.env.SIGNET_METRICS_TOKEN = METRICS_SECRET;
process.env.SIGNET_SECRET ??= "test-secret-of-at-least-thirty-two-characters";

const DAY = 86_400_000;
// the route reads the clock itself: the dataset is placed relative to it
const NOW = Date.now();
const inDays = (d: number) => new Date(NOW + d * DAY);

describeRoute("GET /metrics", (route) => {
  let tokens: Record<"metrics" | "reader", string>;

  beforeAll(async () => {
    const db = route.db();
    tokens = await route.seedApiTokens({ metrics: { scope: "metrics" }, reader: { scope: "read" } });
    const signer = async (name: string, environments: string[], status = "active") => {
      const s = await seedSigner(db, { name, status });
      await db.signer.update({ where: { id: s.id }, data: { environmentsJson: JSON.stringify(environments) } });
      return s.id;
    };
    const prod = await signer("prod-bot", ["production", "staging"]);
    const live = await signer("live-eu-bot", ["live-eu"]);
    const stage = await signer("stage-bot", ["staging", "preprod"]);
    const old = await signer("old-prod-bot", ["prod"], "suspended");
    // prod-bot: a renewal (200 days) supersedes its certificate expiring in 10 days
    await seedCertificate(db, { signerIds: [prod], cn: "prod-old", notAfter: inDays(10) });
    await seedCertificate(db, { signerIds: [prod], cn: "prod-new", notAfter: inDays(200) });
    // live-eu-bot: expiring in 10 days; a revoked one in 1 day counts for nothing but "revoked"
    await seedCertificate(db, { signerIds: [live], cn: "live", notAfter: inDays(10) });
    await seedCertificate(db, {
      signerIds: [live],
      cn: "live-revoked",
      notAfter: inDays(1),
      revocationStatus: "revoked",
    });
    await seedCertificate(db, { signerIds: [stage], cn: "stage", notAfter: inDays(5) });
    await seedCertificate(db, { signerIds: [], cn: "unlinked-expired", notAfter: inDays(-3) });
    await seedCertificate(db, { signerIds: [old], cn: "old", notAfter: inDays(400) });

    const finding = (ruleId: string, severity: string, subjectId: string, extra: object = {}) =>
      db.finding.create({
        data: { ruleId, severity, severityRank: 1, subjectType: "signer", subjectId, message: "m", ...extra },
      });
    await finding("signer.stale", "medium", prod);
    await finding("signer.stale", "medium", live);
    await finding("signer.orphaned", "high", prod);
    await finding("signer.orphaned", "high", live, { resolvedAt: inDays(-1) });

    const message = (status: string) =>
      db.outboxMessage.create({
        data: { recipientEmail: "a@acme.example", subject: "s", textBody: "t", htmlBody: "h", status },
      });
    const failed = await message("failed");
    const sent = await message("sent");
    const delivery = (kind: string, band: string, messageId: string | null) =>
      db.alertDelivery.create({
        data: {
          dedupeKey: `${kind}:${band}:${messageId}`,
          kind,
          recipientEmail: "a@acme.example",
          subjectType: "certificate",
          subjectId: "c",
          band,
          runId: "r",
          messageId,
        },
      });
    await delivery("cert-expiry", "14", failed.id);
    await delivery("cert-expiry", "7", failed.id);
    await delivery("cert-expiry", "30", sent.id);
    await delivery("credential-expiry", "7", null);

    await db.jobRun.create({
      data: {
        job: ALERT_SWEEP_JOB,
        instanceId: "i",
        startedAt: new Date("2026-01-01T00:00:00Z"),
        finishedAt: new Date("2026-01-01T00:00:02.500Z"),
        status: "ok",
      },
    });
    await db.jobRun.create({
      data: { job: ALERT_SWEEP_JOB, instanceId: "i", startedAt: new Date("2026-01-01T01:00:00Z"), status: "failed" },
    });

    const audit = (action: string) =>
      db.auditEvent.create({ data: { actorType: "system", actorLabel: "test", action, summary: action } });
    for (const action of ["certificate.imported", "certificate.imported", "certificate.private-key-refused"])
      await audit(action);
  });

  const scrape = async (token: string) => {
    const res = await GET(tokenRequest("/metrics", token), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await res.text());
    return (name: string, labels: Record<string, string> = {}) => {
      const family = families.find((f) => f.name === name);
      if (!family) throw new Error(`no metric ${name}`);
      const matching = family.metrics.filter((m) =>
        Object.entries(labels).every(([k, v]) => (m.labels ?? {})[k] === v),
      );
      return matching.map((m) => Number(m.value));
    };
  };

  it("reports the dataset's certificates, signers, findings, deliveries, jobs and imports", async () => {
    const value = await scrape(METRICS_SECRET);
    const one = (name: string, labels: Record<string, string> = {}) => {
      const values = value(name, labels);
      expect(values, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
      return values[0];
    };
    expect(
      Object.fromEntries(
        ["valid", "expiring", "expired", "superseded", "revoked"].map((status) => [
          status,
          one("signet_certificates", { status }),
        ]),
      ),
    ).toEqual({ valid: 2, expiring: 2, expired: 1, superseded: 1, revoked: 1 });
    // current leaves: 5, 10, 200 and 400 days out; the alert policy's default bands 90, 30, 14, 7, 1
    expect(
      ["90", "30", "14", "7", "1"].map((within_days) =>
        one("signet_certificates_expiring", { kind: "leaf", within_days }),
      ),
    ).toEqual([2, 2, 2, 1, 0]);
    expect(one("signet_certificates_expiring", { kind: "ca", within_days: "365" })).toBe(0);

    // active production signers only (live-eu is production by prefix; the suspended one and staging are not)
    const soonest = "signet_signer_soonest_certificate_expiry_timestamp_seconds";
    expect(value(soonest)).toHaveLength(2);
    const expectNear = (got: number, at: Date) => expect(Math.abs(got - at.getTime() / 1000)).toBeLessThan(5);
    expectNear(one(soonest, { signer: "live-eu-bot" }), inDays(10));
    expectNear(one(soonest, { signer: "prod-bot" }), inDays(200));
    expect(one("signet_signer_series_dropped")).toBe(0);

    expect(one("signet_findings_open", { rule: "signer.stale", severity: "medium" })).toBe(2);
    expect(one("signet_findings_open", { rule: "signer.orphaned", severity: "high" })).toBe(1);

    expect(one("signet_alert_deliveries", { kind: "cert-expiry", state: "failed" })).toBe(2);
    expect(one("signet_alert_deliveries", { kind: "cert-expiry", state: "sent" })).toBe(1);
    expect(one("signet_alert_deliveries", { kind: "credential-expiry", state: "none" })).toBe(1);
    expect(one("signet_outbox_messages", { status: "failed" })).toBe(1);
    expect(one("signet_outbox_messages", { status: "pending" })).toBe(0);

    expect(one("signet_job_last_success_timestamp_seconds", { job: ALERT_SWEEP_JOB })).toBe(
      Date.parse("2026-01-01T00:00:00Z") / 1000,
    );
    expect(one("signet_job_last_success_duration_seconds", { job: ALERT_SWEEP_JOB })).toBe(2.5);
    expect(one("signet_job_last_run_failed", { job: ALERT_SWEEP_JOB })).toBe(1);
    expect(one("signet_job_interval_seconds", { job: ALERT_SWEEP_JOB })).toBe(3600);
    // a registered job that never ran: 0, so "not run for 2 hours" fires for it too
    expect(one("signet_job_last_success_timestamp_seconds", { job: "outbox.send" })).toBe(0);

    expect(one("signet_import_files_total", { outcome: "imported" })).toBe(2);
    expect(one("signet_import_files_total", { outcome: "refused" })).toBe(1);
  });

  it("opens to an API token with the metrics scope, and to no other scope", async () => {
    await scrape(tokens.metrics);
    const res = await GET(tokenRequest("/metrics", tokens.reader), noParams);
    expect(res.status).toBe(403);
  });
});
