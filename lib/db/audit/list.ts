import type { DbOrTx } from "@/lib/db/client";
import { dayRange, type AuditFilters } from "@/lib/domain/inventory-filters";
import { readPage, type Page, type Prisma } from "@/lib/db/inventory/common";
import { contains } from "@/lib/db/sql";
import type { ChainContent } from "./chain";

// The audit log, newest first: filters for the audit page and its export, and the history
// shown on detail pages.

/** An event as lists show it: the chained fields but its details, the date as ISO text. */
export type AuditRow = Omit<ChainContent, "at" | "detailsJson"> & { at: string };

export const auditSelect = {
  id: true,
  at: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  summary: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

export function toAuditRow(e: Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>): AuditRow {
  return { ...e, at: e.at.toISOString() };
}

export function auditWhere(db: DbOrTx, f: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: contains(db, f.actor) }, { actorId: f.actor }] });
  if (f.action) and.push({ action: { startsWith: f.action } });
  if (f.target)
    and.push({ OR: [{ targetId: f.target }, { targetType: f.target }, { summary: contains(db, f.target) }] });
  if (f.from || f.to) and.push({ at: dayRange(f.from, f.to) });
  return { AND: and };
}

export const auditOrderBy: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: "desc" }, { id: "desc" }];

export async function listAuditPage(db: DbOrTx, f: AuditFilters): Promise<Page<AuditRow>> {
  const where = auditWhere(db, f);
  const page = await readPage(f, {
    rows: (window) => db.auditEvent.findMany({ where, orderBy: auditOrderBy, ...window, select: auditSelect }),
    count: () => db.auditEvent.count({ where }),
  });
  return { ...page, rows: page.rows.map(toAuditRow) };
}

/** The latest events about these targets, for the history panel of a detail page. */
export async function auditHistory(
  db: DbOrTx,
  targets: { targetType: string; targetId: string }[],
  take = 50,
): Promise<AuditRow[]> {
  if (targets.length === 0) return [];
  const rows = await db.auditEvent.findMany({
    where: { OR: targets },
    orderBy: auditOrderBy,
    take,
    select: auditSelect,
  });
  return rows.map(toAuditRow);
}

/** The latest event of one action (the audit page's chain panel: last verification, last anchor). */
export async function latestAuditEventOf(
  db: DbOrTx,
  action: string,
): Promise<{ at: string; actorLabel: string; details: Record<string, unknown> } | null> {
  const e = await db.auditEvent.findFirst({
    where: { action },
    orderBy: auditOrderBy,
    select: { at: true, actorLabel: true, detailsJson: true },
  });
  return e
    ? {
        at: e.at.toISOString(),
        actorLabel: e.actorLabel,
        details: JSON.parse(e.detailsJson) as Record<string, unknown>,
      }
    : null;
}
