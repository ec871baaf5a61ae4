import { describe, expect, it } from "vitest";
import {
  applyEngineEvent,
  applyTriage,
  countsAsOpen,
  effectiveState,
  FINDING_LIFECYCLE_STATES,
  type FindingLifecycle,
  type FindingLifecycleState,
  type TriageAction,
} from "@/lib/domain/finding-lifecycle";

const NOW = new Date("2026-12-02T12:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const REASON = "Offline root, reviewed by the PKI team";
const finding = (state: FindingLifecycleState, extra: Partial<FindingLifecycle> = {}): FindingLifecycle => ({
  state,
  until: state === "risk-accepted" ? at(30) : null,
  reason: state === "open" || state === "acknowledged" ? null : REASON,
  resolvedBy: state === "resolved" ? "person" : null,
  ...extra,
});

const ACTIONS: TriageAction[] = [
  { type: "acknowledge" },
  { type: "accept-risk", reason: REASON, until: at(90) },
  { type: "mark-false-positive", reason: REASON },
  { type: "resolve", reason: REASON },
  { type: "reopen" },
];

describe("applyTriage", () => {
  it("allows exactly the moves of the lifecycle", () => {
    const allowed = FINDING_LIFECYCLE_STATES.flatMap((state) =>
      ACTIONS.filter((a) => applyTriage(finding(state), a, { now: NOW }).ok).map((a) => `${state} ${a.type}`),
    );
    expect(allowed).toEqual([
      "open acknowledge",
      "open accept-risk",
      "open mark-false-positive",
      "open resolve",
      "acknowledged accept-risk",
      "acknowledged mark-false-positive",
      "acknowledged resolve",
      "acknowledged reopen",
      "risk-accepted resolve",
      "risk-accepted reopen",
      "false-positive resolve",
      "false-positive reopen",
    ]);
  });

  it("explains a refused move in words", () => {
    const r = applyTriage(finding("resolved"), { type: "acknowledge" }, { now: NOW });
    expect(r).toEqual({
      ok: false,
      refusal: { field: null, message: "This finding is resolved: it cannot be acknowledged" },
    });
  });

  it("accepts a risk with a reason and an end date within the policy maximum", () => {
    const r = applyTriage(
      finding("open"),
      { type: "accept-risk", reason: `  ${REASON} `, until: at(365) },
      { now: NOW },
    );
    expect(r).toEqual({ ok: true, next: { state: "risk-accepted", until: at(365), reason: REASON, resolvedBy: null } });
  });

  it.each([
    [at(-1), "The end date must be in the future"],
    [NOW, "The end date must be in the future"],
    [at(366), "A risk may be accepted for at most 365 days; review the finding again then"],
    [new Date(Number.NaN), "The end date is not a valid date"],
  ])("refuses an end date of %s, naming the field", (until, message) => {
    const r = applyTriage(finding("open"), { type: "accept-risk", reason: REASON, until }, { now: NOW });
    expect(r).toEqual({ ok: false, refusal: { field: "until", message } });
  });

  it("takes the maximum from the policy", () => {
    const action: TriageAction = { type: "accept-risk", reason: REASON, until: at(40) };
    expect(applyTriage(finding("open"), action, { now: NOW, policy: { maxRiskAcceptanceDays: 30 } }).ok).toBe(false);
    expect(applyTriage(finding("open"), action, { now: NOW, policy: { maxRiskAcceptanceDays: 60 } }).ok).toBe(true);
  });

  it.each(["accept-risk", "mark-false-positive", "resolve"] as const)("%s needs a reason", (type) => {
    const action = { type, reason: "  short  ", until: at(10) } as TriageAction;
    const r = applyTriage(finding("open"), action, { now: NOW });
    expect(r).toEqual({ ok: false, refusal: { field: "reason", message: "Give a reason of at least 10 characters" } });
    const long = { type, reason: "x".repeat(1001), until: at(10) } as TriageAction;
    expect(applyTriage(finding("open"), long, { now: NOW })).toMatchObject({ ok: false, refusal: { field: "reason" } });
  });

  it("lifts an acceptance or a false positive early: open again, the reason cleared", () => {
    for (const state of ["risk-accepted", "false-positive"] as const) {
      expect(applyTriage(finding(state), { type: "reopen" }, { now: NOW })).toEqual({
        ok: true,
        next: { state: "open", until: null, reason: null, resolvedBy: null },
      });
    }
  });

  it("resolves by hand with a reason", () => {
    expect(applyTriage(finding("acknowledged"), { type: "resolve", reason: REASON }, { now: NOW })).toEqual({
      ok: true,
      next: { state: "resolved", until: null, reason: REASON, resolvedBy: "person" },
    });
  });

  it("treats an acceptance past its end date as open", () => {
    const lapsed = finding("risk-accepted", { until: at(-1) });
    expect(applyTriage(lapsed, { type: "acknowledge" }, { now: NOW })).toMatchObject({
      ok: true,
      next: { state: "acknowledged" },
    });
  });
});

describe("effectiveState and countsAsOpen", () => {
  it("counts open and acknowledged as open; accepted, false positive and resolved not", () => {
    const open = FINDING_LIFECYCLE_STATES.filter((s) => countsAsOpen(finding(s), NOW));
    expect(open).toEqual(["open", "acknowledged"]);
  });

  it("an acceptance ends on its own: open after its end date", () => {
    const accepted = finding("risk-accepted", { until: at(10) });
    expect(effectiveState(accepted, at(10))).toBe("risk-accepted");
    expect(effectiveState(accepted, new Date(at(10).getTime() + 1))).toBe("open");
    expect(countsAsOpen(accepted, at(11))).toBe(true);
  });
});

describe("applyEngineEvent", () => {
  it("resolves any unresolved finding when the evidence shows the fix", () => {
    for (const state of ["open", "acknowledged", "risk-accepted", "false-positive"] as const) {
      expect(applyEngineEvent(finding(state), { type: "evidence-fixed" })).toEqual({
        state: "resolved",
        until: null,
        reason: null,
        resolvedBy: "engine",
      });
    }
    expect(applyEngineEvent(finding("resolved"), { type: "evidence-fixed" })).toBeNull();
  });

  it("reopens a resolved finding (by the engine or by hand) when the condition returns, and nothing else", () => {
    for (const resolvedBy of ["engine", "person"] as const) {
      expect(applyEngineEvent(finding("resolved", { resolvedBy }), { type: "condition-returned" })).toEqual({
        state: "open",
        until: null,
        reason: null,
        resolvedBy: null,
      });
    }
    for (const state of ["open", "acknowledged", "risk-accepted", "false-positive"] as const)
      expect(applyEngineEvent(finding(state), { type: "condition-returned" })).toBeNull();
  });
});
