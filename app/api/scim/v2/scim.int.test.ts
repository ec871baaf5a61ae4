import { beforeAll, expect, it } from "vitest";
import type { NextRequest } from "next/server";
import { describeRoute, tokenRequest } from "@/lib/api/testing/route-test";
import { createSigner } from "@/lib/db/signers/signers";
import { GET as getGroup } from "./Groups/[id]/route";
import { POST as postGroup } from "./Groups/route";
import { GET as resourceTypes } from "./ResourceTypes/route";
import { GET as schemas } from "./Schemas/route";
import { GET as serviceProviderConfig } from "./ServiceProviderConfig/route";
import { DELETE as deleteUser, GET as getUser, PATCH as patchUser, PUT as putUser } from "./Users/[id]/route";
import { GET as listUsers, POST as postUser } from "./Users/route";

// An identity provider's SCIM client against the real route handlers: it creates a person, finds
// them by userName, renames them, and deactivates them the way Microsoft Entra ID does (PATCH
// active "False"): their signers become orphaned and the orphaned-signer finding opens, which is
// what alerts the security team. Every change is in the audit log under the token's name.

type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

describeRoute("SCIM 2.0 under /api/scim/v2", (route) => {
  let tokens: Record<"scim" | "read", string>;
  beforeAll(async () => {
    tokens = await route.seedApiTokens({ scim: { scope: "scim" }, read: { scope: "read" } });
  });

  async function call(
    handler: Handler,
    path: string,
    init: { method?: string; body?: unknown; token?: string; params?: Record<string, string> } = {},
  ) {
    const req = tokenRequest(path, init.token ?? tokens.scim, {
      method: init.method ?? "GET",
      ...(init.body === undefined
        ? {}
        : { body: JSON.stringify(init.body), contentType: "application/scim+json; charset=utf-8" }),
    });
    const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : null };
  }

  it("describes itself: service provider config, resource types and schemas", async () => {
    const config = await call(serviceProviderConfig, "/api/scim/v2/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.type).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = await call(resourceTypes, "/api/scim/v2/ResourceTypes");
    expect(types.body.Resources.map((r: { name: string }) => r.name).sort()).toEqual(["Group", "User"]);
    const all = await call(schemas, "/api/scim/v2/Schemas");
    expect(all.body.Resources.map((r: { id: string }) => r.id)).toContain(USER_SCHEMA);
  });

  it("creates, finds, renames and deactivates a person: their signers become orphaned", async () => {
    const db = route.db();
    const created = await call(postUser, "/api/scim/v2/Users", {
      method: "POST",
      body: {
        schemas: [USER_SCHEMA],
        userName: "Dana.Leaver@acme.example",
        externalId: "00u-dana",
        name: { givenName: "Dana", familyName: "Leaver" },
        emails: [{ value: "Dana.Leaver@acme.example", type: "work", primary: true }],
        active: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName: "dana.leaver@acme.example",
      externalId: "00u-dana",
      displayName: "Dana Leaver",
      active: true,
    });
    const id = created.body.id as string;
    expect(created.body.meta.location).toMatch(new RegExp(`/api/scim/v2/Users/${id}$`));
    const signer = await createSigner(db, { name: "dana-release", kind: "ci-pipeline", primaryOwnerId: id });
    // the security team's chat channel, subscribed to opened findings
    await db.webhookSubscription.create({
      data: {
        name: "security chat",
        url: "https://hooks.example.test/security",
        eventsJson: JSON.stringify(["finding.opened"]),
        secretCiphertext: "unused-in-this-test",
      },
    });

    // the lookup identity providers make before creating someone (userName compares case-insensitively)
    const found = await call(
      listUsers,
      `/api/scim/v2/Users?filter=${encodeURIComponent('userName eq "DANA.leaver@acme.example"')}`,
    );
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const none = await call(listUsers, `/api/scim/v2/Users?filter=${encodeURIComponent('externalId eq "nobody"')}`);
    expect(none.body.totalResults).toBe(0);
    const duplicate = await call(postUser, "/api/scim/v2/Users", {
      method: "POST",
      body: { schemas: [USER_SCHEMA], userName: "dana.leaver@acme.example" },
    });
    expect(duplicate).toMatchObject({ status: 409, body: { schemas: [ERROR_SCHEMA], scimType: "uniqueness" } });

    const renamed = await call(patchUser, `/api/scim/v2/Users/${id}`, {
      method: "PATCH",
      params: { id },
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Dana Q. Leaver" }] },
    });
    expect(renamed).toMatchObject({ status: 200, body: { displayName: "Dana Q. Leaver" } });
    expect((await db.person.findUniqueOrThrow({ where: { id } })).name).toBe("Dana Q. Leaver");

    // Entra ID's form of the leaver: op "Replace" and the string "False"
    const left = await call(patchUser, `/api/scim/v2/Users/${id}`, {
      method: "PATCH",
      params: { id },
      body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] },
    });
    expect(left).toMatchObject({ status: 200, body: { active: false } });
    expect((await db.person.findUniqueOrThrow({ where: { id } })).isActive).toBe(false);
    const finding = await db.finding.findFirst({
      where: { subjectType: "signer", subjectId: signer.id, ruleId: "signer.orphaned", resolvedAt: null },
    });
    expect(finding).not.toBeNull();
    // …and the alert to the security team is queued through the findings' own webhook path
    const alerts = await db.webhookDelivery.findMany({ where: { eventType: "finding.opened" } });
    expect(alerts.filter((a) => a.payloadJson.includes(finding!.id))).toHaveLength(1);

    const audit = await db.auditEvent.findMany({
      where: { targetId: { in: [id, signer.id] } },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual([
      "person.created",
      "person.updated",
      "person.deactivated",
      "signer.owner-left",
    ]);
    expect(audit.every((e) => e.actorType === "token" && (e.actorLabel ?? "").includes("(scim)"))).toBe(true);

    // a full replace (PUT) that says active again: the person is back; DELETE marks them as left again
    const back = await call(putUser, `/api/scim/v2/Users/${id}`, {
      method: "PUT",
      params: { id },
      body: {
        schemas: [USER_SCHEMA],
        userName: "dana.leaver@acme.example",
        displayName: "Dana Q. Leaver",
        active: true,
      },
    });
    expect(back).toMatchObject({ status: 200, body: { active: true } });
    expect((await call(deleteUser, `/api/scim/v2/Users/${id}`, { method: "DELETE", params: { id } })).status).toBe(204);
    expect((await call(getUser, `/api/scim/v2/Users/${id}`, { params: { id } })).body.active).toBe(false);
  });

  it("pushes a group as a team with its members", async () => {
    const db = route.db();
    const member = await call(postUser, "/api/scim/v2/Users", {
      method: "POST",
      body: { schemas: [USER_SCHEMA], userName: "gus@acme.example", displayName: "Gus" },
    });
    const group = await call(postGroup, "/api/scim/v2/Groups", {
      method: "POST",
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        displayName: "Payments release",
        members: [{ value: member.body.id }],
      },
    });
    expect(group.status).toBe(201);
    expect((await db.person.findUniqueOrThrow({ where: { id: member.body.id } })).teamId).toBe(group.body.id);
    const read = await call(getGroup, `/api/scim/v2/Groups/${group.body.id}`, { params: { id: group.body.id } });
    expect(read.body).toMatchObject({
      displayName: "Payments release",
      members: [{ value: member.body.id, display: "Gus" }],
    });
  });

  it("answers refusals and unknown ids in SCIM's error form", async () => {
    const wrongScope = await call(listUsers, "/api/scim/v2/Users", { token: tokens.read });
    expect(wrongScope).toMatchObject({ status: 403, body: { schemas: [ERROR_SCHEMA], status: "403" } });
    const unknownToken = await call(listUsers, "/api/scim/v2/Users", { token: "sgt_not-a-real-token" });
    expect(unknownToken).toMatchObject({ status: 401, body: { schemas: [ERROR_SCHEMA] } });
    const missing = await call(getUser, "/api/scim/v2/Users/nope", { params: { id: "nope" } });
    expect(missing).toMatchObject({ status: 404, body: { schemas: [ERROR_SCHEMA], status: "404" } });
    const badFilter = await call(listUsers, `/api/scim/v2/Users?filter=${encodeURIComponent('userName zz "a"')}`);
    expect(badFilter).toMatchObject({ status: 400, body: { schemas: [ERROR_SCHEMA] } });
  });
});
