import type { Db, Tx } from "./client";
import type { FindingDraft } from "@/lib/domain/findings/types";
import { severityRank } from "@/lib/domain/severity";

// Stored findings. The engine (lib/domain/findings) decides what is true now; this module keeps
// one row per (ruleId, subjectType, subjectId) with first/last seen, resolves rows whose condition
// cleared and reopens them if it comes back. Suppression columns belong to triage and are never
// touched here.

export type FindingWrite = {
  ruleId: string;
  severity: string;
  severityRank: number;
  subjectType: string;
  subjectId: string;
  certificateId: string | null;
  keyId: string | null;
  signerId: string | null;
  message: string;
  evidenceJson: string;
  threshold: string | null;
};

export function toFindingWrite(d: FindingDraft): FindingWrite {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    severityRank: severityRank(d.severity),
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    certificateId: d.certificateId ?? null,
    keyId: d.keyId ?? null,
    signerId: d.signerId ?? null,
    message: d.message,
    evidenceJson: JSON.stringify(d.evidence),
    threshold: d.threshold,
  };
}

/**
 * Records a finding raised by an event (not by the engine), e.g. a refused private key: a repeat
 * bumps lastSeenAt and reopens the row if it had been resolved.
 */
export async function raiseEventFinding(tx: Tx | Db, finding: FindingWrite, options: { now: Date }): Promise<{ id: string; isNew: boolean }> {
  const key = { ruleId: finding.ruleId, subjectType: finding.subjectType, subjectId: finding.subjectId };
  const existing = await tx.finding.findUnique({ where: { ruleId_subjectType_subjectId: key }, select: { id: true } });
  if (existing) {
    await tx.finding.update({
      where: { id: existing.id },
      data: { ...finding, lastSeenAt: options.now, resolvedAt: null },
    });
    return { id: existing.id, isNew: false };
  }
  const row = await tx.finding.create({
    data: { ...finding, firstSeenAt: options.now, lastSeenAt: options.now },
    select: { id: true },
  });
  return { id: row.id, isNew: true };
}

// ---------------------------------------------------------------- reconcile with the engine

export type StoredFinding = {
  id: string;
  ruleId: string;
  subjectType: string;
  subjectId: string;
  severity: string;
  message: string;
  evidenceJson: string;
  threshold: string | null;
  certificateId: string | null;
  keyId: string | null;
  signerId: string | null;
  resolvedAt: Date | null;
  suppressedUntil: Date | null;
};

const storedSelect = {
  id: true, ruleId: true, subjectType: true, subjectId: true, severity: true, message: true,
  evidenceJson: true, threshold: true, certificateId: true, keyId: true, signerId: true,
  resolvedAt: true, suppressedUntil: true,
} as const;

const CHUNK = 1_000;

/** Every stored finding (open or resolved) of these subjects. */
export async function loadStoredFindings(db: Db | Tx, subjectType: string, subjectIds: string[]): Promise<StoredFinding[]> {
  const out: StoredFinding[] = [];
  for (let i = 0; i < subjectIds.length; i += CHUNK) {
    out.push(...(await db.finding.findMany({ where: { subjectType, subjectId: { in: subjectIds.slice(i, i + CHUNK) } }, select: storedSelect })));
  }
  return out;
}

export type FindingChanges = {
  create: FindingWrite[];
  /** still present and unchanged: only lastSeenAt moves */
  touchIds: string[];
  /** still present with new facts, or reopened, or whose suppression has expired */
  update: { id: string; data: FindingWrite; isReopened: boolean; isSuppressionExpired: boolean }[];
  resolveIds: string[];
};

/** Applies one batch of reconcile results; run inside the batch's transaction. */
export async function applyFindingChanges(tx: Tx, changes: FindingChanges, options: { now: Date }) {
  const { now } = options;
  for (let i = 0; i < changes.create.length; i += CHUNK / 2) {
    await tx.finding.createMany({
      data: changes.create.slice(i, i + CHUNK / 2).map((f) => ({ ...f, firstSeenAt: now, lastSeenAt: now })),
    });
  }
  for (let i = 0; i < changes.touchIds.length; i += CHUNK) {
    await tx.finding.updateMany({ where: { id: { in: changes.touchIds.slice(i, i + CHUNK) } }, data: { lastSeenAt: now } });
  }
  for (const u of changes.update) {
    await tx.finding.update({
      where: { id: u.id },
      data: {
        ...u.data,
        lastSeenAt: now,
        ...(u.isReopened ? { resolvedAt: null } : {}),
        ...(u.isSuppressionExpired ? { suppressedAt: null, suppressedById: null, suppressionReason: null, suppressedUntil: null } : {}),
      },
    });
  }
  for (let i = 0; i < changes.resolveIds.length; i += CHUNK) {
    await tx.finding.updateMany({ where: { id: { in: changes.resolveIds.slice(i, i + CHUNK) }, resolvedAt: null }, data: { resolvedAt: now } });
  }
}

/**
 * After a whole-inventory run: resolves open findings of engine rules that this run did not see
 * (their subject was deleted). Every finding the run saw has lastSeenAt = now.
 */
export async function resolveUnseenFindings(db: Db, options: { now: Date; ruleIds: string[] }): Promise<number> {
  const result = await db.finding.updateMany({
    where: { resolvedAt: null, ruleId: { in: options.ruleIds }, lastSeenAt: { not: options.now } },
    data: { resolvedAt: options.now },
  });
  return result.count;
}
