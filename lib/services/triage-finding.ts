import { AppError, notFound } from "@/lib/api/errors";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import { findTriageTargets, storeTriage, type TriageTarget } from "@/lib/db/findings/lifecycle";
import { applyTriage, type LifecyclePolicy, type Refusal, type TriageAction } from "@/lib/domain/finding-lifecycle";
import { checkTriageRequest, TRIAGE_AUDIT_ACTIONS, type TriageRequest } from "@/lib/domain/finding-triage";
import { recordAuditBy, type Actor } from "@/lib/services/audit";

// Triage of one finding: acknowledge, accept the risk until a day, mark a false positive, resolve
// by hand, or reopen (lift an acceptance or a mark early). The rules are lib/domain/finding-lifecycle;
// the change, its timeline entry and its audit row are written in one transaction.

export type TriageResult = {
  id: string;
  state: string;
  acceptedUntil: string | null;
  triageReason: string | null;
};

type MoveContext = { actor: Actor; ip?: string | null; now: Date; policy?: LifecyclePolicy };

/** A refused request, as a 422 naming the field (the dialog shows it beside the value entered). */
export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.field ? "validation" : "conflict", refusal.message, {
    issues: refusal.field ? [{ path: refusal.field, message: refusal.message }] : undefined,
  });
}

/** Applies one allowed move to one finding inside `tx`, or returns why it is refused. */
export async function applyTriageMove(
  tx: Tx,
  target: TriageTarget,
  action: TriageAction,
  ctx: MoveContext,
): Promise<{ ok: true; result: TriageResult } | { ok: false; refusal: Refusal }> {
  const moved = applyTriage(target, action, { now: ctx.now, policy: ctx.policy });
  if (!moved.ok) return moved;
  const { next } = moved;
  await storeTriage(tx, target, next, { action: action.type, actor: ctx.actor, at: ctx.now });
  const until = next.until?.toISOString().slice(0, 10);
  await recordAuditBy(tx, ctx, {
    action: TRIAGE_AUDIT_ACTIONS[action.type],
    targetType: "finding",
    targetId: target.id,
    summary: `${target.ruleId}: ${target.state} → ${next.state}${until ? ` until ${until}` : ""}${next.reason ? `: ${next.reason}` : ""}`,
    details: {
      ruleId: target.ruleId,
      message: target.message,
      from: target.state,
      to: next.state,
      reason: next.reason,
      until: next.until?.toISOString() ?? null,
      previousUntil: target.until?.toISOString() ?? null,
    },
    ip: ctx.ip ?? null,
  });
  return {
    ok: true,
    result: {
      id: target.id,
      state: next.state,
      acceptedUntil: next.until?.toISOString() ?? null,
      triageReason: next.reason,
    },
  };
}

export async function triageFinding(
  db: Db,
  input: TriageRequest & { findingId: string; actor: Actor; ip?: string | null },
  options: { now: Date; policy?: LifecyclePolicy },
): Promise<TriageResult> {
  const checked = checkTriageRequest(input, options);
  if (!checked.ok) throw refusalError(checked.refusal);
  return withTransaction(db, async (tx) => {
    const [target] = await findTriageTargets(tx, [input.findingId]);
    if (!target) throw notFound("Finding");
    const moved = await applyTriageMove(tx, target, checked.action, { ...options, actor: input.actor, ip: input.ip });
    if (!moved.ok) throw refusalError(moved.refusal);
    return moved.result;
  });
}
