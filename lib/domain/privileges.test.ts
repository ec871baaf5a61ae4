import { describe, expect, it } from "vitest";
import {
  diffGrants,
  environmentCovers,
  environmentProblem,
  grantsExercisedBy,
  parseGrant,
  scopeCovers,
  scopeProblem,
} from "./privileges";

describe("scope syntax", () => {
  it.each([
    "*",
    "sign",
    "sign:*",
    "sign:release/production",
    "repo:acme/payments",
    "approve:release",
    "repo:acme/*",
    "repo:acme/pay*",
    "sign:release.v2/prod-eu",
  ])("accepts %s", (scope) => expect(scopeProblem(scope)).toBeNull());
  it.each([
    "",
    "Sign:release",
    ":release",
    "sign:",
    "sign:release//prod",
    "sign:*/prod",
    "sign:re lease",
    "sign:a@b",
    "x".repeat(201),
  ])("refuses %j", (scope) => expect(scopeProblem(scope)).not.toBeNull());
  it("checks environment names", () => {
    expect(environmentProblem("any")).toBeNull();
    expect(environmentProblem("prod-eu")).toBeNull();
    expect(environmentProblem("Prod EU")).not.toBeNull();
    expect(environmentProblem("a".repeat(63))).toBeNull();
    // a name of valid characters that is too long is told its length, not its characters
    expect(environmentProblem("a".repeat(64))).toBe("An environment name has at most 63 characters (this one has 64)");
  });
});

describe("parseGrant", () => {
  it("reads scope@environment and defaults to any", () => {
    expect(parseGrant("sign:release@production")).toEqual({
      grant: { scope: "sign:release", environment: "production" },
    });
    expect(parseGrant(" repo:acme/payments ")).toEqual({ grant: { scope: "repo:acme/payments", environment: "any" } });
    expect(parseGrant("sign:release@PROD")).toEqual({ grant: { scope: "sign:release", environment: "prod" } });
  });
  it("reports bad grants", () => {
    expect(parseGrant("sign release")).toHaveProperty("problem");
    expect(parseGrant("sign:release@bad env")).toHaveProperty("problem");
  });
});

describe("scopeCovers", () => {
  it("wildcard covers everything", () => expect(scopeCovers("*", "sign:release/production")).toBe(true));
  it("exact match, case-insensitive", () => expect(scopeCovers("sign:Release", "sign:release")).toBe(true));
  it("prefix wildcard", () => {
    expect(scopeCovers("sign:*", "sign:release/production")).toBe(true);
    expect(scopeCovers("repo:acme/*", "repo:acme/payments")).toBe(true);
    expect(scopeCovers("repo:acme/*", "repo:other/payments")).toBe(false);
  });
  it("hierarchical prefix only on a boundary", () => {
    expect(scopeCovers("sign:release", "sign:release/production")).toBe(true);
    expect(scopeCovers("sign", "sign:release")).toBe(true);
    expect(scopeCovers("sign:release", "sign:releases")).toBe(false);
    expect(scopeCovers("sign:release/production", "sign:release")).toBe(false);
  });
  it("different verbs do not match", () => expect(scopeCovers("approve:release", "sign:release")).toBe(false));
});

describe("environmentCovers", () => {
  it("any covers all, even an event without environment", () => {
    expect(environmentCovers("any", "production")).toBe(true);
    expect(environmentCovers("any", null)).toBe(true);
  });
  it("named environments must be equal", () => {
    expect(environmentCovers("production", "Production")).toBe(true);
    expect(environmentCovers("production", "staging")).toBe(false);
    expect(environmentCovers("production", null)).toBe(false);
  });
});

describe("grantsExercisedBy", () => {
  const grants = [
    { id: "a", scope: "sign:release/production", environment: "production" },
    { id: "b", scope: "sign:*", environment: "any" },
    { id: "c", scope: "approve:release", environment: "any" },
    { id: "d", scope: "sign:release", environment: "staging" },
    { id: "e", scope: "*", environment: "any", removedAt: new Date("2026-01-01") },
  ];
  it("marks every grant that covers the event", () => {
    expect(
      grantsExercisedBy(grants, { scope: "sign:release/production", environment: "production" }).map((g) => g.id),
    ).toEqual(["a", "b"]);
    expect(grantsExercisedBy(grants, { scope: "sign:release/beta", environment: "staging" }).map((g) => g.id)).toEqual([
      "b",
      "d",
    ]);
  });
  it("an event without scope exercises nothing", () => {
    expect(grantsExercisedBy(grants, { scope: null, environment: "production" })).toEqual([]);
  });
  it("removed grants are never exercised", () => {
    expect(grantsExercisedBy(grants, { scope: "deploy:x", environment: "production" })).toEqual([]);
  });
});

describe("diffGrants", () => {
  it("adds, restores and removes by (scope, environment)", () => {
    const removedAt = new Date("2026-01-01");
    const current = [
      { id: "1", scope: "sign:a", environment: "any", removedAt: null },
      { id: "2", scope: "sign:b", environment: "prod", removedAt },
      { id: "3", scope: "sign:c", environment: "any", removedAt: null },
    ];
    const d = diffGrants(current, [
      { scope: "sign:a", environment: "any" },
      { scope: "sign:b", environment: "prod" },
      { scope: "sign:d", environment: "any" },
    ]);
    expect(d.add).toEqual([{ scope: "sign:d", environment: "any" }]);
    expect(d.restore.map((g) => g.id)).toEqual(["2"]);
    expect(d.remove.map((g) => g.id)).toEqual(["3"]);
  });
});
