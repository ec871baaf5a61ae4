import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonBody, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { createPerson, createTeam } from "@/lib/db/people/people";
import { GET, PATCH } from "./route";

// PATCH /api/v1/people/{id}: a person's team (and CI accounts, tested with approvals in
// lib/services/approvals.int.test.ts), through the real wrapper against a real database.

describeRoute("/api/v1/people/{id}", (route) => {
  let db: Db;
  let tokens: Record<"read" | "people", string>;
  let personId: string;

  beforeAll(async () => {
    db = route.db();
    await createTeam(db, { name: "Release", email: "release@acme.example", description: null });
    await createTeam(db, { name: "Platform", email: null, description: null });
    personId = (await createPerson(db, { name: "Tess Team", email: "tess@acme.example", teamId: null, ciHandles: [] }))
      .id;
    tokens = await route.seedApiTokens({ read: { scope: "read" }, people: { scope: "people:write" } });
  });

  const patch = (token: string, body: unknown) =>
    PATCH(
      tokenRequest(`/api/v1/people/${personId}`, token, {
        method: "PATCH",
        ...jsonBody(body),
      }),
      { params: Promise.resolve({ id: personId }) },
    );
  const teamOf = async () =>
    (
      await (
        await GET(tokenRequest(`/api/v1/people/${personId}`, tokens.read), {
          params: Promise.resolve({ id: personId }),
        })
      ).json()
    ).team;

  it("moves a person to a team named by name or email, and to none; each move audited once", async () => {
    expect((await patch(tokens.read, { team: "Release" })).status).toBe(403);
    const moved = await patch(tokens.people, { team: "release@acme.example" });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ team: { name: "Release" } });
    expect(await teamOf()).toMatchObject({ name: "Release" });
    // the same team again changes nothing and writes no second audit event
    expect((await patch(tokens.people, { team: "RELEASE" })).status).toBe(200);
    const none = await patch(tokens.people, { team: null });
    expect(await none.json()).toEqual({ team: null });
    expect(await teamOf()).toBeNull();
    const events = await db.auditEvent.findMany({
      where: { action: "person.team-changed", targetId: personId },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.summary)).toEqual(["Tess Team moved to team Release", "Tess Team moved to no team"]);
  });

  it("refuses an unknown team and an empty change, naming the field", async () => {
    const unknown = await patch(tokens.people, { team: "Nobody's team" });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(await unknown.json())).toContain("No team Nobody's team");
    const empty = await patch(tokens.people, {});
    expect(empty.status).toBe(422);
    expect(JSON.stringify(await empty.json())).toContain("Give ciHandles, team or both");
    expect(await teamOf()).toBeNull();
  });
});
