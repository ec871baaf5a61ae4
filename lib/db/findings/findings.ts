import { randomUUID } from "node:crypto";
import type { Tx, DbOrTx } from "@/lib/db/client";
import type { FindingDraft } from "@/lib/domain/findings/types";
import { severityRank } from "@/lib/domain/severity";
import {
  chunks,
  inJsonList,
  inScope,
  insertJsonRows,
  toDate,
  updateJsonRows,
  type Columns,
  type SubjectScope,
} from "@/lib/db/sql";
import { readSetting, writeSetting } from "@/lib/db/settings/settings";
import { endAcceptances, reopenByEngine, resolveByEngine } from "./lifecycle";
import { queueFindingEvents } from "./webhook-events";

// Stored findings. The engine (lib/domain/findings) decides what is true now; this module keeps
// one row per (ruleId, subjectType, subjectId) with first/last seen, resolves rows whose condition
// cleared and reopens them if it comes back (lib/db/findings/lifecycle.ts keeps the lifecycle state
// and timeline in step). Triage (acknowledged, risk accepted, false positive) is never changed here,
// except that the evidence of a fix resolves the finding and a lapsed acceptance ends.

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
export async function raiseEventFinding(
  tx: DbOrTx,
  finding: FindingWrite,
  options: { now: Date },
): Promise<{ id: string; isNew: boolean }> {
  // raw statements, so a caller on the database driver (lib/db/driver.ts) stays on it: the gate's
  // first repeated denial of a signer ran its whole transaction a second time through the client
  // (~6 ms) for the one create. A new row is inserted as the engine inserts its own (CREATED_COLUMNS;
  // no policy version: an event is not judged by the policy)
  const rows = await tx.$queryRaw<{ id: string; resolvedAt: unknown }[]>`
    SELECT "id", "resolvedAt" FROM "Finding"
    WHERE "ruleId" = ${finding.ruleId} AND "subjectType" = ${finding.subjectType} AND "subjectId" = ${finding.subjectId}`;
  const existing = rows[0] ? { id: rows[0].id, resolvedAt: toDate(rows[0].resolvedAt) } : null;
  if (existing) {
    const row = { id: existing.id, ...finding, lastSeenAt: options.now };
    await updateJsonRows(tx, { table: "Finding", key: "id", columns: EVENT_REPEAT_COLUMNS, rows: [row] });
    if (existing.resolvedAt) await reopenByEngine(tx, [existing.id], options.now);
    return { id: existing.id, isNew: false };
  }
  const id = newFindingId();
  const created = { ...finding, id, firstSeenAt: options.now, lastSeenAt: options.now, policyVersion: null };
  await insertJsonRows(tx, { table: "Finding", columns: CREATED_COLUMNS, rows: [created] });
  await queueFindingEvents(tx, [{ findingId: id, type: "finding.opened", at: options.now, cause: "created" }]);
  return { id, isNew: true };
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
  /** risk-accepted: the end of the acceptance */
  acceptedUntil: Date | null;
  /** the policy version it was last judged by */
  policyVersion: number | null;
};

/** ids per lastSeenAt statement (one JSON parameter) */
const TOUCH_IDS = 5_000;

function partition<T>(items: T[], isFirst: (item: T) => boolean): [T[], T[]] {
  const first: T[] = [];
  const rest: T[] = [];
  for (const item of items) (isFirst(item) ? first : rest).push(item);
  return [first, rest];
}

/** Ids for rows inserted in bulk (Prisma's cuid() default applies only to its own inserts). */
function newFindingId(): string {
  return `f${randomUUID().replaceAll("-", "")}`;
}

/** Every stored finding (open or resolved) of these subjects (ids, or one page's id range). */
export async function loadStoredFindings(
  db: DbOrTx,
  subjectType: string,
  scope: SubjectScope,
): Promise<StoredFinding[]> {
  const rows = await db.$queryRaw<
    (Omit<StoredFinding, "resolvedAt" | "acceptedUntil"> & { resolvedAt: unknown; acceptedUntil: unknown })[]
  >`
    SELECT "id", "ruleId", "subjectType", "subjectId", "severity", "message", "evidenceJson", "threshold",
      "certificateId", "keyId", "signerId", "resolvedAt", "acceptedUntil", "policyVersion"
    FROM "Finding" WHERE "subjectType" = ${subjectType} AND ${inScope('"subjectId"', scope)}`;
  return rows.map((r) => ({ ...r, resolvedAt: toDate(r.resolvedAt), acceptedUntil: toDate(r.acceptedUntil) }));
}

export type FindingChanges = {
  create: FindingWrite[];
  /** still present and unchanged: only lastSeenAt (and the policy version judged by) moves */
  touchIds: string[];
  /**
   * A whole-inventory run's unchanged findings last judged by another policy version: only the
   * version moves (their last sighting is the run's, lastSeenAt in lib/domain/findings/reconcile.ts)
   */
  rejudgeIds: string[];
  /** still present with new facts, or reopened, or whose risk acceptance has ended */
  update: {
    id: string;
    stored: StoredFinding;
    data: FindingWrite;
    isReopened: boolean;
    isAcceptanceExpired: boolean;
  }[];
  resolveIds: string[];
};

