import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { getRuleMeta } from "@/lib/domain/findings";
import { nhiLabel, type NhiId } from "@/lib/domain/nhi";
import { findingClock, findingRow, findingRowSelect, subjectLabels, type FindingListRow } from "./list";
import { findingTimeline, type TimelineEntry } from "./lifecycle";
import { isFindingVisible, iso, parseJson } from "@/lib/db/inventory/common";

// One finding with its evidence, the rule behind it (standard, how to fix) and its timeline: every
// move of its lifecycle (a person's triage, the engine resolving or reopening it, an acceptance ending).

export type FindingDetail = FindingListRow & {
  evidence: Record<string, unknown>;
  standard: string | null;
  howToFix: string | null;
  scope: string | null;
  nhiLabels: string[];
  resolvedAt: string | null;
  timeline: TimelineEntry[];
};

export async function getFindingDetail(
  db: DbOrTx,
  user: ScopeUser,
  id: string,
  now: Date,
): Promise<FindingDetail | null> {
  if (!(await isFindingVisible(db, user, id))) return null;
  const f = await db.finding.findUnique({ where: { id }, select: { ...findingRowSelect, evidenceJson: true } });
  if (!f) return null;
  const meta = getRuleMeta(f.ruleId);
  const [labels, timeline, clock] = await Promise.all([
    subjectLabels(db, [f]),
    findingTimeline(db, f.id),
    findingClock(db, now),
  ]);
  const nhis = meta ? ([meta.nhi, ...meta.relatedNhi].filter(Boolean) as NhiId[]) : [];
  return {
    ...findingRow(f, clock, labels),
    evidence: parseJson<Record<string, unknown>>(f.evidenceJson, {}),
    standard: meta?.standard ?? null,
    howToFix: meta?.howToFix ?? null,
    scope: meta?.scope ?? null,
    nhiLabels: nhis.map(nhiLabel),
    resolvedAt: iso(f.resolvedAt),
    timeline,
  };
}
