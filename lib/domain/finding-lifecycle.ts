// The finding lifecycle (issue #13 item 4): which triage state a finding is in and which moves a
// person or the evaluation engine may make from it. Pure: `now` and the policy are parameters.
// The services apply an allowed move and write its audit row; a refused move comes back with the
// field it is about, so the dialog that asked can show it beside the value the person entered.
//
//   open ──acknowledge──▶ acknowledged          (both count as open everywhere)
//   open/acknowledged ──accept-risk(reason, until ≤ policy maximum)──▶ risk-accepted
//   open/acknowledged ──false-positive(reason)──▶ false-positive
//   open/acknowledged/risk-accepted/false-positive ──resolve(reason)──▶ resolved (by hand)
//   risk-accepted/false-positive/acknowledged ──reopen──▶ open (lift early)
//   any unresolved ──engine: the evidence shows the fix──▶ resolved (by the engine)
//   resolved ──engine: the condition returns──▶ open
//
// A risk acceptance ends by itself: past its end date the finding is open again (effectiveState).

const DAY_MS = 86_400_000;

export const FINDING_LIFECYCLE_STATES = [
  "open",
  "acknowledged",
  "risk-accepted",
  "false-positive",
  "resolved",
] as const;
export type FindingLifecycleState = (typeof FINDING_LIFECYCLE_STATES)[number];

export type LifecyclePolicy = { maxRiskAcceptanceDays: number };
export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = { maxRiskAcceptanceDays: 365 };

export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 1000;

/** What the lifecycle needs to know of a stored finding. */
export type FindingLifecycle = {
  state: FindingLifecycleState;
  /** risk-accepted: the end of the acceptance */
  until: Date | null;
  reason: string | null;
  /** resolved: by the engine (the evidence shows the fix) or by a person */
  resolvedBy: "engine" | "person" | null;
};

export type TriageAction =
  | { type: "acknowledge" }
  | { type: "accept-risk"; reason: string; until: Date }
  | { type: "mark-false-positive"; reason: string }
  | { type: "resolve"; reason: string }
  | { type: "reopen" };

export type EngineEvent = { type: "evidence-fixed" } | { type: "condition-returned" };

export type Refusal = { field: "reason" | "until" | null; message: string };
export type TransitionResult = { ok: true; next: FindingLifecycle } | { ok: false; refusal: Refusal };

/** The state in force at `now`: an acceptance past its end date is open again. */
export function effectiveState(f: Pick<FindingLifecycle, "state" | "until">, now: Date): FindingLifecycleState {
  if (f.state === "risk-accepted" && f.until && f.until.getTime() < now.getTime()) return "open";
  return f.state;
}

/** Open and acknowledged findings are open everywhere: headline numbers, open lists, emails. */
export function countsAsOpen(f: Pick<FindingLifecycle, "state" | "until">, now: Date): boolean {
  const state = effectiveState(f, now);
  return state === "open" || state === "acknowledged";
}

const ALLOWED: Record<TriageAction["type"], readonly FindingLifecycleState[]> = {
  acknowledge: ["open"],
  "accept-risk": ["open", "acknowledged"],
  "mark-false-positive": ["open", "acknowledged"],
  resolve: ["open", "acknowledged", "risk-accepted", "false-positive"],
  reopen: ["acknowledged", "risk-accepted", "false-positive"],
};

const LABEL: Record<FindingLifecycleState, string> = {
  open: "open",
  acknowledged: "acknowledged",
  "risk-accepted": "risk accepted",
  "false-positive": "marked a false positive",
  resolved: "resolved",
};

/** The moves a person may make from a state (the dialog offers only these). */
export function allowedTriageActions(state: FindingLifecycleState): TriageAction["type"][] {
  return (Object.keys(ALLOWED) as TriageAction["type"][]).filter((a) => ALLOWED[a].includes(state));
}

const refuse = (field: Refusal["field"], message: string): TransitionResult => ({
  ok: false,
  refusal: { field, message },
});

function reasonRefusal(reason: string): Refusal | null {
  const text = reason.trim();
  if (text.length < MIN_REASON_LENGTH)
    return { field: "reason", message: `Give a reason of at least ${MIN_REASON_LENGTH} characters` };
  if (text.length > MAX_REASON_LENGTH)
    return { field: "reason", message: `Keep the reason under ${MAX_REASON_LENGTH} characters` };
  return null;
}

/** A person's triage move, or why it is refused. */
export function applyTriage(
  current: FindingLifecycle,
  action: TriageAction,
  options: { now: Date; policy?: LifecyclePolicy },
): TransitionResult {
  const { now } = options;
  const policy = options.policy ?? DEFAULT_LIFECYCLE_POLICY;
  const state = effectiveState(current, now);
  if (!ALLOWED[action.type].includes(state))
    return refuse(null, `This finding is ${LABEL[state]}: it cannot be ${actionPast(action.type)}`);
  switch (action.type) {
    case "acknowledge":
      return { ok: true, next: { ...current, state: "acknowledged" } };
    case "reopen":
      return { ok: true, next: { state: "open", until: null, reason: null, resolvedBy: null } };
    case "accept-risk": {
      const bad = reasonRefusal(action.reason);
      if (bad) return { ok: false, refusal: bad };
      if (Number.isNaN(action.until.getTime())) return refuse("until", "The end date is not a valid date");
      if (action.until.getTime() <= now.getTime()) return refuse("until", "The end date must be in the future");
      if (action.until.getTime() - now.getTime() > policy.maxRiskAcceptanceDays * DAY_MS)
        return refuse(
          "until",
          `A risk may be accepted for at most ${policy.maxRiskAcceptanceDays} days; review the finding again then`,
        );
      return {
        ok: true,
        next: { state: "risk-accepted", until: action.until, reason: action.reason.trim(), resolvedBy: null },
      };
    }
    case "mark-false-positive":
    case "resolve": {
      const bad = reasonRefusal(action.reason);
      if (bad) return { ok: false, refusal: bad };
      const next: FindingLifecycleState = action.type === "resolve" ? "resolved" : "false-positive";
      return {
        ok: true,
        next: {
          state: next,
          until: null,
          reason: action.reason.trim(),
          resolvedBy: next === "resolved" ? "person" : null,
        },
      };
    }
  }
}

function actionPast(type: TriageAction["type"]): string {
  return {
    acknowledge: "acknowledged",
    "accept-risk": "risk-accepted",
    "mark-false-positive": "marked a false positive",
    resolve: "resolved by hand",
    reopen: "reopened",
  }[type];
}

/**
 * What the evaluation engine does to a finding: the fix resolves it whatever its triage state; a
 * condition that returns reopens a resolved finding. Anything else leaves it as it is (null).
 */
export function applyEngineEvent(current: FindingLifecycle, event: EngineEvent): FindingLifecycle | null {
  if (event.type === "evidence-fixed") {
    if (current.state === "resolved") return null;
    return { state: "resolved", until: null, reason: null, resolvedBy: "engine" };
  }
  if (current.state !== "resolved") return null;
  return { state: "open", until: null, reason: null, resolvedBy: null };
}
