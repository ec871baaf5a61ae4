import { describe, expect, it } from "vitest";
import { defaultPolicy, mergePolicy } from "@/lib/domain/policy";
import { diffPolicies, formatPolicyChanges } from "./policy-diff";

describe("diffPolicies", () => {
  it("lists each changed leaf by path; arrays compare whole", () => {
    const after = mergePolicy(defaultPolicy, {
      gate: { findingSeverity: "high", modes: { "gate.no-grant": "warn" } },
      signers: { productionEnvironments: ["prod"] },
    });
    expect(diffPolicies(defaultPolicy, after)).toEqual([
      { path: "gate.findingSeverity", before: "critical", after: "high" },
      { path: "gate.modes.gate.no-grant", before: null, after: "warn" },
      { path: "signers.productionEnvironments", before: ["production", "prod", "prd", "live"], after: ["prod"] },
    ]);
    expect(diffPolicies(after, after)).toEqual([]);
  });

  it("formats changes on one line, capped", () => {
    const changes = diffPolicies({ a: 1, b: 2 }, { a: 2, b: 3 });
    expect(formatPolicyChanges(changes, { limit: 1 })).toBe("a: 1 → 2; … and 1 more");
  });
});
