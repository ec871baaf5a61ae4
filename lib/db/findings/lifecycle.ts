import type { DbOrTx, Tx } from "@/lib/db/client";
import { actorUserId, type Actor } from "@/lib/domain/actor";
import type { FindingLifecycle, FindingLifecycleState } from "@/lib/domain/finding-lifecycle";
import { chunks, type Prisma } from "@/lib/db/sql";
import { queueFindingEvents, type FindingMove } from "./webhook-events";

// The stored lifecycle of findings (lib/domain/finding-lifecycle.ts decides the moves): a person's
// triage, the engine resolving and reopening, and risk acceptances ending on their own. Every move
// appends a FindingTransition row, the finding's timeline.

/** acknowledge | accept-risk | mark-false-positive | resolve | reopen (a person), or the engine's and the clock's */
export type TransitionAction =
  | "acknowledge"
  | "accept-risk"
  | "mark-false-positive"
  | "resolve"
  | "reopen"
  | "engine-resolve"
  | "engine-reopen"
  | "acceptance-ended";

export type TransitionWrite = {
  findingId: string;
  action: TransitionAction;
  fromState: string;
  toState: FindingLifecycleState;
  reason?: string | null;
  until?: Date | null;
  actor: Actor | { type: "engine"; label: string };
  at: Date;
};

export const ENGINE_ACTOR = { type: "engine", label: "findings engine" } as const;

/** The webhook event a lifecycle move is, if any. */
function eventOf(t: TransitionWrite): FindingMove["type"] | null {
  if (t.action === "accept-risk") return "finding.accepted";
  if (t.toState === "resolved") return "finding.resolved";
  if (t.action === "reopen" || t.action === "engine-reopen") return "finding.opened";
  return null;
}

export async function insertTransitions(tx: DbOrTx, rows: TransitionWrite[]): Promise<void> {
  await queueFindingEvents(
    tx,
    rows.flatMap((t) => {
      const type = eventOf(t);
      return type ? [{ findingId: t.findingId, type, at: t.at, cause: t.action }] : [];
    }),
  );
  for (const part of chunks(rows, 200)) {
    await tx.findingTransition.createMany({
      data: part.map((t) => ({
        findingId: t.findingId,
        action: t.action,
        fromState: t.fromState,
        toState: t.toState,
        reason: t.reason ?? null,
        until: t.until ?? null,
        actorType: t.actor.type,
        actorId: "id" in t.actor ? t.actor.id : null,
        actorLabel: t.actor.label,
        at: t.at,
      })),
    });
  }
}

/** The current state of these findings, for the transitions the engine is about to write. */
async function statesOf(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(ids, 500)) {
    const rows = await tx.finding.findMany({ where: { id: { in: part } }, select: { id: true, state: true } });
    for (const r of rows) out.set(r.id, r.state);
  }
  return out;
}

/**
 * Moves many findings at once (the engine, the clock): one UPDATE per chunk of ids, then one
 * timeline entry per finding, from the state each was in.
 */
async function moveMany(
  tx: DbOrTx,
  ids: string[],
  move: {
    data: Prisma.FindingUpdateManyMutationInput;
    action: TransitionAction;
    toState: FindingLifecycleState;
    fromState: (id: string) => string;
    actor: TransitionWrite["actor"];
    now: Date;
  },
): Promise<void> {
  for (const part of chunks(ids, 500)) await tx.finding.updateMany({ where: { id: { in: part } }, data: move.data });
  await insertTransitions(
    tx,
    ids.map((id) => ({
      findingId: id,
      action: move.action,
      fromState: move.fromState(id),
      toState: move.toState,
      actor: move.actor,
      at: move.now,
    })),
  );
}

/**
 * The engine saw the fix: resolve these findings whatever their triage state (an acceptance or a
 * false-positive mark ends with the condition), with a timeline entry each.
 */
export async function resolveByEngine(tx: DbOrTx, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const states = await statesOf(tx, ids);
  await moveMany(tx, ids, {
    data: { resolvedAt: now, state: "resolved", resolvedBy: "engine", acceptedUntil: null },
    action: "engine-resolve",
    toState: "resolved",
    fromState: (id) => states.get(id) ?? "open",
    actor: ENGINE_ACTOR,
    now,
  });
}

