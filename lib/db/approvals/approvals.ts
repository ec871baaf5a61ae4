import type { DbOrTx, Tx } from "@/lib/db/client";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { approvalState, type ApprovalState } from "@/lib/domain/approvals";
import { readCiHandles } from "@/lib/domain/ci-handles";
import { readPage, type Page } from "@/lib/db/inventory/common";

// ApprovalRequest: requests to use a just-in-time grant for a window. The only writer of the
// table. The state a list filters on is computed from the clock (lib/domain/approvals.ts
// approvalState): "expired" is a pending or approved request whose window has ended.

export type NewApprovalRequest = {
  privilegeId: string;
  signerId: string;
  environment: string;
  reason: string;
  windowStartsAt: Date;
  windowEndsAt: Date;
  triggeredBy: string | null;
  requestedByType: "user" | "token";
  requestedById: string | null;
  requestedByLabel: string;
  requestedAt: Date;
};

export async function insertApprovalRequest(tx: Tx, data: NewApprovalRequest): Promise<string> {
  const row = await tx.approvalRequest.create({ data: { ...data, status: "pending" }, select: { id: true } });
  return row.id;
}

/** Records the decision only while the request is still pending: a concurrent decision loses. */
export async function decideApprovalRow(
  tx: Tx,
  id: string,
  data: {
    status: "approved" | "refused";
    decidedAt: Date;
    decidedById: string;
    decidedByLabel: string;
    note: string | null;
  },
): Promise<boolean> {
  const r = await tx.approvalRequest.updateMany({
    where: { id, status: "pending", windowEndsAt: { gt: data.decidedAt } },
    data: {
      status: data.status,
      decidedAt: data.decidedAt,
      decidedById: data.decidedById,
      decidedByLabel: data.decidedByLabel,
      decisionNote: data.note,
    },
  });
  return r.count === 1;
}

const approvalSelect = {
  id: true,
  privilegeId: true,
  signerId: true,
  environment: true,
  reason: true,
  windowStartsAt: true,
  windowEndsAt: true,
  triggeredBy: true,
  requestedByType: true,
  requestedById: true,
  requestedByLabel: true,
  requestedAt: true,
  status: true,
  decidedAt: true,
  decidedByLabel: true,
  decisionNote: true,
  signer: { select: { name: true } },
  privilege: { select: { scope: true, environment: true } },
} as const;

export type ApprovalRow = {
  id: string;
  privilegeId: string;
  signerId: string;
  signerName: string;
  scope: string;
  environment: string;
  reason: string;
  windowStartsAt: Date;
  windowEndsAt: Date;
  triggeredBy: string | null;
  requestedByType: string;
  requestedById: string | null;
  requestedByLabel: string;
  requestedAt: Date;
  status: string;
  decidedAt: Date | null;
  decidedByLabel: string | null;
  decisionNote: string | null;
};

type Selected = {
  signer: { name: string };
  privilege: { scope: string; environment: string };
} & Omit<ApprovalRow, "signerName" | "scope">;

function toRow({ signer, privilege, ...r }: Selected): ApprovalRow {
  return { ...r, signerName: signer.name, scope: privilege.scope };
}

/** One request, within what the user may see (owners: their signers' requests). */
export async function findApprovalRequest(db: DbOrTx, id: string, scope?: ScopeUser): Promise<ApprovalRow | null> {
  const row = await db.approvalRequest.findFirst({
    where: { id, ...(scope ? { signer: signerScopeWhere(scope) } : {}) },
    select: approvalSelect,
  });
  return row ? toRow(row) : null;
}

/** The state filter as a where clause at `now`. */
function stateWhere(state: ApprovalState | undefined, now: Date) {
  switch (state) {
    case "pending":
      return { status: "pending", windowEndsAt: { gt: now } };
    case "approved":
      return { status: "approved", windowEndsAt: { gt: now } };
    case "refused":
      return { status: "refused" };
    case "expired":
      return { status: { in: ["pending", "approved"] }, windowEndsAt: { lte: now } };
    default:
      return {};
  }
}

