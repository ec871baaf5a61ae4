import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/domain/expiry";
import { evaluateSigner } from "@/lib/domain/findings/evaluate";
import { ctx, daysFromNow, ids, only, signer } from "@/lib/domain/findings/fixtures";
import { signerNextEvaluationAt } from "@/lib/domain/findings/next-evaluation";
import type { SignerInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<SignerInput>, policy?: unknown) => evaluateSigner(signer(overrides), ctx(policy));
const RULE = "signer.drill-overdue";
/** a staging-only signer: no production environment configured, granted or signed in */
const staging: Partial<SignerInput> = {
  environments: ["staging"],
  privileges: [],
  recentSigning: { eventCount: 3, environments: ["staging"], interactiveEvents: [] },
};

describe("signer.drill-overdue", () => {
  it("flags a production signer whose last drill ended 366 days ago, not 365", () => {
    const d = only(run({ lastDrillAt: daysFromNow(-366) }), RULE);
    expect(d?.severity).toBe("medium");
    expect(d?.message).toBe(
      "Signer “payments-release”, a production signer (production), was last drilled on 2025-11-22; the policy asks for a key-compromise drill every 365 days (due 2026-11-22).",
    );
    expect(d?.evidence).toMatchObject({ lastDrillAt: daysFromNow(-366).toISOString(), everyDays: 365 });
    expect(d?.threshold).toBe("a finished drill within 365 days (signers.drillEveryDays)");
    expect(ids(run({ lastDrillAt: daysFromNow(-365) }))).not.toContain(RULE);
  });

  it("counts a never-drilled signer from its registration", () => {
    const d = only(run({ lastDrillAt: null, createdAt: daysFromNow(-400) }), RULE);
    expect(d?.message).toContain("was never drilled since it was registered on 2025-10-19");
    expect(d?.evidence).toMatchObject({ lastDrillAt: null, registeredAt: daysFromNow(-400).toISOString() });
    expect(ids(run({ lastDrillAt: null, createdAt: daysFromNow(-30) }))).not.toContain(RULE);
  });

  it("finds production in the configuration, the grants or the signatures", () => {
    const old = { lastDrillAt: null, createdAt: daysFromNow(-400) };
    expect(ids(run({ ...staging, ...old }))).not.toContain(RULE);
    const granted = run({
      ...staging,
      ...old,
      privileges: [
        { id: "g", scope: "sign:x", environment: "prod-eu", grantedAt: daysFromNow(-10), lastExercisedAt: null },
      ],
    });
    expect(only(granted, RULE)?.evidence).toMatchObject({ productionEnvironments: ["prod-eu"] });
    const signed = run({
      ...staging,
      ...old,
      recentSigning: { eventCount: 1, environments: ["live"], interactiveEvents: [] },
    });
    expect(only(signed, RULE)?.evidence).toMatchObject({ productionEnvironments: ["live"] });
  });

  it("applies the non-production interval when the policy sets one, and the policy's own production interval", () => {
    const old = { ...staging, lastDrillAt: daysFromNow(-200) };
    expect(ids(run(old))).not.toContain(RULE);
    const d = only(run(old, { signers: { nonProductionDrillEveryDays: 180 } }), RULE);
    expect(d?.threshold).toBe("a finished drill within 180 days (signers.nonProductionDrillEveryDays)");
    expect(d?.message).toContain("a signer, was last drilled");
    expect(ids(run({ lastDrillAt: daysFromNow(-200) }, { signers: { drillEveryDays: 180 } }))).toContain(RULE);
  });

  it("speaks only about active signers, and can be switched off", () => {
    const overdue = { lastDrillAt: daysFromNow(-400) };
    expect(ids(run({ ...overdue, status: "suspended" }))).not.toContain(RULE);
    expect(ids(run({ ...overdue, status: "decommissioned" }))).toEqual([]);
    expect(ids(run(overdue, { rules: { [RULE]: { isEnabled: false } } }))).not.toContain(RULE);
  });

  it("asks the findings job back one millisecond after the interval runs out", () => {
    const s = signer({ lastDrillAt: daysFromNow(-300) });
    const next = signerNextEvaluationAt(s, ctx());
    const due = new Date(daysFromNow(-300).getTime() + 365 * DAY_MS + 1);
    expect(next!.getTime()).toBeLessThanOrEqual(due.getTime());
    expect(ids(evaluateSigner(s, { ...ctx(), now: new Date(due.getTime() - 1) }))).not.toContain(RULE);
    expect(ids(evaluateSigner(s, { ...ctx(), now: due }))).toContain(RULE);
    // with nothing else pending, the drill's due date is the next evaluation
    const quiet = signer({
      lastDrillAt: daysFromNow(-300),
      lastUsedAt: null,
      createdAt: daysFromNow(-10),
      privileges: [],
      recentSigning: { eventCount: 0, environments: [], interactiveEvents: [] },
      environments: ["production"],
    });
    expect(signerNextEvaluationAt(quiet, ctx())).toEqual(due);
  });
});