/** The condition is back: reopen these resolved findings (by the engine or by hand). */
export async function reopenByEngine(tx: DbOrTx, ids: string[], now: Date): Promise<void> {
  await moveMany(tx, ids, {
    data: { resolvedAt: null, state: "open", resolvedBy: null, triageReason: null, acceptedUntil: null },
    action: "engine-reopen",
    toState: "open",
    fromState: () => "resolved",
    actor: ENGINE_ACTOR,
    now,
  });
}

/** Risk acceptances whose end date has passed become open findings again. */
export async function endAcceptances(tx: DbOrTx, ids: string[], now: Date): Promise<void> {
  await moveMany(tx, ids, {
    data: { state: "open", acceptedUntil: null, triageReason: null },
    action: "acceptance-ended",
    toState: "open",
    fromState: () => "risk-accepted",
    actor: { type: "system", label: "system" },
    now,
  });
}

/** Ids of the risk acceptances that ended before `now` (their findings count as open already). */
export async function lapsedAcceptanceIds(db: DbOrTx, now: Date, limit = 5_000): Promise<string[]> {
  const rows = await db.finding.findMany({
    where: { state: "risk-accepted", acceptedUntil: { lt: now } },
    select: { id: true },
    take: limit,
  });
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- a person's triage

export type TriageTarget = FindingLifecycle & {
  id: string;
  ruleId: string;
  message: string;
  severity: string;
  certificateId: string | null;
  signerId: string | null;
  keyId: string | null;
};

const lifecycleSelect = {
  id: true,
  ruleId: true,
  message: true,
  severity: true,
  certificateId: true,
  signerId: true,
  keyId: true,
  state: true,
  acceptedUntil: true,
  triageReason: true,
  resolvedBy: true,
} satisfies Prisma.FindingSelect;

function toTarget(r: Prisma.FindingGetPayload<{ select: typeof lifecycleSelect }>): TriageTarget {
  return {
    id: r.id,
    ruleId: r.ruleId,
    message: r.message,
    severity: r.severity,
    certificateId: r.certificateId,
    signerId: r.signerId,
    keyId: r.keyId,
    state: r.state as FindingLifecycleState,
    until: r.acceptedUntil,
    reason: r.triageReason,
    resolvedBy: r.resolvedBy as FindingLifecycle["resolvedBy"],
  };
}

/** The findings to triage, with what the lifecycle rules need (missing ids are left out). */
export async function findTriageTargets(db: DbOrTx, ids: string[]): Promise<TriageTarget[]> {
  const rows = await db.finding.findMany({ where: { id: { in: ids } }, select: lifecycleSelect });
  return rows.map(toTarget);
}

/** Stores a person's triage move (the rules in lib/domain allowed it) and its timeline entry. */
export async function storeTriage(
  tx: Tx,
  target: TriageTarget,
  next: FindingLifecycle,
  move: { action: TransitionAction; actor: Actor; at: Date },
): Promise<void> {
  const isResolved = next.state === "resolved";
  await tx.finding.update({
    where: { id: target.id },
    data: {
      state: next.state,
      triageReason: next.reason,
      acceptedUntil: next.until,
      resolvedBy: next.resolvedBy,
      // a hand-resolved finding leaves the open lists like an engine-resolved one
      resolvedAt: isResolved ? move.at : null,
      triagedAt: move.at,
      triagedById: actorUserId(move.actor),
    },
  });
  await insertTransitions(tx, [
    {
      findingId: target.id,
      action: move.action,
      fromState: target.state,
      toState: next.state,
      reason: next.reason,
      until: next.until,
      actor: move.actor,
      at: move.at,
    },
  ]);
}

// ---------------------------------------------------------------- timeline

export type TimelineEntry = {
  id: string;
  action: string;
  fromState: string;
  toState: string;
  reason: string | null;
  until: string | null;
  actorType: string;
  actorLabel: string | null;
  at: string;
};

/** Every move of one finding, newest first. */
export async function findingTimeline(db: DbOrTx, findingId: string): Promise<TimelineEntry[]> {
  const rows = await db.findingTransition.findMany({
    where: { findingId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromState: r.fromState,
    toState: r.toState,
    reason: r.reason,
    until: r.until?.toISOString() ?? null,
    actorType: r.actorType,
    actorLabel: r.actorLabel,
    at: r.at.toISOString(),
  }));
}
