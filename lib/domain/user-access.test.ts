import { describe, expect, it } from "vitest";
import type { Role } from "./authz";
import { decideAccessChange, type AccessActor, type AccessChange, type AccessTarget } from "./user-access";

const admin: AccessActor = { kind: "user", role: "admin" };
const analyst: AccessActor = { kind: "user", role: "analyst" };
const owner: AccessActor = { kind: "user", role: "owner" };
const ingest: AccessActor = { kind: "token", scopes: ["ingest"] };
const peopleToken: AccessActor = { kind: "token", scopes: ["people:write"] };
const usersToken: AccessActor = { kind: "token", scopes: ["users:write"] };

const user = (role: Role, isDisabled = false): AccessTarget => ({ user: { role, isDisabled } });
const nobody: AccessTarget = { user: null };
const disable: AccessChange = { kind: "disable-user" };
const enable: AccessChange = { kind: "enable-user" };
const deactivate: AccessChange = { kind: "deactivate-person" };
const reactivate: AccessChange = { kind: "reactivate-person" };
const toRole = (to: Role): AccessChange => ({ kind: "change-role", to });

type Row = [string, AccessActor, AccessChange, AccessTarget, number, "allow" | "forbidden" | "conflict"];

const table: Row[] = [
  // only an administrator can cut off an administrator
  ["analyst deactivates an admin's person", analyst, deactivate, user("admin"), 3, "forbidden"],
  ["ingest token deactivates an admin's person", ingest, deactivate, user("admin"), 3, "forbidden"],
  ["people:write token deactivates an admin's person", peopleToken, deactivate, user("admin"), 3, "forbidden"],
  ["users:write token deactivates an admin's person", usersToken, deactivate, user("admin"), 3, "allow"],
  ["admin deactivates another admin's person", admin, deactivate, user("admin"), 2, "allow"],
  ["analyst deactivates an owner's person", analyst, deactivate, user("owner"), 1, "allow"],
  ["people:write token deactivates a person with no user", peopleToken, deactivate, nobody, 1, "allow"],
  ["analyst deactivates an analyst's person", analyst, deactivate, user("analyst"), 1, "allow"],
  ["analyst reactivates an admin's person", analyst, reactivate, user("admin", true), 1, "allow"],
  // user changes are administrator work
  ["analyst disables an owner", analyst, disable, user("owner"), 2, "forbidden"],
  ["owner promotes themselves", owner, toRole("admin"), user("owner"), 2, "forbidden"],
  ["people:write token disables an owner", peopleToken, disable, user("owner"), 2, "forbidden"],
  ["analyst re-enables a user", analyst, enable, user("owner", true), 2, "forbidden"],
  ["admin disables an owner", admin, disable, user("owner"), 1, "allow"],
  ["users:write token disables an owner", usersToken, disable, user("owner"), 1, "allow"],
  ["admin promotes an analyst", admin, toRole("admin"), user("analyst"), 1, "allow"],
  ["admin demotes one of two admins", admin, toRole("analyst"), user("admin"), 2, "allow"],
  ["admin disables one of two admins", admin, disable, user("admin"), 2, "allow"],
  // the last active administrator
  ["admin demotes the last admin", admin, toRole("owner"), user("admin"), 1, "conflict"],
  ["admin disables the last admin", admin, disable, user("admin"), 1, "conflict"],
  ["admin deactivates the last admin's person", admin, deactivate, user("admin"), 1, "conflict"],
  ["users:write token demotes the last admin", usersToken, toRole("analyst"), user("admin"), 1, "conflict"],
  ["system disables the last admin", { kind: "system" }, disable, user("admin"), 1, "conflict"],
  ["admin keeps the last admin an admin", admin, toRole("admin"), user("admin"), 1, "allow"],
  // a disabled admin is not the one keeping the installation reachable
  ["admin demotes a disabled admin when one other is active", admin, toRole("owner"), user("admin", true), 1, "allow"],
  ["admin re-enables a disabled admin", admin, enable, user("admin", true), 1, "allow"],
];

describe("decideAccessChange", () => {
  it.each(table)("%s", (_name, actor, change, target, activeAdminCount, expected) => {
    const decision = decideAccessChange({ actor, change, target, activeAdminCount });
    expect(decision.isAllowed ? "allow" : decision.code).toBe(expected);
  });

  it("refuses to re-enable a user whose person has left, naming the way out", () => {
    const decision = decideAccessChange({
      actor: admin,
      change: enable,
      target: { user: { role: "owner", isDisabled: true }, isPersonLeft: true },
      activeAdminCount: 1,
    });
    expect(decision).toEqual({
      isAllowed: false,
      code: "conflict",
      message: expect.stringMatching(/mark them as back/),
    });
  });

  it("names the last-admin rule so the person refused knows what to do", () => {
    const decision = decideAccessChange({ actor: admin, change: disable, target: user("admin"), activeAdminCount: 1 });
    expect(decision.isAllowed ? "" : decision.message).toMatch(/last active administrator/);
  });
});
