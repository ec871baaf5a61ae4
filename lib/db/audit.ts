import type { Db } from "./client";
import type { Page } from "./lists";

export type AuditRow = { id: string; at: Date; actorType: string; actorLabel: string; action: string; targetType: string | null; targetId: string | null; summary: string };

export async function listAuditEvents(db: Db, opts: { page: number; pageSize: number; action?: string }): Promise<Page<AuditRow>> {
  const where = opts.action ? { action: { startsWith: opts.action } } : {};
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: { id: true, at: true, actorType: true, actorLabel: true, action: true, targetType: true, targetId: true, summary: true },
    }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}
