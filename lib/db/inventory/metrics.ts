import type { Db } from "@/lib/db/client";
import { jobHistory } from "@/lib/db/jobs/jobs";
import {
  countAllCertificatesByStatus,
  countCurrentCertificatesExpiringWithin,
  loadExpiryBands,
} from "@/lib/db/certificates/status";
import { countFindingsByRuleAndSeverity } from "@/lib/db/findings/list";
import { OUTBOX_STATUSES, type OutboxStatus } from "@/lib/db/outbox/outbox";
import { countWebhookDeliveries } from "@/lib/db/webhooks/deliveries";
import type { WebhookDeliveryStatus } from "@/lib/domain/webhooks/events";
import { toDate, toNumber } from "@/lib/db/sql";
import { isProductionEnvironment } from "@/lib/domain/findings";
import { findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";
import type { CertificateStatus } from "@/lib/domain/certificate-status";
import { parseJson } from "./common";

// What GET /metrics reports, read in one pass per scrape. The numbers come from the queries the
// overview uses (certificates by status, open findings by rule and severity) so a dashboard tile and
// a Prometheus series cannot disagree; the rest are small grouped counts. Reads only.

/** Most production signers a scrape reports a soonest-expiry series for (the soonest first). */
export const SIGNER_SERIES_CAP = 10_000;

export type MetricsSnapshot = {
  certificatesByStatus: Record<CertificateStatus, number>;
  /** current (not revoked, not superseded) certificates expiring within each band of the alert policy */
  expiringWithin: { kind: "leaf" | "ca"; days: number; count: number }[];
  productionSigners: { id: string; name: string; soonestExpiryAt: Date }[];
  /** production signers with a current certificate left out by SIGNER_SERIES_CAP */
  productionSignersDropped: number;
  openFindings: { ruleId: string; severity: string; count: number }[];
  alertDeliveries: { kind: string; state: string; count: number }[];
  outboxMessages: Record<OutboxStatus, number>;
  webhookDeliveries: Record<WebhookDeliveryStatus, number>;
  jobs: {
    name: string;
    intervalSeconds: number;
    lastSuccessAt: Date | null;
    lastSuccessSeconds: number | null;
    lastRunFailed: boolean;
  }[];
  imports: { importedFiles: number; refusedFiles: number };
};

const ANALYST_SCOPE = { role: "analyst", personId: null } as const;

export async function readMetricsSnapshot(
  db: Db,
  options: {
    now: Date;
    jobs: readonly { name: string; intervalMs: number }[];
    productionEnvironments: readonly string[];
  },
): Promise<MetricsSnapshot> {
  const { now } = options;
  const bands = await loadExpiryBands(db);
  const [byStatus, leafBands, caBands, signers, findings, deliveries, outbox, webhooks, jobs, imports] =
    await Promise.all([
      countAllCertificatesByStatus(db, { now, bands }, ANALYST_SCOPE),
      countCurrentCertificatesExpiringWithin(db, { now, days: bands.signingBands, isCA: false }),
      countCurrentCertificatesExpiringWithin(db, { now, days: bands.caBands, isCA: true }),
      productionSignerExpiries(db, options.productionEnvironments),
      countFindingsByRuleAndSeverity(db, ANALYST_SCOPE, parseFilters(findingFiltersSchema, {}), now),
      alertDeliveriesByState(db),
      db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
      countWebhookDeliveries(db),
      Promise.all(options.jobs.map((job) => jobMetrics(db, job))),
      db.auditEvent.groupBy({
        by: ["action"],
        where: { action: { in: ["certificate.imported", "certificate.private-key-refused"] } },
        _count: { _all: true },
      }),
    ]);
  const { total: _total, ...certificatesByStatus } = byStatus;
  const auditCount = (action: string) => imports.find((g) => g.action === action)?._count._all ?? 0;
  return {
    certificatesByStatus,
    expiringWithin: [
      ...bands.signingBands.map((days, i) => ({ kind: "leaf" as const, days, count: leafBands[i] })),
      ...bands.caBands.map((days, i) => ({ kind: "ca" as const, days, count: caBands[i] })),
    ],
    productionSigners: signers.slice(0, SIGNER_SERIES_CAP),
    productionSignersDropped: Math.max(0, signers.length - SIGNER_SERIES_CAP),
    openFindings: findings,
    alertDeliveries: deliveries,
    outboxMessages: Object.fromEntries(
      OUTBOX_STATUSES.map((s) => [s, outbox.find((g) => g.status === s)?._count._all ?? 0]),
    ) as Record<OutboxStatus, number>,
    webhookDeliveries: webhooks,
    jobs,
    imports: {
      importedFiles: auditCount("certificate.imported"),
      refusedFiles: auditCount("certificate.private-key-refused"),
    },
  };
}

/**
 * Active signers with a production environment (the findings policy's names), each with the
 * notAfter of its soonest current certificate, soonest first. Signers are few (thousands); their
 * environments are JSON, so the production test runs here rather than in SQL.
 */
async function productionSignerExpiries(db: Db, productionNames: readonly string[]) {
  const signers = await db.signer.findMany({
    where: { status: "active" },
    select: { id: true, name: true, environmentsJson: true },
  });
  const production = new Map(
    signers
      .filter((s) =>
        parseJson<unknown[]>(s.environmentsJson, []).some(
          (e) => typeof e === "string" && isProductionEnvironment(e, productionNames),
        ),
      )
      .map((s) => [s.id, s.name]),
  );
  if (production.size === 0) return [];
  const rows = await db.$queryRaw<{ signerId: string; soonest: unknown }[]>`
    SELECT sc."signerId" AS "signerId", MIN(c."notAfter") AS "soonest"
    FROM "SignerCertificate" sc JOIN "Certificate" c ON c."id" = sc."certificateId"
    WHERE c."revocationStatus" <> 'revoked' AND c."supersededAt" IS NULL
    GROUP BY sc."signerId"`;
  return rows
    .filter((r) => production.has(r.signerId))
    .map((r) => ({ id: r.signerId, name: production.get(r.signerId)!, soonestExpiryAt: toDate(r.soonest)! }))
    .sort((a, b) => a.soonestExpiryAt.getTime() - b.soonestExpiryAt.getTime() || a.name.localeCompare(b.name));
}

/** Each alert delivery's state is its email's: pending, sending, sent, failed (none: not yet queued). */
async function alertDeliveriesByState(db: Db) {
  const rows = await db.$queryRaw<{ kind: string; state: string | null; n: unknown }[]>`
    SELECT d."kind" AS "kind", m."status" AS "state", COUNT(*) AS "n"
    FROM "AlertDelivery" d LEFT JOIN "OutboxMessage" m ON m."id" = d."messageId"
    GROUP BY d."kind", m."status"`;
  return rows
    .map((r) => ({ kind: r.kind, state: r.state ?? "none", count: toNumber(r.n) ?? 0 }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.state.localeCompare(b.state));
}

async function jobMetrics(db: Db, job: { name: string; intervalMs: number }): Promise<MetricsSnapshot["jobs"][number]> {
  const h = await jobHistory(db, job.name);
  const ok = h.lastSuccess;
  return {
    name: job.name,
    intervalSeconds: job.intervalMs / 1000,
    lastSuccessAt: ok?.startedAt ?? null,
    lastSuccessSeconds: ok?.finishedAt ? (ok.finishedAt.getTime() - ok.startedAt.getTime()) / 1000 : null,
    lastRunFailed: h.lastRun?.status === "failed",
  };
}
