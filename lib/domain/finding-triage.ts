// What a person asks of a finding's lifecycle (the triage dialog, the bulk bar, the API), checked
// before it meets a finding: the action, its reason and, for a risk acceptance, the last day it
// holds. Refusals name the field, so the dialog can show them beside the value entered.
import { z } from "./zod";
import {
  applyTriage,
  DEFAULT_LIFECYCLE_POLICY,
  type FindingLifecycle,
  type LifecyclePolicy,
  type Refusal,
  type TriageAction,
} from "./finding-lifecycle";

export const TRIAGE_ACTIONS = ["acknowledge", "accept-risk", "mark-false-positive", "resolve", "reopen"] as const;
export type TriageActionType = (typeof TRIAGE_ACTIONS)[number];

export const triageRequestSchema = z.object({
  action: z.enum(TRIAGE_ACTIONS),
  /** the rules judge the length (lib/domain/finding-lifecycle): this only bounds the body */
  reason: z.string().max(5_000).optional(),
  /** accept-risk: the last day (UTC) the acceptance holds, YYYY-MM-DD */
  until: z.string().max(40).optional(),
});
export type TriageRequest = z.infer<typeof triageRequestSchema>;

/** At most this many findings in one bulk move (one transaction, one audit row each). */
export const MAX_BULK_TRIAGE = 500;

export const bulkTriageRequestSchema = triageRequestSchema.extend({
  ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one finding").max(MAX_BULK_TRIAGE),
});
export type BulkTriageRequest = z.infer<typeof bulkTriageRequestSchema>;

export const TRIAGE_ACTION_LABELS: Record<TriageActionType, string> = {
  acknowledge: "Acknowledge",
  "accept-risk": "Accept the risk",
  "mark-false-positive": "Mark as false positive",
  resolve: "Resolve by hand",
  reopen: "Reopen",
};

/** The audit action of each move. */
export const TRIAGE_AUDIT_ACTIONS: Record<TriageActionType, string> = {
  acknowledge: "finding.acknowledged",
  "accept-risk": "finding.risk-accepted",
  "mark-false-positive": "finding.false-positive",
  resolve: "finding.resolved",
  reopen: "finding.reopened",
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The end of a day (UTC): an acceptance "until 2026-12-31" holds through that day. */
export function endOfDay(day: string): Date | null {
  if (!ISO_DAY.test(day)) return null;
  const at = new Date(`${day}T23:59:59.999Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day ? null : at;
}

/** The action a request asks for, or why it cannot be one (an end date that is no date). */
export function triageActionOf(
  request: TriageRequest,
): { ok: true; action: TriageAction } | { ok: false; refusal: Refusal } {
  const reason = request.reason ?? "";
  switch (request.action) {
    case "acknowledge":
    case "reopen":
      return { ok: true, action: { type: request.action } };
    case "mark-false-positive":
    case "resolve":
      return { ok: true, action: { type: request.action, reason } };
    case "accept-risk": {
      const until = endOfDay(request.until ?? "");
      if (!until)
        return {
          ok: false,
          refusal: { field: "until", message: "Choose the last day of the acceptance (a date like 2026-12-31)" },
        };
      return { ok: true, action: { type: "accept-risk", reason, until } };
    }
  }
}

/** A finding in a state from which the action is allowed: to check a request's fields alone. */
const NOMINAL: Record<TriageActionType, FindingLifecycle> = {
  acknowledge: { state: "open", until: null, reason: null, resolvedBy: null },
  "accept-risk": { state: "open", until: null, reason: null, resolvedBy: null },
  "mark-false-positive": { state: "open", until: null, reason: null, resolvedBy: null },
  resolve: { state: "open", until: null, reason: null, resolvedBy: null },
  reopen: { state: "acknowledged", until: null, reason: null, resolvedBy: null },
};

/**
 * What is wrong with the request whatever the finding's state (a short reason, an end date in
 * the past or beyond the policy maximum), or the action it asks for. A bulk move refuses the whole
 * request on these; a finding whose state does not allow the move is skipped instead.
 */
export function checkTriageRequest(
  request: TriageRequest,
  options: { now: Date; policy?: LifecyclePolicy },
): { ok: true; action: TriageAction } | { ok: false; refusal: Refusal } {
  const parsed = triageActionOf(request);
  if (!parsed.ok) return parsed;
  const tried = applyTriage(NOMINAL[request.action], parsed.action, {
    now: options.now,
    policy: options.policy ?? DEFAULT_LIFECYCLE_POLICY,
  });
  return tried.ok ? parsed : tried;
}
