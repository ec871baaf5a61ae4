import type { Db } from "./client";
import { certificateScopeWhere, signerScopeWhere, type ScopeUser } from "./scope";

const DAY = 86_400_000;

export type OverviewCounts = {
  signers: number;
  activeSigners: number;
  orphanedSigners: number;
  certificates: number;
  valid: number;
  expiringIn30Days: number;
  expired: number;
  revoked: number;
  openFindingsBySeverity: Record<string, number>;
};

export async function getOverviewCounts(db: Db, user: ScopeUser, now: Date): Promise<OverviewCounts> {
  const s = signerScopeWhere(user);
  const c = certificateScopeWhere(user);
  const soon = new Date(now.getTime() + 30 * DAY);
  const [signers, activeSigners, orphanedSigners, certificates, valid, expiringIn30Days, expired, revoked, findings] = await Promise.all([
    db.signer.count({ where: s }),
    db.signer.count({ where: { ...s, status: "active" } }),
    db.signer.count({ where: { AND: [s, { status: { not: "decommissioned" } }, { OR: [{ primaryOwnerId: null }, { primaryOwner: { isActive: false } }] }] } }),
    db.certificate.count({ where: c }),
    db.certificate.count({ where: { ...c, notAfter: { gte: now }, revocationStatus: { not: "revoked" } } }),
    db.certificate.count({ where: { ...c, notAfter: { gte: now, lte: soon } } }),
    db.certificate.count({ where: { ...c, notAfter: { lt: now } } }),
    db.certificate.count({ where: { ...c, revocationStatus: "revoked" } }),
    db.finding.groupBy({
      by: ["severity"],
      where: { resolvedAt: null, OR: [{ suppressedUntil: null }, { suppressedUntil: { lt: now } }], ...(user.role === "owner" ? { signerId: { in: (await db.signer.findMany({ where: s, select: { id: true } })).map((x) => x.id) } } : {}) },
      _count: { _all: true },
    }),
  ]);
  const openFindingsBySeverity: Record<string, number> = {};
  for (const f of findings) openFindingsBySeverity[f.severity] = f._count._all;
  return { signers, activeSigners, orphanedSigners, certificates, valid, expiringIn30Days, expired, revoked, openFindingsBySeverity };
}
