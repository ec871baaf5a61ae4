import { describe, expect, it } from "vitest";
import {
  InvalidPolicyError,
  defaultPolicy,
  findingsPolicySchema,
  mergePolicy,
  safeMergePolicy,
  validityCutoff,
} from "@/lib/domain/policy";

describe("defaultPolicy", () => {
  it("carries the documented thresholds", () => {
    expect(defaultPolicy.expiry.bands.map((b) => [b.withinDays, b.severity])).toEqual([
      [14, "high"],
      [30, "medium"],
      [90, "low"],
    ]);
    expect(defaultPolicy.expiry.caBands.map((b) => b.withinDays)).toEqual([180, 365]);
    expect(validityCutoff(defaultPolicy).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(defaultPolicy.validity).toMatchObject({ maxDaysFromCutoff: 460, maxMonthsBeforeCutoff: 39 });
    expect(defaultPolicy.algorithms).toMatchObject({ minRsaBits: 3072, minRsaBitsCA: 4096 });
    expect(defaultPolicy.algorithms.allowedCurves).toEqual(["P-256", "P-384", "P-521"]);
    expect(defaultPolicy.keys.rotationMaxAgeDays).toBe(365);
    expect(defaultPolicy.signers).toMatchObject({
      staleAfterDays: 90,
      unusedGrantDays: 90,
      credentialExpiringDays: 14,
    });
    expect(defaultPolicy.revocation.unknownAfterDays).toBe(7);
    expect(defaultPolicy.csbr.isEnforcedForPrivateIssuers).toBe(true);
    expect(findingsPolicySchema.safeParse(defaultPolicy).success).toBe(true);
  });

  it("is frozen so nobody mutates the shared default", () => {
    expect(Object.isFrozen(defaultPolicy.signers)).toBe(true);
    expect(Object.isFrozen(defaultPolicy.expiry.bands[0])).toBe(true);
  });
});

describe("mergePolicy", () => {
  it("overrides single fields and keeps the rest", () => {
    const p = mergePolicy(defaultPolicy, {
      signers: { staleAfterDays: 30 },
      rules: { "cert.no-aia-issuer": { isEnabled: false } },
    });
    expect(p.signers.staleAfterDays).toBe(30);
    expect(p.signers.unusedGrantDays).toBe(90);
    expect(p.algorithms.minRsaBits).toBe(3072);
    expect(p.rules["cert.no-aia-issuer"]).toEqual({ isEnabled: false });
    expect(defaultPolicy.signers.staleAfterDays).toBe(90);
  });

  it("layers deployment then signer overrides, merging rule overrides", () => {
    const deployment = mergePolicy(defaultPolicy, { rules: { "signer.stale": { severity: "low" } } });
    const signer = mergePolicy(deployment, { rules: { "signer.stale": { isEnabled: false } } });
    expect(signer.rules["signer.stale"]).toEqual({ severity: "low", isEnabled: false });
  });

  it("accepts null/undefined as no overrides", () => {
    expect(mergePolicy(defaultPolicy, undefined)).toEqual(defaultPolicy);
    expect(mergePolicy(defaultPolicy, null)).toEqual(defaultPolicy);
  });

  it("rejects unknown keys, bad values and unknown rules with clear paths", () => {
    const typo = safeMergePolicy(defaultPolicy, { signers: { staleAfterDay: 30 } });
    expect(typo.success).toBe(false);
    if (!typo.success) expect(typo.issues[0].path).toBe("signers");
    expect(typo.success || typo.issues[0].message).toMatch(/staleAfterDay/);

    const section = safeMergePolicy(defaultPolicy, { signer: { staleAfterDays: 30 } });
    expect(section.success || section.issues[0].message).toMatch(/signer/);

    const negative = safeMergePolicy(defaultPolicy, { algorithms: { minRsaBits: -1 } });
    expect(negative.success || negative.issues[0].path).toBe("algorithms.minRsaBits");

    const rule = safeMergePolicy(defaultPolicy, { rules: { "cert.nope": { isEnabled: false } } });
    expect(rule.success).toBe(false);

    const severity = safeMergePolicy(defaultPolicy, { rules: { "cert.expired": { severity: "urgent" } } });
    expect(severity.success || severity.issues[0].path).toBe("rules.cert.expired.severity");

    const bands = safeMergePolicy(defaultPolicy, {
      expiry: {
        bands: [
          { withinDays: 14, severity: "high" },
          { withinDays: 14, severity: "low" },
        ],
      },
    });
    expect(bands.success || bands.issues[0].message).toMatch(/different withinDays/);

    const cutoff = safeMergePolicy(defaultPolicy, { validity: { cutoffAt: "March 2026" } });
    expect(cutoff.success || cutoff.issues[0].path).toBe("validity.cutoffAt");
  });

  it("throws InvalidPolicyError listing every issue", () => {
    try {
      mergePolicy(defaultPolicy, { keys: { rotationMaxAgeDays: 0 }, revocation: { unknownAfterDays: "7" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPolicyError);
      const e = error as InvalidPolicyError;
      expect(e.issues.map((i) => i.path).sort()).toEqual(["keys.rotationMaxAgeDays", "revocation.unknownAfterDays"]);
      expect(e.message).toMatch(/keys\.rotationMaxAgeDays/);
    }
  });

  it("validates the base too", () => {
    const broken = { ...defaultPolicy, signers: { ...defaultPolicy.signers, maxGrants: 0 } };
    expect(safeMergePolicy(broken, {}).success).toBe(false);
  });
});
