import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { insertJsonRows, isPostgres, Prisma, sqlDate, takeTransactionLock, type Columns } from "@/lib/db/sql";
import { ownerSignerIds, parseJson, readCappedPage, type Page } from "@/lib/db/inventory/common";
import type { ScopeUser } from "@/lib/db/scope";
import type { GateReason } from "@/lib/domain/gate/decide";
import type { GateDecisionFilters } from "@/lib/domain/inventory-filters";

// Stored answers of the release gate: written once by the decide-gate service, read by the
// decisions list, the signer page and GET /api/v1/gate/decisions.

export type GateDecisionWrite = {
  decidedAt: Date;
  outcome: string;
  action: string;
  environment: string;
  subjectLabel: string;
  signerId: string | null;
  certificateId: string | null;
  artifactDigest: string | null;
  artifactType: string | null;
  triggeredBy: string | null;
  reasons: GateReason[];
  signingTimeSource: string;
  signingTimeAt: Date;
  policyVersion: number;
  tokenId: string | null;
};

const DECISION_COLUMNS = {
  id: "text",
  decidedAt: "timestamp",
  outcome: "text",
  action: "text",
  environment: "text",
  subjectLabel: "text",
  signerId: "text",
  certificateId: "text",
  artifactDigest: "text",
  artifactType: "text",
  triggeredBy: "text",
  reasonsJson: "text",
  signingTimeSource: "text",
  signingTimeAt: "timestamp",
  policyVersion: "int",
  tokenId: "text",
} as const satisfies Columns;

/**
 * Stores one decision; answers its id. A raw JSON insert (lib/db/sql.ts), not the client's create:
 * the gate is a hot path and the create cost several times the insert itself.
 */
export async function insertGateDecision(tx: Tx, d: GateDecisionWrite): Promise<string> {
  const { reasons, ...rest } = d;
  const id = randomUUID();
  await insertJsonRows(tx, {
    table: "GateDecision",
    columns: DECISION_COLUMNS,
    rows: [{ ...rest, id, reasonsJson: JSON.stringify(reasons) }],
  });
  return id;
}

/**
 * Denied `sign` requests of a signer since `since` (the repeat that raises signer.gate-denied), in
 * a transaction that then raises or updates the finding: concurrent denials of one signer count and
 * raise it one at a time (a lock on the signer's denials, held to the commit).
 */
export async function countDeniedSigns(tx: Tx, signerId: string, since: Date): Promise<number> {
  await takeTransactionLock(tx, `gate-denied:${signerId}`);
  // raw: on the gate's hot path (every denied sign), the client's count cost several times the query
  // SQLite's planner took the (outcome, decidedAt) index, every denied decision of the window, once
  // ANALYZE had seen the table empty; the signer's own decisions are the few to read
  const indexed = isPostgres(tx) ? Prisma.empty : Prisma.raw(`INDEXED BY "GateDecision_signerId_decidedAt_idx"`);
  const rows = await tx.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM "GateDecision" ${indexed}
    WHERE "signerId" = ${signerId} AND "outcome" = 'deny' AND "action" = 'sign' AND "decidedAt" >= ${sqlDate(tx, since)}`;
  return Number(rows[0]?.n ?? 0);
}

export type GateDecisionRow = Omit<GateDecisionWrite, "tokenId"> & { id: string; signerName: string | null };

const select = {
  id: true,
  decidedAt: true,
  outcome: true,
  action: true,
  environment: true,
  subjectLabel: true,
  signerId: true,
  certificateId: true,
  artifactDigest: true,
  artifactType: true,
  triggeredBy: true,
  reasonsJson: true,
  signingTimeSource: true,
  signingTimeAt: true,
  policyVersion: true,
} as const;

export const gateDecisionOrderBy = [{ decidedAt: "desc" as const }, { id: "desc" as const }];
export const gateDecisionSelect = select;

/** The list's filters as a where clause; owners see decisions about the signers they own. */
export async function gateDecisionWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: Omit<GateDecisionFilters, "page" | "pageSize">,
) {
  const owned = await ownerSignerIds(db, user);
  const and: object[] = [];
  if (owned) and.push({ signerId: { in: owned } });
  if (f.signer) and.push({ signerId: f.signer });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.action) and.push({ action: f.action });
  if (f.environment) and.push({ environment: f.environment });
  return { AND: and };
}

type SelectedRow = { signerId: string | null; reasonsJson: string } & Omit<GateDecisionRow, "reasons" | "signerName">;

/** Rows with their reasons parsed and the signer's current name. */
export async function toGateDecisionRows(db: DbOrTx, rows: SelectedRow[]): Promise<GateDecisionRow[]> {
  const ids = [...new Set(rows.map((r) => r.signerId).filter((id): id is string => id !== null))];
  const names = new Map(
    (await db.signer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [
      s.id,
      s.name,
    ]),
  );
  return rows.map(({ reasonsJson, ...r }) => ({
    ...r,
    reasons: parseJson<GateReason[]>(reasonsJson, []),
    signerName: r.signerId ? (names.get(r.signerId) ?? null) : null,
  }));
}

/** Newest first; owners see decisions about the signers they own. */
export async function listGateDecisions(
  db: DbOrTx,
  user: ScopeUser,
  f: GateDecisionFilters,
): Promise<Page<GateDecisionRow>> {
  const where = await gateDecisionWhere(db, user, f);
  const page = await readCappedPage(f, {
    rows: (window) => db.gateDecision.findMany({ where, orderBy: gateDecisionOrderBy, ...window, select }),
    count: (cap) => db.gateDecision.count({ where, ...cap }),
  });
  return { ...page, rows: await toGateDecisionRows(db, page.rows) };
}
