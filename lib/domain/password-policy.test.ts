import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy (issue 14: twelve spaces was an accepted password)", () => {
  it.each([
    ["            "],
    ["short-pw1"],
    ["password1234"],
    ["aaaaaaaaaaaaaaaa"],
    ["123456789012"],
    ["qwertyuiopasdf"],
  ])("refuses %j", (pw) => {
    expect(passwordProblem(pw)).toMatch(/characters|guess|spaces/);
  });

  it("refuses a password built from the user's own name and email", () => {
    expect(passwordProblem("ada.admin@example.test", ["Ada Admin", "ada.admin@example.test"])).toMatch(/name or email/);
  });

  it.each([["correct-horse-battery-staple"], ["vivid-lantern-oxide-97"], ["Tq8#pL2!vZr9wX"]])("accepts %j", (pw) => {
    expect(passwordProblem(pw)).toBeNull();
  });
});
