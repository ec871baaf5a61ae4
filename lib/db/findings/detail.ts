import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { getRuleMeta } from "@/lib/domain/findings";
import { nhiLabel, type NhiId } from "@/lib/domain/nhi";
import { findingRow, findingRowSelect, subjectLabels, type FindingListRow } from "./list";
import { auditHistory, type AuditRow } from "@/lib/db/audit/list";
import { findingScopeWhere, iso, ownerScopeIds, parseJson } from "@/lib/db/inventory/common";

// One finding with its evidence, the rule behind it (standard, how to fix) and its triage history.

export type FindingDetail = FindingListRow & {
  evidence: Record<string, unknown>;
  standard: string | null;
  howToFix: string | null;
  scope: string | null;
  nhiLabels: string[];
  resolvedAt: string | null;
  suppression: { at: string | null; byId: string | null; byLabel: string | null; reason: string | null; until: string | null } | null;
  history: AuditRow[];
};

export async function getFindingDetail(db: DbOrTx, user: ScopeUser, id: string, now: Date): Promise<FindingDetail | null> {
  const f = await db.finding.findFirst({
    where: { AND: [{ id }, findingScopeWhere(await ownerScopeIds(db, user))] },
    select: { ...findingRowSelect, evidenceJson: true, suppressedAt: true, suppressedById: true },
  });
  if (!f) return null;
  const meta = getRuleMeta(f.ruleId);
  const [labels, by, history] = await Promise.all([
    subjectLabels(db, [f]),
    f.suppressedById ? db.user.findUnique({ where: { id: f.suppressedById }, select: { email: true } }) : null,
    auditHistory(db, [{ targetType: "finding", targetId: f.id }]),
  ]);
  const nhis = meta ? ([meta.nhi, ...meta.relatedNhi].filter(Boolean) as NhiId[]) : [];
  return {
    ...findingRow(f, now, labels),
    evidence: parseJson<Record<string, unknown>>(f.evidenceJson, {}),
    standard: meta?.standard ?? null,
    howToFix: meta?.howToFix ?? null,
    scope: meta?.scope ?? null,
    nhiLabels: nhis.map(nhiLabel),
    resolvedAt: iso(f.resolvedAt),
    suppression: f.suppressedAt
      ? { at: iso(f.suppressedAt), byId: f.suppressedById, byLabel: by?.email ?? null, reason: f.suppressionReason, until: iso(f.suppressedUntil) }
      : null,
    history,
  };
}
