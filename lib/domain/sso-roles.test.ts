import { describe, expect, it } from "vitest";
import { decideSignInRole, mapGroupsToRole, parseRoleMap, readGroups } from "./sso-roles";

const roleByGroup = parseRoleMap("signet-admins=admin, sec-team=analyst,auditors=auditor");
const mapping = { roleByGroup, defaultRole: "owner" as const };
const user = (role: "admin" | "analyst" | "owner" | "auditor", extra: { isRoleManual?: boolean } = {}) => ({
  role,
  isDisabled: false,
  isRoleManual: extra.isRoleManual ?? false,
});

describe("parseRoleMap", () => {
  it("reads group=role pairs, trimming spaces and skipping empty entries", () => {
    expect([...parseRoleMap(" a=admin,,b = auditor ,")]).toEqual([
      ["a", "admin"],
      ["b", "auditor"],
    ]);
    expect(parseRoleMap(undefined).size).toBe(0);
  });

  it("keeps an equals sign inside a group name (the role follows the last one)", () => {
    expect(parseRoleMap("CN=Signet Admins=admin").get("CN=Signet Admins")).toBe("admin");
  });

  it("refuses an unknown role, a missing group and a group mapped to two roles", () => {
    expect(() => parseRoleMap("a=root")).toThrow(/"a=root" is not group=role/);
    expect(() => parseRoleMap("=admin")).toThrow(/not group=role/);
    expect(() => parseRoleMap("admins")).toThrow(/not group=role/);
    expect(() => parseRoleMap("a=admin,a=owner")).toThrow(/mapped twice/);
  });
});

describe("readGroups", () => {
  it("reads an array claim, dropping non-strings and duplicates", () => {
    expect(readGroups({ groups: ["a", 1, "b", "a", ""] }, "groups")).toEqual(["a", "b"]);
  });

  it("reads a single string, a nested claim and a claim named with a dot", () => {
    expect(readGroups({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(readGroups({ realm_access: { roles: ["x", "y"] } }, "realm_access.roles")).toEqual(["x", "y"]);
    expect(readGroups({ "https://signet/groups": ["z"] }, "https://signet/groups")).toEqual(["z"]);
  });

  it("answers no groups when the claim is missing or of another type", () => {
    expect(readGroups({}, "groups")).toEqual([]);
    expect(readGroups({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(readGroups({ realm_access: ["x"] }, "realm_access.roles")).toEqual([]);
  });
});

describe("mapGroupsToRole", () => {
  it("gives the default role to a user in no mapped group", () => {
    expect(mapGroupsToRole(["everyone"], mapping)).toEqual({ role: "owner", matchedGroups: [] });
    expect(mapGroupsToRole([], { roleByGroup, defaultRole: "auditor" }).role).toBe("auditor");
  });

  it("gives the strongest role of the mapped groups, naming the groups that decided it", () => {
    expect(mapGroupsToRole(["auditors", "sec-team", "x"], mapping)).toEqual({
      role: "analyst",
      matchedGroups: ["sec-team"],
    });
    expect(mapGroupsToRole(["auditors", "signet-admins"], mapping).role).toBe("admin");
  });

  it("compares group names exactly", () => {
    expect(mapGroupsToRole(["Signet-Admins"], mapping).role).toBe("owner");
  });
});

describe("decideSignInRole", () => {
  it("changes the role to the mapped one, in both directions", () => {
    expect(decideSignInRole({ user: user("owner"), groups: ["sec-team"], mapping, activeAdminCount: 1 })).toEqual({
      kind: "change",
      from: "owner",
      to: "analyst",
      matchedGroups: ["sec-team"],
    });
    expect(decideSignInRole({ user: user("admin"), groups: [], mapping, activeAdminCount: 2 })).toMatchObject({
      kind: "change",
      to: "owner",
    });
  });

  it("leaves a role that already matches", () => {
    expect(decideSignInRole({ user: user("auditor"), groups: ["auditors"], mapping, activeAdminCount: 1 })).toEqual({
      kind: "unchanged",
      role: "auditor",
    });
  });

  it("keeps the role of a user managed by hand", () => {
    expect(
      decideSignInRole({ user: user("auditor", { isRoleManual: true }), groups: [], mapping, activeAdminCount: 1 }),
    ).toMatchObject({ kind: "kept", role: "auditor", mapped: "owner", reason: "manual" });
  });

  it("never demotes the last active administrator", () => {
    expect(decideSignInRole({ user: user("admin"), groups: ["auditors"], mapping, activeAdminCount: 1 })).toEqual({
      kind: "kept",
      role: "admin",
      mapped: "auditor",
      reason: "last-admin",
      matchedGroups: ["auditors"],
    });
  });

  it("may demote a disabled administrator even when no other is active", () => {
    const disabledAdmin = { ...user("admin"), isDisabled: true };
    expect(decideSignInRole({ user: disabledAdmin, groups: [], mapping, activeAdminCount: 0 }).kind).toBe("change");
  });
});
