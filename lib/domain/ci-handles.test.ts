import { describe, expect, it } from "vitest";
import { ciHandlesSchema, normalizeCiHandle, readCiHandles, splitCiHandles } from "./ci-handles";

describe("CI accounts", () => {
  it("normalises: lower case, a leading @ dropped, duplicates once", () => {
    expect(normalizeCiHandle("  @OctoCat ")).toBe("octocat");
    expect(ciHandlesSchema.parse(["@OctoCat", "octocat", "gitlab:J.Doe", "DOMAIN\\\\svc-build"])).toEqual([
      "octocat",
      "gitlab:j.doe",
      "domain\\\\svc-build",
    ]);
  });

  it("refuses spaces, quotes, empty names and more than 20 accounts, saying which", () => {
    for (const bad of ["two words", 'quo"te', "@", "-leading", "x".repeat(101)])
      expect(ciHandlesSchema.safeParse([bad]).success, bad).toBe(false);
    expect(ciHandlesSchema.safeParse(Array.from({ length: 21 }, (_, i) => `a${i}`)).error?.issues[0].message).toBe(
      "At most 20 accounts",
    );
    expect(ciHandlesSchema.safeParse(["ok", "not ok"]).error?.issues[0].path).toEqual([1]);
  });

  it("refuses a token or key pasted as an account name, and says so without echoing it", () => {
    for (const secret of [
      "ghp_Q1w2E3r4T5y6U7i8O9p0Q1w2E3r4T5y6",
      "AKIAABCDEFGHIJKLMNOP",
      "glpat-abcdefghijklmnopqrst",
    ]) {
      const issue = ciHandlesSchema.safeParse(["octocat", secret]).error?.issues[0];
      expect(issue?.path, secret).toEqual([1]);
      expect(issue?.message).toMatch(/^Looks like a secret/);
      expect(issue?.message).not.toContain(secret.slice(0, 8));
    }
  });

  it("reads the form field and the stored column", () => {
    expect(splitCiHandles(" octocat, gitlab-jdoe\nci_user  ")).toEqual(["octocat", "gitlab-jdoe", "ci_user"]);
    expect(splitCiHandles("   ")).toEqual([]);
    expect(readCiHandles('["a","b"]')).toEqual(["a", "b"]);
    expect(readCiHandles("not json")).toEqual([]);
    expect(readCiHandles('{"a":1}')).toEqual([]);
  });
});
