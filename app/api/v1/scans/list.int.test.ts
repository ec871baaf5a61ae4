import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import { GET } from "./route";

// GET /api/v1/scans through its real route() wrapper: the /scans page's list of recent scans,
// newest first, paged, each with its counts; for the people who scan and read tokens.

const T0 = new Date("2026-11-01T10:00:00Z").getTime();

describeRoute("GET /api/v1/scans", (route) => {
  let tokens: Record<"read" | "ingest", string>;

  beforeAll(async () => {
    const db = route.db();
    tokens = await route.seedApiTokens({ read: { scope: "read" }, ingest: { scope: "ingest" } });
    for (let i = 0; i < 3; i++) {
      await db.scanBatch.create({
        data: {
          actorType: "user",
          actorLabel: `person ${i}`,
          source: i === 2 ? "api" : "upload",
          startedAt: new Date(T0 + i * 60_000),
          finishedAt: new Date(T0 + i * 60_000 + 1000),
          totalFiles: i + 2,
          signedFiles: i + 1,
          unsignedFiles: 1,
        },
      });
    }
  });

  const get = (query: string, token = tokens.read) =>
    jsonAnswer(GET(tokenRequest(`/api/v1/scans${query}`, token), noParams));

  it("answers the scans newest first, a page at a time, with the total and each scan's counts", async () => {
    const { status, body } = await get("?pageSize=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.rows.map((r: { actorLabel: string }) => r.actorLabel)).toEqual(["person 2", "person 1"]);
    expect(body.rows[0]).toMatchObject({
      source: "api",
      startedAt: new Date(T0 + 120_000).toISOString(),
      totalFiles: 4,
      signedFiles: 3,
      unsignedFiles: 1,
      malformedFiles: 0,
      failedFiles: 0,
    });
    const last = await get("?pageSize=2&page=2");
    expect(last.body.rows.map((r: { actorLabel: string }) => r.actorLabel)).toEqual(["person 0"]);
  });

  it("is for the people who scan and read tokens: an owner, an auditor and an ingest token are refused", async () => {
    expect((await get("", tokens.ingest)).status).toBe(403);
    for (const role of ["owner", "auditor"] as const) {
      const { cookie } = await route.seedSignedInUser(role);
      expect((await GET(sessionRequest("/api/v1/scans", cookie), noParams)).status).toBe(403);
    }
    const analyst = await route.seedSignedInUser("analyst");
    expect((await GET(sessionRequest("/api/v1/scans", analyst.cookie), noParams)).status).toBe(200);
  });
});
