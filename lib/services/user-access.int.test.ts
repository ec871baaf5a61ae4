import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST as deactivateRoute } from "@/app/api/v1/people/[id]/deactivate/route";
import { POST as createPersonRoute } from "@/app/api/v1/people/route";
import { POST as reassignRoute } from "@/app/api/v1/signers/reassign/route";
import { PATCH as patchSignerRoute } from "@/app/api/v1/signers/[id]/route";
import { PATCH as patchUserRoute } from "@/app/api/v1/users/[id]/route";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import { AppError } from "@/lib/api/errors";
import { generateApiToken } from "@/lib/api/tokens";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import type { Role } from "@/lib/domain/authz";
import type { Actor } from "@/lib/domain/actor";
import { describeEachDatabase } from "@/lib/testing/databases";
import { changeUserAccess } from "./change-user-access";
import { deactivatePerson } from "./deactivate-person";
import { reactivatePerson } from "./reactivate-person";

// Issue 14's probe findings about people, users and token scopes, as regression tests: through the
// real services and route handlers (API-token authentication, scopes) on real databases.

const T = new Date("2026-11-20T10:00:00Z");
const actorOf = (id: string, role: Role): Actor => ({ type: "user", id, label: `${id}@acme.example`, role });
const ADMIN = actorOf("admin-1", "admin");
const ANALYST = actorOf("analyst-1", "analyst");

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal, the change went through");
}

