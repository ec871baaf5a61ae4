import type { DbOrTx } from "@/lib/db/client";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import { taskState } from "@/lib/domain/attestation/schedule";

// The /tasks list (and GET /api/v1/attestations): one person's tasks in open campaigns, a page at a
// time, with how many are still to answer across every page.

export type TaskListRow = {
  id: string;
  status: string;
  state: "pending" | "overdue" | "done";
  submittedAt: string | null;
  campaign: { id: string; name: string; dueAt: string };
  signer: { id: string; name: string };
};

/** A page of tasks plus `openCount`, the tasks not yet answered on any page. */
export type TaskPage = Page<TaskListRow> & { openCount: number };

/** The tasks assigned to `assigneeId` (none for a reader who is not a person in the inventory), pending first. */
export async function listTaskPage(
  db: DbOrTx,
  assigneeId: string | null,
  f: { page: number; pageSize: number },
  now: Date,
): Promise<TaskPage> {
  if (!assigneeId) return { rows: [], total: 0, page: f.page, pageSize: f.pageSize, openCount: 0 };
  const where = { assigneeId, campaign: { status: "open" } };
  const [page, openCount] = await Promise.all([
    readPage(f, {
      rows: (window) =>
        db.attestation.findMany({
          where,
          orderBy: [{ status: "asc" }, { createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            status: true,
            submittedAt: true,
            campaign: { select: { id: true, name: true, dueAt: true } },
            signer: { select: { id: true, name: true } },
          },
          ...window,
        }),
      count: () => db.attestation.count({ where }),
    }),
    db.attestation.count({ where: { ...where, status: "pending" } }),
  ]);
  return {
    ...page,
    openCount,
    rows: page.rows.map((t) => ({
      id: t.id,
      status: t.status,
      state: taskState({ status: t.status, dueAt: t.campaign.dueAt }, now),
      submittedAt: iso(t.submittedAt),
      campaign: { ...t.campaign, dueAt: t.campaign.dueAt.toISOString() },
      signer: t.signer,
    })),
  };
}
