import type { DbOrTx, Tx } from "@/lib/db/client";
import { ownerScopeIds, parseJson, readCappedPage, type Page } from "@/lib/db/inventory/common";
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

export async function insertGateDecision(tx: Tx, d: GateDecisionWrite): Promise<string> {
  const { reasons, ...rest } = d;
  const row = await tx.gateDecision.create({
    data: { ...rest, reasonsJson: JSON.stringify(reasons) },
    select: { id: true },
  });
  return row.id;
}

/** Denied `sign` requests of a signer since `since` (the repeat that raises signer.gate-denied). */
export async function countDeniedSigns(db: DbOrTx, signerId: string, since: Date): Promise<number> {
  return db.gateDecision.count({ where: { signerId, outcome: "deny", action: "sign", decidedAt: { gte: since } } });
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
  const owned = await ownerScopeIds(db, user);
  const and: object[] = [];
  if (owned) and.push({ signerId: { in: owned.signerIds } });
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