describeEachDatabase("who may cut whom off (issue 14)", (database) => {
  let db: Db;
  let previousUrl: string | undefined;
  const tokens: Record<string, string> = {};
  const people: Record<string, string> = {};
  let signerId: string;

  async function user(id: string, role: Role, personEmail?: string) {
    const personId = personEmail ? (await createPerson(db, { name: id, email: personEmail })).id : null;
    if (personId) people[id] = personId;
    await db.user.create({ data: { id, name: id, email: `${id}@acme.example`, role, personId } });
    await db.session.create({
      data: { id: `s-${id}`, token: `session-${id}`, userId: id, expiresAt: new Date("2099-01-01") },
    });
  }

  const state = async (id: string) => {
    const u = await db.user.findUniqueOrThrow({ where: { id }, include: { person: true, sessions: true } });
    return { role: u.role, banned: Boolean(u.banned), isActive: u.person?.isActive, sessions: u.sessions.length };
  };

  const call = (
    handler: (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>,
    init: { method: string; path: string; token: string; body?: unknown; params?: Record<string, string> },
  ) =>
    handler(
      new NextRequest(`http://localhost${init.path}`, {
        method: init.method,
        headers: { authorization: `Bearer ${tokens[init.token]}`, "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
      { params: Promise.resolve(init.params ?? {}) },
    );

  const patchSigner = (token: string, body: unknown) =>
    call(patchSignerRoute, {
      method: "PATCH",
      path: `/api/v1/signers/${signerId}`,
      token,
      body,
      params: { id: signerId },
    });

  beforeAll(async () => {
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  beforeEach(async () => {
    await db.apiToken.deleteMany();
    await db.auditEvent.deleteMany();
    await db.session.deleteMany();
    await db.signer.deleteMany();
    await db.user.deleteMany();
    await db.person.deleteMany();
    await user("admin-1", "admin", "admin-1@acme.example");
    await user("analyst-1", "analyst");
    await user("owner-1", "owner", "owner-1@acme.example");
    const other = await createPerson(db, { name: "Mallory", email: "mallory@acme.example" });
    people.mallory = other.id;
    signerId = (
      await createSigner(db, { name: "release-signer", kind: "ci-pipeline", primaryOwnerId: people["owner-1"] })
    ).id;
    for (const scopes of [
      "ingest",
      "people:write",
      "owners:write",
      "signers:write",
      "users:write",
      "ingest signers:write",
    ]) {
      const t = generateApiToken();
      await db.apiToken.create({
        data: { name: scopes, tokenHash: t.hash, prefix: t.prefix, scope: scopes, createdById: "admin-1" },
      });
      tokens[scopes] = t.token;
    }
  });

  it("an analyst cannot deactivate the person linked to an admin: 403 and nothing changed", async () => {
    const before = await state("admin-1");
    const r = await refusal(deactivatePerson(db, people["admin-1"], { actor: ANALYST, now: T }));
    expect(r).toMatchObject({
      code: "forbidden",
      status: 403,
      message: expect.stringMatching(/Only an administrator/),
    });
    expect(await state("admin-1")).toEqual(before);
    expect(before).toEqual({ role: "admin", banned: false, isActive: true, sessions: 1 });
    expect(await db.auditEvent.count({ where: { action: "person.deactivated" } })).toBe(0);
  });

  it("an ingest token cannot deactivate anyone; a people:write token cannot deactivate an admin's person", async () => {
    const path = `/api/v1/people/${people["admin-1"]}/deactivate`;
    const params = { id: people["admin-1"] };
    const ingest = await call(deactivateRoute, { method: "POST", path, token: "ingest", body: {}, params });
    expect(ingest.status).toBe(403);
    expect((await ingest.json()).error.message).toMatch(/needs people:write/);
    const people_ = await call(deactivateRoute, { method: "POST", path, token: "people:write", body: {}, params });
    expect(people_.status).toBe(403);
    expect((await people_.json()).error.message).toMatch(/Only an administrator/);
    expect(await state("admin-1")).toEqual({ role: "admin", banned: false, isActive: true, sessions: 1 });
    // ...but it may for someone who is not an administrator
    const owner = await call(deactivateRoute, {
      method: "POST",
      path: `/api/v1/people/${people["owner-1"]}/deactivate`,
      token: "people:write",
      body: {},
      params: { id: people["owner-1"] },
    });
    expect(owner.status).toBe(200);
    expect(await state("owner-1")).toEqual({ role: "owner", banned: true, isActive: false, sessions: 0 });
  });

  it("an ingest token cannot add people, re-own a signer or hand signers over", async () => {
    const postAsIngest = (handler: Parameters<typeof call>[0], path: string, body: unknown) =>
      call(handler, { method: "POST", path, token: "ingest", body });
    const added = await postAsIngest(createPersonRoute, "/api/v1/people", { name: "Eve", email: "eve@acme.example" });
    expect(added.status).toBe(403);
    for (const token of ["ingest", "ingest signers:write", "signers:write"]) {
      const res = await patchSigner(token, { primaryOwner: "mallory@acme.example" });
      expect(res.status, token).toBe(403);
    }
    const handover = await postAsIngest(reassignRoute, "/api/v1/signers/reassign", {
      fromPerson: "owner-1@acme.example",
      toPerson: "mallory@acme.example",
    });
    expect(handover.status).toBe(403);
    const signer = await db.signer.findUniqueOrThrow({ where: { id: signerId } });
    expect(signer.primaryOwnerId).toBe(people["owner-1"]);
    expect(await db.person.count({ where: { email: "eve@acme.example" } })).toBe(0);
    // owners:write re-owns; it does not edit the signer's other details
    const details = await patchSigner("owners:write", {
      primaryOwner: "mallory@acme.example",
      description: "taken over",
    });
    expect(details.status).toBe(403);
    expect((await details.json()).error.message).toMatch(/signers:write/);
    const reowned = await patchSigner("owners:write", { primaryOwner: "mallory@acme.example" });
    expect(reowned.status).toBe(200);
    expect((await db.signer.findUniqueOrThrow({ where: { id: signerId } })).primaryOwnerId).toBe(people.mallory);
  });

  it("an existing ingest token (migrated to ingest signers:write) still edits a signer's details", async () => {
    const res = await patchSigner("ingest signers:write", { description: "built by the release pipeline" });
    expect(res.status).toBe(200);
  });

  it("user changes need an administrator or users:write", async () => {
    expect(
      await refusal(
        changeUserAccess(db, "owner-1", { action: "change-role", role: "admin" }, { actor: ANALYST, now: T }),
      ),
    ).toMatchObject({ status: 403 });
    for (const token of ["ingest", "people:write", "owners:write"]) {
      const res = await call(patchUserRoute, {
        method: "PATCH",
        path: "/api/v1/users/owner-1",
        token,
        body: { isDisabled: true },
        params: { id: "owner-1" },
      });
      expect(res.status, token).toBe(403);
      expect((await call(listUsersRoute, { method: "GET", path: "/api/v1/users", token })).status).toBe(403);
    }
    expect(await state("owner-1")).toMatchObject({ role: "owner", banned: false, sessions: 1 });
    const list = await call(listUsersRoute, { method: "GET", path: "/api/v1/users", token: "users:write" });
    expect(list.status).toBe(200);
    expect((await list.json()).rows).toHaveLength(3);
  });

  it("the last active admin can never be demoted, disabled or have their person deactivated", async () => {
    for (const body of [{ role: "analyst" }, { isDisabled: true }]) {
      const res = await call(patchUserRoute, {
        method: "PATCH",
        path: "/api/v1/users/admin-1",
        token: "users:write",
        body,
        params: { id: "admin-1" },
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toMatch(/last active administrator/);
    }
    expect(await refusal(deactivatePerson(db, people["admin-1"], { actor: ADMIN, now: T }))).toMatchObject({
      status: 409,
    });
    expect(await state("admin-1")).toEqual({ role: "admin", banned: false, isActive: true, sessions: 1 });
    // a second administrator makes it possible, and the change is audited with before and after
    await changeUserAccess(db, "analyst-1", { action: "change-role", role: "admin" }, { actor: ADMIN, now: T });
    const r = await call(patchUserRoute, {
      method: "PATCH",
      path: "/api/v1/users/admin-1",
      token: "users:write",
      body: { isDisabled: true, reason: "on leave" },
      params: { id: "admin-1" },
    });
    expect(r.status).toBe(200);
    expect(await state("admin-1")).toMatchObject({ banned: true, sessions: 0 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.disabled", targetId: "admin-1" } });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({
      before: { role: "admin", isDisabled: false },
      after: { role: "admin", isDisabled: true },
      reason: "on leave",
    });
    expect(audit.actorType).toBe("token");
    // now analyst-1 is the last active one
    expect(
      await refusal(changeUserAccess(db, "analyst-1", { action: "disable" }, { actor: ADMIN, now: T })),
    ).toMatchObject({ status: 409 });
  });

  it("re-enabling undoes the ban of a person who left, once the person is back", async () => {
    await deactivatePerson(db, people["owner-1"], { actor: ADMIN, now: T });
    expect(await state("owner-1")).toMatchObject({ banned: true, isActive: false });
    const refused = await refusal(changeUserAccess(db, "owner-1", { action: "enable" }, { actor: ADMIN, now: T }));
    expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/mark them as back/) });
    const back = await reactivatePerson(db, people["owner-1"], { actor: ANALYST, now: T });
    expect(back).toMatchObject({ userId: "owner-1", isUserDisabled: true });
    const r = await changeUserAccess(db, "owner-1", { action: "enable" }, { actor: ADMIN, now: T });
    expect(r).toMatchObject({ isDisabled: false, isChanged: true });
    const u = await db.user.findUniqueOrThrow({ where: { id: "owner-1" } });
    expect({ banned: u.banned, banReason: u.banReason }).toEqual({ banned: false, banReason: null });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.enabled", targetId: "owner-1" } });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({
      before: { isDisabled: true, banReason: expect.stringMatching(/Left the company/) },
      after: { isDisabled: false },
    });
    expect(await db.auditEvent.count({ where: { action: "person.reactivated" } })).toBe(1);
  });

  it("two concurrent demotions of the last two admins: exactly one passes", async () => {
    await changeUserAccess(db, "analyst-1", { action: "change-role", role: "admin" }, { actor: ADMIN, now: T });
    // PostgreSQL: two clients, as two app instances would have, each its own connection and
    // transaction. SQLite: one client (better-sqlite3 waits for a lock synchronously, so two
    // connections in one process would block each other's commit); its transactions queue on
    // the client, so this still fails if the admins were counted outside the transaction.
    const [a, b] = database.flavour === "postgres" ? [createDb(database.url), createDb(database.url)] : [db, db];
    try {
      for (let round = 0; round < 4; round++) {
        const results = await Promise.allSettled([
          changeUserAccess(a, "admin-1", { action: "change-role", role: "analyst" }, { actor: ADMIN, now: T }),
          changeUserAccess(
            b,
            "analyst-1",
            round % 2 ? { action: "disable" } : { action: "change-role", role: "owner" },
            { actor: actorOf("analyst-1", "admin"), now: T },
          ),
        ]);
        const refused = results.filter((r) => r.status === "rejected");
        expect(refused, `round ${round}`).toHaveLength(1);
        const reason = (refused[0] as PromiseRejectedResult).reason as unknown;
        expect(reason).toBeInstanceOf(AppError);
        expect((reason as AppError).status).toBe(409);
        const active = await db.user.count({ where: { role: "admin", OR: [{ banned: false }, { banned: null }] } });
        expect(active).toBe(1);
        // restore two active admins for the next round
        await db.user.updateMany({
          where: { id: { in: ["admin-1", "analyst-1"] } },
          data: { role: "admin", banned: false },
        });
      }
    } finally {
      if (a !== db) await Promise.all([a.$disconnect(), b.$disconnect()]);
    }
  });
});
