import { describe, expect, it } from "vitest";
import { actorUserId, SYSTEM_ACTOR } from "./actor";

describe("actorUserId", () => {
  it("names the user behind a user's action, and nobody behind a token's, the system's or an anonymous one", () => {
    expect(actorUserId({ type: "user", id: "u1", label: "a@example.com" })).toBe("u1");
    expect(actorUserId({ type: "token", id: "t1", label: "ci" })).toBeNull();
    expect(actorUserId(SYSTEM_ACTOR)).toBeNull();
    expect(actorUserId({ type: "anonymous", label: "link" })).toBeNull();
  });
});
