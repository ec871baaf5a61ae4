// Reads for the revocation page: revocation requests across the inventory and certificates whose
// last revocation check failed, a page at a time. Owners see only their certificates.
import type { Db } from "@/lib/db/client";
import { certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import type { RevocationFilters } from "@/lib/domain/inventory-filters";
import type { LastCheckCounts } from "@/lib/domain/revocation";

/** Unexpired certificates in the user's scope by the outcome of their last revocation check. */
export async function countLastRevocationChecks(db: Db, user: ScopeUser, now: Date): Promise<LastCheckCounts> {
  const unexpired = { ...certificateScopeWhere(user), notAfter: { gte: now } };
  const [total, failed, unchecked] = await Promise.all([
    db.certificate.count({ where: unexpired }),
    db.certificate.count({ where: { ...unexpired, revocationError: { not: null } } }),
    db.certificate.count({ where: { ...unexpired, revocationError: null, revocationCheckedAt: null } }),
  ]);
  return { total, failed, unchecked, answered: total - failed - unchecked };
}

// ------------------------------------------------------------------ the /revocation list

const DAY_MS = 86_400_000;
/** Confirmed requests stay on the list this long after the CA confirmed them. */
export const CONFIRMED_REQUESTS_KEPT_DAYS = 30;

/** A revocation request as the /revocation list shows it (dates as ISO strings). */
export type RevocationRequestRow = {
  id: string;
  kind: string;
  reason: string;
  status: string;
  requestedAt: string;
  deadlineAt: string;
  confirmedAt: string | null;
  note: string | null;
  certificate: { id: string; subject: string; subjectCn: string | null; serialHex: string };
};
const requestRowSelect = {
  id: true,
  kind: true,
  reason: true,
  status: true,
  requestedAt: true,
  deadlineAt: true,
  confirmedAt: true,
  note: true,
  certificate: { select: { id: true, subject: true, subjectCn: true, serialHex: true } },
} as const;

/** An unexpired certificate whose last revocation check ended in an error, as the /revocation list shows it. */
export type FailedCheckRow = {
  id: string;
  subject: string;
  subjectCn: string | null;
  revocationStatus: string;
  revocationCheckedAt: string | null;
  revocationError: string | null;
  notAfter: string;
};
const failedCheckSelect = {
  id: true,
  subject: true,
  subjectCn: true,
  revocationStatus: true,
  revocationCheckedAt: true,
  revocationError: true,
  notAfter: true,
} as const;

export type RevocationRow = RevocationRequestRow | FailedCheckRow;

/**
 * The /revocation page's read model (and GET /api/v1/revocation): one page of the view the
 * filters pick (requests, or failed checks), and the numbers both tabs and the summary show, each
 * counted with the same conditions as the list it names.
 */
export type RevocationPage = Page<RevocationRow> & {
  view: RevocationFilters["view"];
  requests: { total: number; overdue: number };
  lastChecks: LastCheckCounts;
};

export async function listRevocationPage(
  db: Db,
  user: ScopeUser,
  f: RevocationFilters,
  now: Date,
): Promise<RevocationPage> {
  const requestsWhere = {
    certificate: certificateScopeWhere(user),
    OR: [
      { status: "open" },
      { status: "confirmed", confirmedAt: { gte: new Date(now.getTime() - CONFIRMED_REQUESTS_KEPT_DAYS * DAY_MS) } },
    ],
  };
  const failedWhere = { ...certificateScopeWhere(user), revocationError: { not: null }, notAfter: { gte: now } };
  const [requestTotal, overdue, lastChecks] = await Promise.all([
    db.revocationRequest.count({ where: requestsWhere }),
    db.revocationRequest.count({
      where: { certificate: certificateScopeWhere(user), status: "open", deadlineAt: { lt: now } },
    }),
    countLastRevocationChecks(db, user, now),
  ]);
  const page: Page<RevocationRow> =
    f.view === "failed"
      ? await readPage(f, {
          rows: async (window) =>
            (
              await db.certificate.findMany({
                where: failedWhere,
                select: failedCheckSelect,
                orderBy: [{ revocationCheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
                ...window,
              })
            ).map((c) => ({
              ...c,
              revocationCheckedAt: iso(c.revocationCheckedAt),
              notAfter: c.notAfter.toISOString(),
            })),
          count: async () => lastChecks.failed,
        })
      : await readPage(f, {
          rows: async (window) =>
            (
              await db.revocationRequest.findMany({
                where: requestsWhere,
                select: requestRowSelect,
                orderBy: [{ deadlineAt: "asc" }, { id: "asc" }],
                ...window,
              })
            ).map((r) => ({
              ...r,
              requestedAt: r.requestedAt.toISOString(),
              deadlineAt: r.deadlineAt.toISOString(),
              confirmedAt: iso(r.confirmedAt),
            })),
          count: async () => requestTotal,
        });
  return { ...page, view: f.view, requests: { total: requestTotal, overdue }, lastChecks };
}
