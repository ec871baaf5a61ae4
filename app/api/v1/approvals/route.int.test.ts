import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import { GET } from "./route";

// GET /api/v1/approvals through its real route() wrapper: the /approvals page's read model, paged,
// by state at the time of asking and by signer, the total counted under the list's own conditions;
// owners read their signers' requests only; `approvals` stays for older callers.

const HOUR = 3_600_000;

describeRoute("GET /api/v1/approvals", (route) => {
  let read: string;
  let ownerCookie: string;
  let ownSignerId: string;

  beforeAll(async () => {
    const db = route.db();
    ({ read } = await route.seedApiTokens({ read: { scope: "read" } }));
    const carla = await route.seedSignedInOwner({ name: "Carla", email: "carla@example.test" });
    ownerCookie = carla.cookie;
    const now = Date.now();
    const signer = async (name: string, primaryOwnerId?: string) => {
      const s = await db.signer.create({ data: { name, kind: "ci-pipeline", primaryOwnerId } });
      const p = await db.privilege.create({
        data: { signerId: s.id, scope: "sign:release", environment: "production", isJustInTime: true },
      });
      return { signerId: s.id, privilegeId: p.id };
    };
    const own = await signer("carlas-bot", carla.personId);
    ownSignerId = own.signerId;
    const other = await signer("someone-elses-bot");
    // 5 requests, one a minute apart: pending, approved, refused, expired (window over), pending (other signer)
    const rows: [typeof own, string, number][] = [
      [own, "pending", 2],
      [own, "approved", 2],
      [own, "refused", 2],
      [own, "approved", -1],
      [other, "pending", 2],
    ];
    for (const [i, [s, status, endsInHours]] of rows.entries()) {
      await db.approvalRequest.create({
        data: {
          ...s,
          environment: "production",
          reason: `release ${i}`,
          windowStartsAt: new Date(now - 2 * HOUR),
          windowEndsAt: new Date(now + endsInHours * HOUR),
          requestedByType: "token",
          requestedByLabel: "pipeline",
          requestedAt: new Date(now - 10 * 60_000 + i * 60_000),
          status,
        },
      });
    }
  });

  const get = (query: string, auth: { token?: string; cookie?: string } = { token: read }) => {
    const url = `/api/v1/approvals${query}`;
    return jsonAnswer(GET(auth.cookie ? sessionRequest(url, auth.cookie) : tokenRequest(url, auth.token!), noParams));
  };

  it("answers a page of requests, newest first, with the total and the rows again as `approvals`", async () => {
    const { status, body } = await get("?pageSize=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(body.rows.map((r: { reason: string }) => r.reason)).toEqual(["release 4", "release 3"]);
    expect(body.approvals).toEqual(body.rows);
    const last = await get("?pageSize=2&page=3");
    expect(last.body.rows.map((r: { reason: string }) => r.reason)).toEqual(["release 0"]);
    expect(last.body.total).toBe(5);
  });

  it("filters by the state at the time of asking and counts what it lists", async () => {
    const expired = await get("?state=expired");
    expect(expired.body.rows.map((r: { reason: string; state: string }) => [r.reason, r.state])).toEqual([
      ["release 3", "expired"],
    ]);
    expect(expired.body.total).toBe(1);
    const pending = await get("?state=pending");
    expect(pending.body.total).toBe(2);
    const bySigner = await get(`?signerId=${ownSignerId}&state=pending`);
    expect(bySigner.body.rows.map((r: { reason: string }) => r.reason)).toEqual(["release 0"]);
    expect(bySigner.body.total).toBe(1);
  });

  it("refuses an unknown state and a page size beyond the API's", async () => {
    expect((await get("?state=lost")).status).toBe(422);
    expect((await get("?pageSize=500")).status).toBe(422);
  });

  it("shows an owner their own signers' requests only", async () => {
    const { status, body } = await get("", { cookie: ownerCookie });
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.rows.every((r: { signer: { name: string } }) => r.signer.name === "carlas-bot")).toBe(true);
  });
});
