import { describe, expect, it } from "vitest";
import { formatTokenScopes, hasAnyScope, parseTokenScopes, tokenScopesProblem } from "./token-scopes";

describe("token scopes", () => {
  it("reads a token created before scopes could be combined as its one scope", () => {
    expect(parseTokenScopes("ingest")).toEqual(["ingest"]);
    expect(parseTokenScopes("ingest signers:write")).toEqual(["ingest", "signers:write"]);
  });

  it("drops unknown words: they grant nothing", () => {
    expect(parseTokenScopes("admin  read *")).toEqual(["read"]);
  });

  it("stores each scope once in a fixed order", () => {
    expect(formatTokenScopes(["owners:write", "ingest", "owners:write"])).toBe("ingest owners:write");
  });

  it("ingest does not stand in for a write scope named for something else", () => {
    expect(hasAnyScope(["ingest"], ["owners:write"])).toBe(false);
    expect(hasAnyScope(["ingest"], ["people:write"])).toBe(false);
    expect(hasAnyScope(["ingest", "owners:write"], ["owners:write"])).toBe(true);
  });

  it.each([
    [[], false, "scopes", /at least one/],
    [["signing-events", "read"], true, "scopes", /no other scope/],
    [["signing-events"], false, "signerId", /choose it/],
    [["ingest"], true, "signerId", /Only signing-events/],
  ] as const)("refuses %j (signer: %s) on %s", (scopes, hasSigner, field, message) => {
    expect(tokenScopesProblem(scopes, { hasSigner })).toEqual({ field, message: expect.stringMatching(message) });
  });

  it("accepts combined write scopes and a bound signing-events token", () => {
    expect(tokenScopesProblem(["ingest", "signers:write"], { hasSigner: false })).toBeNull();
    expect(tokenScopesProblem(["signing-events"], { hasSigner: true })).toBeNull();
  });

  it("a gate token is bound to a signer or not, and may join a bound signing-events token", () => {
    expect(tokenScopesProblem(["gate"], { hasSigner: true })).toBeNull();
    expect(tokenScopesProblem(["gate"], { hasSigner: false })).toBeNull();
    expect(tokenScopesProblem(["gate", "read"], { hasSigner: false })).toBeNull();
    expect(tokenScopesProblem(["signing-events", "gate"], { hasSigner: true })).toBeNull();
    expect(tokenScopesProblem(["gate", "read"], { hasSigner: true })?.field).toBe("signerId");
  });
});
