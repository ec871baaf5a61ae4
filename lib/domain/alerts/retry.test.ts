import { describe, expect, it } from "vitest";
import { afterMailFailure, mailRetryDelayMs } from "./retry";

const NOW = new Date("2026-06-01T00:00:00Z");

describe("mail retry", () => {
  it("backs off 1, 5, 25 minutes and caps at 6 hours", () => {
    expect([1, 2, 3].map(mailRetryDelayMs)).toEqual([60_000, 300_000, 1_500_000]);
    expect(mailRetryDelayMs(7)).toBe(6 * 3_600_000);
  });

  it("fails permanent errors at once and temporary ones after the last attempt", () => {
    expect(afterMailFailure({ attempts: 1, isPermanent: true, now: NOW })).toEqual({ kind: "failed" });
    expect(afterMailFailure({ attempts: 2, isPermanent: false, now: NOW })).toEqual({
      kind: "retry",
      nextAttemptAt: new Date(NOW.getTime() + 300_000),
    });
    expect(afterMailFailure({ attempts: 8, isPermanent: false, now: NOW })).toEqual({ kind: "failed" });
  });
});
