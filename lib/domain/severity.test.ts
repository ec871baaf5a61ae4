import { describe, expect, it } from "vitest";
import * as severity from "@/lib/domain/severity";

const { SEVERITIES, compareSeverity, isAtLeast, isSeverity, maxSeverity, severityFromRank, severityRank } = severity;

describe("severity", () => {
  it("ranks critical 4 down to info 0", () => {
    expect(SEVERITIES.map(severityRank)).toEqual([4, 3, 2, 1, 0]);
    expect(SEVERITIES.map((s) => severityFromRank(severityRank(s)))).toEqual([...SEVERITIES]);
    expect(() => severityFromRank(7)).toThrow(RangeError);
  });

  it("sorts most severe first and compares thresholds", () => {
    const list = ["low", "critical", "info", "high", "medium"] as const;
    expect([...list].sort(compareSeverity)).toEqual(["critical", "high", "medium", "low", "info"]);
    expect(isAtLeast("high", "high")).toBe(true);
    expect(isAtLeast("medium", "high")).toBe(false);
    expect(maxSeverity("low", "high", "medium")).toBe("high");
    expect(maxSeverity()).toBeNull();
  });

  it("recognises only known severity strings", () => {
    expect(isSeverity("critical")).toBe(true);
    expect(isSeverity("CRITICAL")).toBe(false);
    expect(isSeverity(3)).toBe(false);
  });
});
