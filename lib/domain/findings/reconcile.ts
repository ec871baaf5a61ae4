// Turns a fresh evaluation into database changes: new findings, findings still present (bump
// lastSeenAt, reopen if they had been resolved) and findings gone (auto-resolve). Pure, so the
// repository only applies the result inside its transaction.
//
// `existing` must hold the stored findings of exactly the subjects that were evaluated (all of
// them for a full sweep, one certificate's for a single re-check); anything in it without a
// matching draft is resolved. Findings of event-raised rules (key.private-key-submitted) are
// never auto-resolved: no evaluation produces them.
import { getRuleMeta } from "@/lib/domain/findings/registry";
import { severityRank } from "@/lib/domain/severity";
import type { FindingDraft, SubjectType } from "@/lib/domain/findings/types";

export type ExistingFinding = {
  ruleId: string;
  subjectType: SubjectType | string;
  subjectId: string;
  resolvedAt: Date | null;
  acceptedUntil: Date | null;
};

export type FindingUpdate<E> = {
  existing: E;
  /** the current facts: severity, message, evidence and threshold may all have changed */
  draft: FindingDraft;
  lastSeenAt: Date;
  /** it had been resolved and is back: clear resolvedAt */
  isReopened: boolean;
  /** a risk acceptance whose end date has passed: it ends (lib/domain/finding-lifecycle effectiveState) */
  isAcceptanceExpired: boolean;
  /** a risk acceptance still in force: update the facts, keep it out of alerts and open counts */
  isAccepted: boolean;
};

export type ReconcileResult<E> = {
  /** new findings: firstSeenAt = lastSeenAt = now */
  toCreate: FindingDraft[];
  toUpdate: FindingUpdate<E>[];
  toResolve: { existing: E; resolvedAt: Date }[];
};

export function findingKey(f: { ruleId: string; subjectType: string; subjectId: string }): string {
  return `${f.ruleId}\u0000${f.subjectType}\u0000${f.subjectId}`;
}

export function reconcileFindings<E extends ExistingFinding>(
  existing: readonly E[],
  drafts: readonly FindingDraft[],
  now: Date,
): ReconcileResult<E> {
  // (ruleId, subjectType, subjectId) is unique in the table: keep the most severe duplicate
  const byKey = new Map<string, FindingDraft>();
  for (const d of drafts) {
    const key = findingKey(d);
    const prev = byKey.get(key);
    if (!prev || severityRank(d.severity) > severityRank(prev.severity)) byKey.set(key, d);
  }
  const existingByKey = new Map(existing.map((e) => [findingKey(e), e]));

  const result: ReconcileResult<E> = { toCreate: [], toUpdate: [], toResolve: [] };
  for (const [key, d] of byKey) {
    const e = existingByKey.get(key);
    if (!e) {
      result.toCreate.push(d);
      continue;
    }
    const acceptedUntil = e.acceptedUntil?.getTime();
    result.toUpdate.push({
      existing: e,
      draft: d,
      lastSeenAt: now,
      isReopened: e.resolvedAt !== null,
      isAcceptanceExpired: acceptedUntil !== undefined && acceptedUntil < now.getTime(),
      isAccepted: acceptedUntil !== undefined && acceptedUntil >= now.getTime(),
    });
  }
  for (const [key, e] of existingByKey) {
    if (byKey.has(key) || e.resolvedAt !== null) continue;
    if (getRuleMeta(e.ruleId)?.raisedBy === "event") continue;
    result.toResolve.push({ existing: e, resolvedAt: now });
  }
  return result;
}

/**
 * When the engine last saw a finding. A whole-inventory run (the daily sweep) reconciles every
 * stored finding of the engine's rules: each one still open after it was found again by it, so it
 * does not write the lastSeenAt of the hundreds of thousands it finds unchanged (at 250,000
 * certificates that write was a fifth of the sweep). A finding's last sighting is therefore the
 * later of its stored lastSeenAt (written when it was raised, changed, reopened, or re-evaluated on
 * its own) and the start of the last completed sweep, for an open finding of an engine rule; an
 * event finding or a resolved one keeps its stored instant.
 */
export function lastSeenAt(
  f: { ruleId: string; resolvedAt: Date | null; lastSeenAt: Date },
  lastSweepAt: Date | null,
): Date {
  if (lastSweepAt === null || f.resolvedAt !== null || f.lastSeenAt >= lastSweepAt) return f.lastSeenAt;
  return getRuleMeta(f.ruleId)?.raisedBy === "event" ? f.lastSeenAt : lastSweepAt;
}
