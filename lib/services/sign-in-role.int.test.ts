import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/authz";
import type { Actor } from "@/lib/domain/actor";
import { parseRoleMap } from "@/lib/domain/sso-roles";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { applySignInRole } from "./apply-sign-in-role";
import { changeUserAccess } from "./change-user-access";

// The group mapping of single sign-on against real databases: the role changes and is audited,
// a role managed by hand stays, and the last active administrator is never demoted.

const T = new Date("2026-12-03T10:00:00Z");
const mapping = { roleByGroup: parseRoleMap("signet-admins=admin,sec-team=analyst"), defaultRole: "owner" as const };
const ADMIN: Actor = { type: "user", id: "admin-1", label: "admin-1@acme.example", role: "admin" };

describeEachDatabase("sign-in role from identity-provider groups", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  const user = (id: string, role: Role) =>
    db.user.create({ data: { id, name: id, email: `${id}@acme.example`, role } });
  const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;
  const audits = (action: string) => db.auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });

  beforeEach(async () => {
    await db.auditEvent.deleteMany();
    await db.user.deleteMany();
    await user("admin-1", "admin");
    await user("olivia", "owner");
  });

  it("gives the mapped role and audits the change with the groups", async () => {
    const d = await applySignInRole(db, "olivia", ["sec-team", "everyone"], { mapping, now: T });
    expect(d).toMatchObject({ kind: "change", from: "owner", to: "analyst" });
    expect(await roleOf("olivia")).toBe("analyst");
    const [event] = await audits("user.role-changed");
    expect(event.summary).toBe("olivia@acme.example: role owner → analyst (identity-provider groups)");
    expect(JSON.parse(event.detailsJson)).toMatchObject({ via: "sso", groups: ["sec-team", "everyone"] });
    // the same groups next time: nothing to change, nothing audited
    expect(await applySignInRole(db, "olivia", ["sec-team"], { mapping, now: T })).toMatchObject({ kind: "unchanged" });
    expect(await audits("user.role-changed")).toHaveLength(1);
  });

  it("keeps a role an administrator manages by hand, audited as skipped", async () => {
    await changeUserAccess(db, "olivia", { action: "set-role-manual", isRoleManual: true }, { actor: ADMIN, now: T });
    expect((await audits("user.role-source-changed"))[0].summary).toContain("managed by hand");
    const d = await applySignInRole(db, "olivia", ["signet-admins"], { mapping, now: T });
    expect(d).toMatchObject({ kind: "kept", reason: "manual", mapped: "admin" });
    expect(await roleOf("olivia")).toBe("owner");
    expect(await audits("user.role-mapping-skipped")).toHaveLength(1);
  });

  it("never demotes the last active administrator, and demotes one of two", async () => {
    expect(await applySignInRole(db, "admin-1", [], { mapping, now: T })).toMatchObject({
      kind: "kept",
      reason: "last-admin",
    });
    expect(await roleOf("admin-1")).toBe("admin");
    await applySignInRole(db, "olivia", ["signet-admins"], { mapping, now: T });
    expect(await roleOf("olivia")).toBe("admin");
    await applySignInRole(db, "admin-1", [], { mapping, now: T });
    expect(await roleOf("admin-1")).toBe("owner");
    // olivia is now the last one
    await applySignInRole(db, "olivia", ["sec-team"], { mapping, now: T });
    expect(await roleOf("olivia")).toBe("admin");
  });

  it("only an administrator marks a role as managed by hand", async () => {
    const analyst: Actor = { type: "user", id: "x", label: "x", role: "analyst" };
    await expect(
      changeUserAccess(db, "olivia", { action: "set-role-manual", isRoleManual: true }, { actor: analyst, now: T }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
