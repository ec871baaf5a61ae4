import { certificateScopeWhere, signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { ruleCatalogue } from "@/lib/domain/findings";
import { NHI_TOP_10, type NhiId } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import { certificateStatusWhere } from "./certificates";
import { findingScopeWhere, openFindingWhere, ownerScopeIds, type AnyDb, type Prisma } from "./common";

// The overview's numbers. Every number has the filtered list behind it; the counts run on
// indexed columns (notAfter, revocationStatus, Finding(resolvedAt, severityRank)) so the page
// stays fast at 250,000 certificates.

const DAY_MS = 86_400_000;
export const WEEKS_BACK = 4;
export const WEEKS_AHEAD = 26;

export type ExpiryWeek = { from: string; to: string; count: number; isPast: boolean; isCurrent: boolean };

export type Overview = {
  generatedAt: string;
  signers: { total: number; active: number; orphaned: number };
  certificates: { total: number; valid: number; expiring: number; expired: number; revoked: number };
  expiryWeeks: ExpiryWeek[];
  findingsBySeverity: { severity: string; count: number }[];
  findingsByNhi: { nhi: NhiId; title: string; count: number }[];
  openFindings: number;
  rotationOverdueKeys: number;
  revokedInUse: number;
  campaigns: { id: string; name: string; dueAt: string; status: string; total: number; submitted: number; overdue: number }[];
  failedDeliveries: number | null;
};

/** Monday 00:00 UTC of the week containing `now`. */
export function weekStart(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function expiryWeeks(db: AnyDb, scope: Prisma.CertificateWhereInput, now: Date): Promise<ExpiryWeek[]> {
  const start = weekStart(now);
  const weeks = Array.from({ length: WEEKS_BACK + WEEKS_AHEAD }, (_, i) => {
    const from = new Date(start.getTime() + (i - WEEKS_BACK) * 7 * DAY_MS);
    return { from, to: new Date(from.getTime() + 7 * DAY_MS), index: i };
  });
  // one indexed range count per week: cheaper than pulling tens of thousands of dates
  const counts = await Promise.all(weeks.map((w) => db.certificate.count({ where: { AND: [scope, { notAfter: { gte: w.from, lt: w.to } }] } })));
  return weeks.map((w, i) => ({
    from: isoDay(w.from),
    to: isoDay(new Date(w.to.getTime() - DAY_MS)),
    count: counts[i],
    isPast: w.index < WEEKS_BACK,
    isCurrent: w.index === WEEKS_BACK,
  }));
}

export async function getOverview(db: AnyDb, user: ScopeUser, now: Date): Promise<Overview> {
  const s = signerScopeWhere(user);
  const c = certificateScopeWhere(user);
  const scopeIds = await ownerScopeIds(db, user);
  const open: Prisma.FindingWhereInput = { AND: [findingScopeWhere(scopeIds), openFindingWhere(now)] };
  const isOwner = scopeIds !== null;

  const [signers, activeSigners, orphaned, total, valid, expiring, expired, revoked, weeks, bySeverity, byRule, campaigns, failed] = await Promise.all([
    db.signer.count({ where: s }),
    db.signer.count({ where: { AND: [s, { status: "active" }] } }),
    db.signer.count({ where: { AND: [s, { status: { not: "decommissioned" } }, { OR: [{ primaryOwnerId: null }, { primaryOwner: { isActive: false } }] }] } }),
    db.certificate.count({ where: c }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("valid", now)] } }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("expiring", now)] } }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("expired", now)] } }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("revoked", now)] } }),
    expiryWeeks(db, c, now),
    db.finding.groupBy({ by: ["severity"], where: open, _count: { _all: true } }),
    db.finding.groupBy({ by: ["ruleId"], where: open, _count: { _all: true } }),
    db.attestationCampaign.findMany({ where: { status: "open" }, orderBy: { dueAt: "asc" }, take: 5, select: { id: true, name: true, dueAt: true, status: true } }),
    // deliveries are an administrator's concern, not an owner's
    isOwner ? Promise.resolve(null) : db.outboxMessage.count({ where: { status: "failed" } }),
  ]);

  const campaignStats = campaigns.length
    ? await db.attestation.groupBy({
        by: ["campaignId", "status"],
        where: { campaignId: { in: campaigns.map((k) => k.id) }, ...(scopeIds ? { signerId: { in: scopeIds.signerIds } } : {}) },
        _count: { _all: true },
      })
    : [];
  const ruleCounts = new Map(byRule.map((r) => [r.ruleId, r._count._all]));
  const nhiCounts = new Map<NhiId, number>();
  for (const rule of ruleCatalogue()) {
    if (rule.nhi) nhiCounts.set(rule.nhi, (nhiCounts.get(rule.nhi) ?? 0) + (ruleCounts.get(rule.id) ?? 0));
  }
  const sevCounts = new Map(bySeverity.map((g) => [g.severity, g._count._all]));

  return {
    generatedAt: now.toISOString(),
    signers: { total: signers, active: activeSigners, orphaned },
    certificates: { total, valid, expiring, expired, revoked },
    expiryWeeks: weeks,
    findingsBySeverity: SEVERITIES.map((sev) => ({ severity: sev, count: sevCounts.get(sev) ?? 0 })),
    findingsByNhi: NHI_TOP_10.map((n) => ({ nhi: n.id, title: n.title, count: nhiCounts.get(n.id) ?? 0 })),
    openFindings: [...sevCounts.values()].reduce((a, b) => a + b, 0),
    rotationOverdueKeys: ruleCounts.get("key.rotation-overdue") ?? 0,
    revokedInUse: ruleCounts.get("cert.revoked-in-use") ?? 0,
    campaigns: campaigns.map((k) => {
      const stats = campaignStats.filter((g) => g.campaignId === k.id);
      const totalA = stats.reduce((n, g) => n + g._count._all, 0);
      const submitted = stats.filter((g) => g.status === "submitted").reduce((n, g) => n + g._count._all, 0);
      return { id: k.id, name: k.name, dueAt: k.dueAt.toISOString(), status: k.status, total: totalA, submitted, overdue: k.dueAt < now ? totalA - submitted : 0 };
    }),
    failedDeliveries: failed,
  };
}
