import { describe, expect, it } from "vitest";
import { allowedTriageActions } from "./finding-lifecycle";
import { bulkTriageRequestSchema, checkTriageRequest, endOfDay, triageActionOf } from "./finding-triage";

const NOW = new Date("2026-06-01T12:00:00Z");
const REASON = "Renewal ordered, ticket SEC-123";

describe("endOfDay", () => {
  it("is the last millisecond of that UTC day, and null for anything that is not a calendar day", () => {
    expect(endOfDay("2026-12-31")?.toISOString()).toBe("2026-12-31T23:59:59.999Z");
    for (const bad of ["", "2026-02-30", "2026-13-01", "31/12/2026", "2026-12-31T00:00:00Z"])
      expect(endOfDay(bad)).toBeNull();
  });
});

describe("triageActionOf", () => {
  it("turns a request into the lifecycle's action; an acceptance without a day is refused on `until`", () => {
    expect(triageActionOf({ action: "acknowledge", reason: "ignored" })).toEqual({
      ok: true,
      action: { type: "acknowledge" },
    });
    expect(triageActionOf({ action: "resolve", reason: REASON })).toEqual({
      ok: true,
      action: { type: "resolve", reason: REASON },
    });
    expect(triageActionOf({ action: "accept-risk", reason: REASON, until: "2026-07-01" })).toEqual({
      ok: true,
      action: { type: "accept-risk", reason: REASON, until: new Date("2026-07-01T23:59:59.999Z") },
    });
    expect(triageActionOf({ action: "accept-risk", reason: REASON })).toMatchObject({
      ok: false,
      refusal: { field: "until" },
    });
  });
});

describe("checkTriageRequest", () => {
  it("refuses on the fields alone, whatever the finding's state", () => {
    const check = (r: Parameters<typeof checkTriageRequest>[0]) => checkTriageRequest(r, { now: NOW });
    expect(check({ action: "accept-risk", reason: REASON, until: "2026-06-01" })).toMatchObject({ ok: true });
    expect(check({ action: "accept-risk", reason: REASON, until: "2026-05-31" })).toMatchObject({
      refusal: { field: "until", message: expect.stringMatching(/future/) },
    });
    expect(check({ action: "accept-risk", reason: REASON, until: "2027-06-02" })).toMatchObject({
      refusal: { field: "until", message: expect.stringMatching(/365 days/) },
    });
    expect(
      checkTriageRequest(
        { action: "accept-risk", reason: REASON, until: "2026-06-20" },
        { now: NOW, policy: { maxRiskAcceptanceDays: 14 } },
      ),
    ).toMatchObject({ refusal: { field: "until", message: expect.stringMatching(/14 days/) } });
    expect(check({ action: "mark-false-positive" })).toMatchObject({ refusal: { field: "reason" } });
    expect(check({ action: "resolve", reason: "short" })).toMatchObject({ refusal: { field: "reason" } });
    // acknowledging and reopening need no reason
    expect(check({ action: "acknowledge" })).toMatchObject({ ok: true });
    expect(check({ action: "reopen" })).toMatchObject({ ok: true });
  });
});

describe("allowedTriageActions", () => {
  it("offers only the moves the lifecycle allows from each state", () => {
    expect(allowedTriageActions("open")).toEqual(["acknowledge", "accept-risk", "mark-false-positive", "resolve"]);
    expect(allowedTriageActions("acknowledged")).toEqual(["accept-risk", "mark-false-positive", "resolve", "reopen"]);
    expect(allowedTriageActions("risk-accepted")).toEqual(["resolve", "reopen"]);
    expect(allowedTriageActions("false-positive")).toEqual(["resolve", "reopen"]);
    expect(allowedTriageActions("resolved")).toEqual([]);
  });
});

describe("bulkTriageRequestSchema", () => {
  it("takes 1 to 500 finding ids", () => {
    expect(bulkTriageRequestSchema.safeParse({ action: "acknowledge", ids: [] }).success).toBe(false);
    expect(bulkTriageRequestSchema.safeParse({ action: "acknowledge", ids: ["a"] }).success).toBe(true);
    const many = Array.from({ length: 501 }, (_, i) => `f${i}`);
    expect(bulkTriageRequestSchema.safeParse({ action: "acknowledge", ids: many }).success).toBe(false);
  });
});