type ListOptions = { now: Date; state?: ApprovalState; signerId?: string };

/** The requests a list shows: in the reader's scope, by state at `now` and signer. */
function approvalListWhere(scope: ScopeUser, options: ListOptions) {
  return {
    ...stateWhere(options.state, options.now),
    ...(options.signerId ? { signerId: options.signerId } : {}),
    signer: signerScopeWhere(scope),
  };
}
const newestFirst = [{ requestedAt: "desc" as const }, { id: "asc" as const }];

/** The latest requests (a signer's page shows its last few). */
export async function listApprovalRequests(
  db: DbOrTx,
  scope: ScopeUser,
  options: ListOptions & { limit?: number },
): Promise<ApprovalRow[]> {
  const rows = await db.approvalRequest.findMany({
    where: approvalListWhere(scope, options),
    orderBy: newestFirst,
    select: approvalSelect,
    take: options.limit ?? 200,
  });
  return rows.map(toRow);
}

/**
 * The /approvals list (and GET /api/v1/approvals): a page of requests, newest first, as the API
 * shows them, with the number matching counted under the same conditions.
 */
export async function listApprovalPage(
  db: DbOrTx,
  scope: ScopeUser,
  f: { state?: ApprovalState; signerId?: string; page: number; pageSize: number },
  now: Date,
): Promise<Page<ApprovalView>> {
  const where = approvalListWhere(scope, { now, state: f.state, signerId: f.signerId });
  const page = await readPage(f, {
    rows: (window) => db.approvalRequest.findMany({ where, orderBy: newestFirst, select: approvalSelect, ...window }),
    count: () => db.approvalRequest.count({ where }),
  });
  return { ...page, rows: page.rows.map((r) => approvalView(toRow(r), now)) };
}

/** The signer (by id or name) with its grants in force and its active owners: what a request needs. */
/** An owner as a request's emails need them: the address, and the names SoD compares with "triggered by". */
const ownerForApproval = { id: true, name: true, email: true, isActive: true, ciHandlesJson: true } as const;

export async function findSignerForApproval(db: DbOrTx, ref: string, scope?: ScopeUser) {
  return db.signer.findFirst({
    where: { OR: [{ id: ref }, { name: ref }], ...(scope ? signerScopeWhere(scope) : {}) },
    select: {
      id: true,
      name: true,
      status: true,
      privileges: {
        where: { removedAt: null },
        select: { id: true, scope: true, environment: true, isJustInTime: true },
      },
      primaryOwner: { select: ownerForApproval },
      backupOwner: { select: ownerForApproval },
    },
  });
}

/** The person linked to a user (a requester or decider), with its email. */
export async function findUserPerson(db: DbOrTx, userId: string) {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { personId: true, person: { select: { email: true, ciHandlesJson: true } } },
  });
  return u
    ? {
        personId: u.personId,
        personEmail: u.person?.email ?? null,
        personCiHandles: readCiHandles(u.person?.ciHandlesJson),
      }
    : null;
}

/** The request as the API and pages show it: dates as ISO strings, the state at `now`. */
export function approvalView(r: ApprovalRow, now: Date) {
  return {
    id: r.id,
    state: approvalState(r, now),
    signer: { id: r.signerId, name: r.signerName },
    privilegeId: r.privilegeId,
    scope: r.scope,
    environment: r.environment,
    reason: r.reason,
    windowStartsAt: r.windowStartsAt.toISOString(),
    windowEndsAt: r.windowEndsAt.toISOString(),
    triggeredBy: r.triggeredBy,
    requestedBy: r.requestedByLabel,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedByLabel,
    decisionNote: r.decisionNote,
  };
}
export type ApprovalView = ReturnType<typeof approvalView>;
