import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import { GET } from "./route";

// GET /api/v1/incidents through its real route() wrapper: the /incidents page's read model, paged,
// by kind, the total counted under the list's own conditions, with each one's durations and task
// counts; owners read those covering their signers only; `incidents` stays for older callers.

const HOUR = 3_600_000;
const T0 = new Date("2026-11-01T10:00:00Z").getTime();

describeRoute("GET /api/v1/incidents", (route) => {
  let analystCookie: string;
  let ownerCookie: string;

  beforeAll(async () => {
    const db = route.db();
    analystCookie = (await route.seedSignedInUser("analyst")).cookie;
    const carla = await route.seedSignedInOwner({ name: "Carla", email: "carla@example.test" });
    ownerCookie = carla.cookie;
    const own = await db.signer.create({
      data: { name: "carlas-bot", kind: "ci-pipeline", primaryOwnerId: carla.personId },
    });
    const other = await db.signer.create({ data: { name: "other-bot", kind: "ci-pipeline" } });
    // declared an hour apart: compromise (own, contained after 2 h), drill (other), drill (own, closed)
    const incidents: [string, string, string][] = [
      ["compromise", own.id, "open"],
      ["drill", other.id, "open"],
      ["drill", own.id, "closed"],
    ];
    for (const [i, [mode, signerId, status]] of incidents.entries()) {
      const declaredAt = new Date(T0 + i * HOUR);
      await db.incident.create({
        data: {
          mode,
          subjectType: "signer",
          subjectId: signerId,
          subjectLabel: `signer ${i}`,
          reason: "test",
          suspectedAt: declaredAt,
          declaredAt,
          declaredByLabel: "analyst",
          status,
          containedAt: i === 0 ? new Date(declaredAt.getTime() + 2 * HOUR) : null,
          closedAt: status === "closed" ? new Date(declaredAt.getTime() + HOUR) : null,
          signers: { create: { signerId, statusBefore: "active" } },
          tasks: {
            create: [
              { environment: "production", artifactType: "container", status: "open" },
              { environment: "staging", artifactType: "container", status: i === 0 ? "done" : "open" },
            ],
          },
        },
      });
    }
  });

  const get = (query: string, cookie = analystCookie) =>
    jsonAnswer(GET(sessionRequest(`/api/v1/incidents${query}`, cookie), noParams));
  const labels = (body: { rows: { subjectLabel: string }[] }) => body.rows.map((r) => r.subjectLabel);

  it("answers a page, newest first, with the total, durations, task counts and the rows again as `incidents`", async () => {
    const { status, body } = await get("?pageSize=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(labels(body)).toEqual(["signer 2", "signer 1"]);
    expect(body.incidents).toEqual(body.rows);
    const second = await get("?pageSize=2&page=2");
    expect(second.body.rows).toEqual([
      expect.objectContaining({
        subjectLabel: "signer 0",
        mode: "compromise",
        declaredAt: new Date(T0).toISOString(),
        msToContain: 2 * HOUR,
        msToRecover: null,
        taskCount: 2,
        openTaskCount: 1,
      }),
    ]);
  });

  it("filters by kind and counts what it lists; an unknown kind is refused", async () => {
    const drills = await get("?mode=drill");
    expect(labels(drills.body)).toEqual(["signer 2", "signer 1"]);
    expect(drills.body.total).toBe(2);
    expect((await get("?mode=exercise")).status).toBe(422);
  });

  it("shows an owner the incidents covering their signers only", async () => {
    const { body } = await get("", ownerCookie);
    expect(labels(body)).toEqual(["signer 2", "signer 0"]);
    expect(body.total).toBe(2);
  });

  it("is not open to API tokens", async () => {
    const { read } = await route.seedApiTokens({ read: { scope: "read" } });
    const res = await GET(tokenRequest("/api/v1/incidents", read), noParams);
    expect(res.status).toBe(403);
  });
});
