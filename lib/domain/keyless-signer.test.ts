import { describe, expect, it } from "vitest";
import { keylessPatternMatches, matchKeylessSigner } from "@/lib/domain/keyless-signer";

const GITHUB = "https://token.actions.githubusercontent.com";
const RELEASE = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3";
const identity = {
  issuer: GITHUB,
  subject: RELEASE,
  workflow: RELEASE,
  repository: "https://github.com/acme/app",
};
const signer = (id: string, keylessIssuer: string | null, keylessSubjectPattern: string | null) => ({
  id,
  keylessIssuer,
  keylessSubjectPattern,
});

describe("keylessPatternMatches", () => {
  it("matches literals exactly and * as any run of characters", () => {
    expect(keylessPatternMatches(RELEASE, RELEASE)).toBe(true);
    expect(keylessPatternMatches(RELEASE, RELEASE + "x")).toBe(false);
    expect(keylessPatternMatches("https://github.com/acme/*", RELEASE)).toBe(true);
    expect(keylessPatternMatches("https://github.com/acme/*/release.yml@*", RELEASE)).toBe(true);
    expect(keylessPatternMatches("https://github.com/other/*", RELEASE)).toBe(false);
    expect(keylessPatternMatches("*@refs/tags/*", RELEASE)).toBe(true);
    expect(keylessPatternMatches("a*a", "a")).toBe(false);
    expect(keylessPatternMatches("*", "")).toBe(true);
  });

  it("treats regular-expression characters literally", () => {
    expect(
      keylessPatternMatches("https://github.com/acme/app/.github/*", "https://github.com/acme/appX.github/y"),
    ).toBe(false);
  });
});

describe("matchKeylessSigner", () => {
  it("matches on the issuer and a pattern over the subject, workflow or repository", () => {
    expect(matchKeylessSigner(identity, [signer("s1", GITHUB, RELEASE)])).toMatchObject({
      signer: { id: "s1" },
      matchedOn: "subject",
    });
    expect(
      matchKeylessSigner({ ...identity, subject: "x" }, [signer("s1", GITHUB + "/", "https://github.com/acme/app")]),
    ).toMatchObject({ signer: { id: "s1" }, matchedOn: "repository" });
  });

  it("needs the same issuer", () => {
    expect(matchKeylessSigner(identity, [signer("s1", "https://accounts.google.com", RELEASE)])).toBeNull();
  });

  it("ignores signers that declare no keyless identity", () => {
    expect(matchKeylessSigner(identity, [signer("s1", null, null), signer("s2", GITHUB, null)])).toBeNull();
  });

  it("prefers the most specific declaration", () => {
    const match = matchKeylessSigner(identity, [
      signer("org", GITHUB, "https://github.com/acme/*"),
      signer("release", GITHUB, "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*"),
      signer("any", GITHUB, "*"),
    ]);
    expect(match?.signer.id).toBe("release");
  });

  it("matches e-mail identities (interactive keyless signing)", () => {
    const person = {
      issuer: "https://github.com/login/oauth",
      subject: "brian@dehamer.com",
      workflow: null,
      repository: null,
    };
    expect(
      matchKeylessSigner(person, [signer("p", "https://github.com/login/oauth", "*@dehamer.com")])?.signer.id,
    ).toBe("p");
  });
});
