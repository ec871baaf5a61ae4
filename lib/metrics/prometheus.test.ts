// The exposition Signet serves, and the example rules and dashboard of docs/monitoring.md: every
// metric an example refers to must be one Signet exports, and promtool (when this machine has it,
// Debian package `prometheus`) must accept both the rules and a scrape.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import type { MetricsSnapshot } from "@/lib/db/inventory/metrics";
import { isMetricsSecret, renderMetrics } from "./prometheus";

// js-yaml is in the tree through eslint; the rules file is plain YAML and nothing else reads it
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

const RULES = path.join(process.cwd(), "docs/monitoring/signet-rules.yml");
const DASHBOARD = path.join(process.cwd(), "docs/monitoring/grafana-dashboard.json");

const SNAPSHOT: MetricsSnapshot = {
  certificatesByStatus: { valid: 5, expiring: 2, expired: 1, superseded: 3, revoked: 1, keyless: 0 },
  expiringWithin: [
    { kind: "leaf", days: 30, count: 2 },
    { kind: "leaf", days: 7, count: 1 },
    { kind: "ca", days: 365, count: 0 },
  ],
  productionSigners: [{ id: "s1", name: 'release "bot"\\eu', soonestExpiryAt: new Date("2027-01-01T00:00:00Z") }],
  productionSignersDropped: 0,
  openFindings: [{ ruleId: "signer.stale", severity: "medium", count: 4 }],
  alertDeliveries: [{ kind: "cert-expiry", state: "failed", count: 2 }],
  outboxMessages: { pending: 0, sending: 0, sent: 3, failed: 1 },
  webhookDeliveries: { pending: 1, sending: 0, delivered: 5, failed: 2 },
  jobs: [
    {
      name: "alerts.sweep",
      intervalSeconds: 3600,
      lastSuccessAt: new Date(1_700_000_000_000),
      lastSuccessSeconds: 1.5,
      lastRunFailed: false,
    },
    { name: "outbox.send", intervalSeconds: 30, lastSuccessAt: null, lastSuccessSeconds: null, lastRunFailed: true },
  ],
  imports: { importedFiles: 7, refusedFiles: 1 },
};

const hasPromtool = spawnSync("promtool", ["--version"]).status === 0;

async function exportedNames(): Promise<Set<string>> {
  return new Set(parsePrometheusTextFormat(await renderMetrics(SNAPSHOT)).map((f) => f.name));
}

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or label names. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, "{}");
  return [...withoutStrings.matchAll(/\bsignet_[a-z0-9_]+\b/g)].map((m) => m[0]);
}

type RuleFile = { groups: { name: string; rules: { alert?: string; expr: string }[] }[] };

describe("GET /metrics exposition", () => {
  it("writes each series with its value, escaping label values", async () => {
    const text = await renderMetrics(SNAPSHOT);
    expect(text).toContain('signet_certificates{status="expiring"} 2');
    expect(text).toContain('signet_certificates_expiring{kind="leaf",within_days="7"} 1');
    expect(text).toContain(
      'signet_signer_soonest_certificate_expiry_timestamp_seconds{signer="release \\"bot\\"\\\\eu",signer_id="s1"} 1798761600',
    );
    expect(text).toContain('signet_job_last_success_timestamp_seconds{job="outbox.send"} 0');
    expect(text).toContain('signet_job_last_run_failed{job="outbox.send"} 1');
    expect(text).toContain('signet_webhook_deliveries{status="failed"} 2');
    expect(text).toContain('signet_import_files_total{outcome="imported"} 7');
    expect(text).toMatch(/# HELP signet_signer_soonest_certificate_expiry_timestamp_seconds .*at most 10000 series/);
    // Signet's series only: no process_* or nodejs_* defaults
    expect(text).not.toMatch(/^(process|nodejs)_/m);
  });

  it.skipIf(!hasPromtool)("passes promtool check metrics", async () => {
    const out = spawnSync("promtool", ["check", "metrics"], { input: await renderMetrics(SNAPSHOT) });
    expect(`${out.stdout}${out.stderr}`.trim()).toBe("");
    expect(out.status).toBe(0);
  });
});

describe("docs/monitoring examples", () => {
  it("the alerting rules refer only to metrics Signet exports, and cover the documented cases", async () => {
    const names = await exportedNames();
    const file = yaml.load(fs.readFileSync(RULES, "utf8")) as RuleFile;
    const rules = file.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const used = metricNames(rule.expr);
      expect(used.length, `${rule.alert}: refers to no Signet metric`).toBeGreaterThan(0);
      for (const name of used) expect(names, `${rule.alert} uses ${name}`).toContain(name);
    }
    const alerts = rules.map((r) => r.alert);
    expect(alerts).toEqual(
      expect.arrayContaining([
        "SignetCertificateExpiringWithin14Days",
        "SignetJobNotRun",
        "SignetAlertDeliveriesFailed",
      ]),
    );
    const expiry = rules.find((r) => r.alert === "SignetCertificateExpiringWithin14Days")!;
    expect(expiry.expr).toContain("14 * 86400");
  });

  it.skipIf(!hasPromtool)("promtool accepts the rules file", () => {
    expect(execFileSync("promtool", ["check", "rules", RULES]).toString()).toMatch(/SUCCESS: \d+ rules found/);
  });

  it.skipIf(!hasPromtool)("the rules fire on a scrape where a production certificate expires in 10 days", async () => {
    // promtool's rule unit test: a series like the scrape's, evaluated over time
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-rules-"));
    const expiry = 10 * 86400;
    fs.writeFileSync(
      path.join(dir, "test.yml"),
      [
        `rule_files: [${JSON.stringify(RULES)}]`,
        "evaluation_interval: 1m",
        "tests:",
        "  - interval: 1m",
        "    input_series:",
        `      - series: 'signet_signer_soonest_certificate_expiry_timestamp_seconds{signer="prod-bot",signer_id="s1"}'`,
        `        values: '${expiry}x30'`,
        "    alert_rule_test:",
        "      - eval_time: 20m",
        "        alertname: SignetCertificateExpiringWithin14Days",
        "        exp_alerts:",
        "          - exp_labels: { severity: critical, signer: prod-bot, signer_id: s1 }",
        "            exp_annotations:",
        '              summary: "Signer prod-bot: a certificate expires within 14 days"',
        // 10 days minus the 20 minutes of evaluation time
        '              description: "The soonest certificate of production signer prod-bot expires in 9d 23h 40m 0s."',
      ].join("\n"),
    );
    const out = spawnSync("promtool", ["test", "rules", path.join(dir, "test.yml")]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(`${out.stdout}${out.stderr}`).toMatch(/SUCCESS/);
  });

  it("the Grafana dashboard queries only metrics Signet exports", async () => {
    const names = await exportedNames();
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, "utf8")) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels)
      for (const t of panel.targets)
        for (const name of metricNames(t.expr)) expect(names, `${panel.title} uses ${name}`).toContain(name);
  });
});

describe("the scrape secret", () => {
  const secret = "s".repeat(40);
  it.each([
    [`Bearer ${secret}`, secret, true],
    [`Bearer ${secret}x`, secret, false],
    [`Bearer ${secret.slice(1)}`, secret, false],
    [secret, secret, false],
    [`Bearer ${secret}`, null, false],
    [null, secret, false],
  ])("%s against %s → %s", (header, configured, expected) => {
    expect(isMetricsSecret(header, configured)).toBe(expected);
  });
});
