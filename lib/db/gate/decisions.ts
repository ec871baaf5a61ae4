import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { onDriver } from "@/lib/db/driver";
import {
  isPostgres,
  jsonRowsWrite,
  Prisma,
  sqlDate,
  takeTransactionLock,
  type Columns,
  type WriteStatement,
} from "@/lib/db/sql";
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
 * One decision as a write (its id, and the raw JSON insert of lib/db/sql.ts), for the gate to store
 * with its audit event in one atomic write (writeAtomically, lib/db/driver.ts): the gate is a hot
 * path, and the client's create cost several times the insert itself.
 */
export function gateDecisionWrite(d: GateDecisionWrite): { id: string; write: WriteStatement } {
  const { reasons, ...rest } = d;
  const id = randomUUID();
  const rows = [{ ...rest, id, reasonsJson: JSON.stringify(reasons) }];
  return { id, write: jsonRowsWrite({ table: "GateDecision", columns: DECISION_COLUMNS, rows }) };
}

/**
 * Takes the lock on a signer's denials, held to the commit: whoever raises signer.gate-denied for
 * the signer counts (countDeniedSigns) and raises under it, one at a time.
 */
export async function lockDeniedSigns(tx: Tx, signerId: string): Promise<void> {
  await takeTransactionLock(tx, `gate-denied:${signerId}`);
}

/**
 * Denied `sign` requests of a signer since `since` (the repeat that raises signer.gate-denied), as
 * committed: the gate counts after its decision has committed, so of two concurrent denials the
 * later count sees both and the threshold is never passed unseen.
 */
export async function countDeniedSigns(db: DbOrTx, signerId: string, since: Date): Promise<number> {
  // raw: on the gate's hot path (every denied sign), the client's count cost several times the query
  // SQLite's planner took the (outcome, decidedAt) index, every denied decision of the window, once
  // ANALYZE had seen the table empty; the signer's own decisions are the few to read
  const indexed = isPostgres(db) ? Prisma.empty : Prisma.raw(`INDEXED BY "GateDecision_signerId_decidedAt_idx"`);
  const rows = await onDriver(db).$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM "GateDecision" ${indexed}
    WHERE "signerId" = ${signerId} AND "outcome" = 'deny' AND "action" = 'sign' AND "decidedAt" >= ${sqlDate(db, since)}`;
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