/**
 * What moves day by day (an expiring certificate's "expires in 12 days"): no index holds these
 * columns but lastSeenAt, so a row whose severity and links stay is written without touching the
 * other indexes. SQLite rewrites the entry of every index that holds a column an UPDATE sets,
 * whether its value changed or not: at 250,000 certificates setting every column wrote three
 * times the pages (and took three times the CPU) for the same rows.
 */
const FACT_COLUMNS = {
  message: "text",
  evidenceJson: "text",
  threshold: "text",
  lastSeenAt: "timestamp",
  policyVersion: "int",
} as const satisfies Columns;

const WRITTEN_COLUMNS = {
  severity: "text",
  severityRank: "int",
  certificateId: "text",
  keyId: "text",
  signerId: "text",
  ...FACT_COLUMNS,
} as const satisfies Columns;

/**
 * A repeat of an event finding (raiseEventFinding): what the engine writes, less the policy version
 * (an event is not judged by the policy). The key (rule, subject) is the one the row was found by, so
 * it is not set again: each of its columns sits in an index SQLite would rewrite.
 */
const { policyVersion: _policyVersion, ...EVENT_REPEAT_COLUMNS } = WRITTEN_COLUMNS;

/** Severity and links are indexed (lists, filters, owner scopes): rewritten only when they change. */
function isIndexedChange(stored: StoredFinding, w: FindingWrite): boolean {
  return (
    stored.severity !== w.severity ||
    stored.certificateId !== w.certificateId ||
    stored.keyId !== w.keyId ||
    stored.signerId !== w.signerId
  );
}

const CREATED_COLUMNS = {
  ...WRITTEN_COLUMNS,
  id: "text",
  ruleId: "text",
  subjectType: "text",
  subjectId: "text",
  firstSeenAt: "timestamp",
} as const satisfies Columns;

/**
 * Applies one batch of reconcile results inside the batch's transaction. New and changed rows
 * (messages and evidence move every day for expiring certificates) and the lastSeenAt of the
 * unchanged ones are written with a few statements whose rows or ids travel as one JSON parameter:
 * a whole-inventory run touches every stored finding, and Prisma's client costs ~14 µs per bound
 * parameter.
 */
export async function applyFindingChanges(
  tx: Tx,
  changes: FindingChanges,
  options: { now: Date; policyVersion?: number | null },
) {
  const { now } = options;
  const policyVersion = options.policyVersion ?? null;
  const seen = { firstSeenAt: now, lastSeenAt: now, policyVersion };
  const created = changes.create.map((f) => ({ ...f, ...seen, id: newFindingId() }));
  await insertJsonRows(tx, { table: "Finding", columns: CREATED_COLUMNS, rows: created });
  await queueFindingEvents(
    tx,
    created.map((f) => ({ findingId: f.id, type: "finding.opened", at: now, cause: "created" })),
  );
  const [relinked, factsOnly] = partition(changes.update, (u) => isIndexedChange(u.stored, u.data));
  await updateJsonRows(tx, {
    table: "Finding",
    key: "id",
    columns: WRITTEN_COLUMNS,
    rows: relinked.map((u) => ({ ...u.data, ...seen, id: u.id })),
  });
  await updateJsonRows(tx, {
    table: "Finding",
    key: "id",
    columns: FACT_COLUMNS,
    rows: factsOnly.map((u) => ({ ...u.data, ...seen, id: u.id })),
  });
  for (const part of chunks(changes.touchIds, TOUCH_IDS)) {
    await tx.$executeRaw`UPDATE "Finding" SET "lastSeenAt" = ${now}, "policyVersion" = ${policyVersion} WHERE ${inJsonList(tx, '"id"', part)}`;
  }
  // the policy version is in no index: this rewrites the rows only
  for (const part of chunks(changes.rejudgeIds, TOUCH_IDS)) {
    await tx.$executeRaw`UPDATE "Finding" SET "policyVersion" = ${policyVersion} WHERE ${inJsonList(tx, '"id"', part)}`;
  }
  await reopenByEngine(
    tx,
    changes.update.filter((u) => u.isReopened).map((u) => u.id),
    now,
  );
  await endAcceptances(
    tx,
    changes.update.filter((u) => u.isAcceptanceExpired).map((u) => u.id),
    now,
  );
  // by id only: with "AND resolvedAt IS NULL" SQLite picks the (resolvedAt, severityRank) index
  // and walks every open finding for each statement (~100 ms each at 60,000 findings); reconcile
  // only lists open findings here anyway
  await resolveByEngine(tx, changes.resolveIds, now);
}

/** Setting: the instant (`now`) of the last completed whole-inventory run. */
const LAST_SWEEP_AT_KEY = "findings.lastSweepAt";

/** When the last completed whole-inventory run judged (lastSeenAt in lib/domain/findings/reconcile.ts). */
export async function readLastSweepAt(db: DbOrTx): Promise<Date | null> {
  const at = await readSetting<string>(db, LAST_SWEEP_AT_KEY);
  return at === null ? null : new Date(at);
}

/** Records a completed whole-inventory run (every stored finding of the engine's rules was reconciled). */
export async function recordSweep(db: DbOrTx, now: Date): Promise<void> {
  await writeSetting(db, LAST_SWEEP_AT_KEY, now.toISOString());
}
