import { describe, expect, it } from "vitest";
import { daysUntil, expiryBandFor, expiryState, formatRelative, isOlderThanDays, DAY_MS } from "@/lib/domain/expiry";
import { defaultPolicy, mergePolicy } from "@/lib/domain/policy";

const now = new Date("2026-11-23T12:00:00Z");
const at = (days: number, extraMs = 0) => new Date(now.getTime() + days * DAY_MS + extraMs);

describe("daysUntil and formatRelative", () => {
  it("counts whole days toward zero", () => {
    expect(daysUntil(at(12), now)).toBe(12);
    expect(daysUntil(at(12, 3_600_000), now)).toBe(12);
    expect(daysUntil(at(-3), now)).toBe(-3);
    expect(daysUntil(at(0, -3_600_000), now)).toBe(0);
  });

  it("reads as in N days, N days ago, today", () => {
    expect(formatRelative(at(12), now)).toBe("in 12 days");
    expect(formatRelative(at(-3), now)).toBe("3 days ago");
    expect(formatRelative(at(1), now)).toBe("in 1 day");
    expect(formatRelative(at(-1), now)).toBe("1 day ago");
    expect(formatRelative(at(0, 5 * 3_600_000), now)).toBe("today");
    expect(formatRelative(at(0, -5 * 3_600_000), now)).toBe("today");
  });

  it("isOlderThanDays is strict", () => {
    expect(isOlderThanDays(at(-90), now, 90)).toBe(false);
    expect(isOlderThanDays(at(-90, -1), now, 90)).toBe(true);
  });
});

describe("expiryState", () => {
  const leaf = { isCA: false, policy: defaultPolicy };

  it("uses the tightest subscriber band: 14 high, 30 medium, 90 low", () => {
    expect(expiryState(at(14), now, leaf)).toMatchObject({
      state: "expiring",
      severity: "high",
      band: { withinDays: 14 },
    });
    expect(expiryState(at(14, 1), now, leaf)).toMatchObject({ state: "expiring", severity: "medium" });
    expect(expiryState(at(30), now, leaf)).toMatchObject({ severity: "medium" });
    expect(expiryState(at(31), now, leaf)).toMatchObject({ state: "expiring", severity: "low" });
    expect(expiryState(at(90), now, leaf)).toMatchObject({ severity: "low", daysLeft: 90 });
    expect(expiryState(at(90, 1), now, leaf)).toEqual({ state: "valid", daysLeft: 90, band: null, severity: null });
  });

  it("is valid through the notAfter second and expired after it", () => {
    expect(expiryState(now, now, leaf).state).toBe("expiring");
    expect(expiryState(new Date(now.getTime() - 1), now, leaf)).toMatchObject({ state: "expired", severity: null });
  });

  it("uses the CA bands 180/365 for CA certificates", () => {
    const ca = { isCA: true, policy: defaultPolicy };
    expect(expiryState(at(200), now, leaf).state).toBe("valid");
    expect(expiryState(at(200), now, ca)).toMatchObject({
      state: "expiring",
      severity: "medium",
      band: { withinDays: 365 },
    });
    expect(expiryState(at(180), now, ca)).toMatchObject({ severity: "high" });
    expect(expiryState(at(366), now, ca).state).toBe("valid");
  });

  it("follows policy bands in any order, and defaults to the default policy", () => {
    const policy = mergePolicy(defaultPolicy, {
      expiry: {
        bands: [
          { withinDays: 60, severity: "low" },
          { withinDays: 7, severity: "critical" },
        ],
      },
    });
    expect(expiryState(at(5), now, { isCA: false, policy }).severity).toBe("critical");
    expect(expiryState(at(45), now, { isCA: false, policy }).severity).toBe("low");
    expect(expiryState(at(10), now, { isCA: false }).severity).toBe("high");
    expect(expiryBandFor(-1, [])).toBeNull();
  });
});
