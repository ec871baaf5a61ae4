import type { DbOrTx } from "@/lib/db/client";
import { dayRange, type AuditFilters } from "@/lib/domain/inventory-filters";
import { paging, type Page, type Prisma } from "@/lib/db/inventory/common";
import { contains } from "@/lib/db/sql";

// The audit log, newest first: filters for the audit page and its export, and the history
// shown on detail pages.

export type AuditRow = {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  ip: string | null;
};

export const auditSelect = {
  id: true, at: true, actorType: true, actorId: true, actorLabel: true, action: true, targetType: true, targetId: true, summary: true, ip: true,
} satisfies Prisma.AuditEventSelect;

export function toAuditRow(e: Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>): AuditRow {
  return { ...e, at: e.at.toISOString() };
}

export function auditWhere(db: DbOrTx, f: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: contains(db, f.actor) }, { actorId: f.actor }] });
  if (f.action) and.push({ action: { startsWith: f.action } });
  if (f.target) and.push({ OR: [{ targetId: f.target }, { targetType: f.target }, { summary: contains(db, f.target) }] });
  if (f.from || f.to) and.push({ at: dayRange(f.from, f.to) });
  return { AND: and };
}

export const auditOrderBy: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: "desc" }, { id: "desc" }];

export async function listAuditPage(db: DbOrTx, f: AuditFilters): Promise<Page<AuditRow>> {
  const where = auditWhere(db, f);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: auditOrderBy, ...paging(f), select: auditSelect }),
    db.auditEvent.count({ where }),
  ]);
  return { rows: rows.map(toAuditRow), total, page: f.page, pageSize: f.pageSize };
}

/** The latest events about these targets, for the history panel of a detail page. */
export async function auditHistory(db: DbOrTx, targets: { targetType: string; targetId: string }[], take = 50): Promise<AuditRow[]> {
  if (targets.length === 0) return [];
  const rows = await db.auditEvent.findMany({ where: { OR: targets }, orderBy: auditOrderBy, take, select: auditSelect });
  return rows.map(toAuditRow);
}
