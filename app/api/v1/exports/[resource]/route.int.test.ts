import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { GET } from "./route";

// The route through its real wrapper: which export each resource name runs (told by the CSV's first
// columns) with that list's filters, who may export the audit log, the headers, and the audit event
// every export writes. What each CSV holds is lib/db/inventory/exports.int.test.ts's.

const FIRST_COLUMNS = {
  certificates: "id,subject_cn",
  keys: "id,spki_sha256",
  findings: "id,severity",
  owners: "kind,id",
  audit: "at,actor_type",
  "gate-decisions": "decided_at,decision",
};

describeRoute("/api/v1/exports/[resource]", (route) => {
  let db: Db;
  let token: string;

  beforeAll(async () => {
    db = route.db();
    ({ read: token } = await route.seedApiTokens({ read: { scope: "read" } }));
    await db.team.create({ data: { id: "team-exported", name: "Exported team" } });
    await db.person.create({ data: { id: "person-exported", name: "Exported person", email: "x@example.test" } });
  });

  const get = (resource: string, query = "", request = (url: string) => tokenRequest(url, token)) =>
    GET(request(`/api/v1/exports/${resource}${query}`), { params: Promise.resolve({ resource }) });

  it.each(Object.entries(FIRST_COLUMNS).filter(([resource]) => resource !== "audit"))(
    "%s: that list's CSV, as an attachment, audited",
    async (resource, firstColumns) => {
      const res = await get(resource);
      expect(res.status).toBe(200);
      const day = new Date().toISOString().slice(0, 10);
      expect(Object.fromEntries(res.headers)).toMatchObject({
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="signet-${resource}-${day}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      expect(await res.text()).toMatch(new RegExp(`^${firstColumns},`));
      const event = await db.auditEvent.findFirstOrThrow({
        where: { action: "inventory.exported", targetId: resource },
        orderBy: { at: "desc" },
      });
      expect(event).toMatchObject({ actorType: "token", targetType: "export", summary: `Exported ${resource} as CSV` });
    },
  );

  it("reads the list's filters from the query, and the audit event names them", async () => {
    const res = await get("owners", "?kind=teams&sort=signers");
    expect((await res.text()).split("\r\n").slice(1, -1)).toEqual(["team,team-exported,Exported team,,,,0,,0"]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "inventory.exported", targetId: "owners" },
      orderBy: { at: "desc" },
    });
    expect(event.summary).toBe("Exported owners as CSV (kind=teams&sort=signers)");
  });

  it("exports the audit log to an auditor only: a token is refused, with the reason", async () => {
    expect(await jsonAnswer(get("audit"))).toEqual({
      status: 403,
      body: {
        error: { code: "forbidden", message: "Exporting the audit log needs the auditor or administrator role" },
      },
    });
    const auditor = await route.seedSignedInUser("auditor");
    const res = await get("audit", "", (url) => sessionRequest(url, auditor.cookie));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(new RegExp(`^${FIRST_COLUMNS.audit},`));
  });

  it.each(["nope", "constructor", "toString", "Certificates"])("%s: no such export (404)", async (resource) => {
    const before = await db.auditEvent.count({ where: { action: "inventory.exported" } });
    expect((await get(resource)).status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: "inventory.exported" } })).toBe(before);
  });
});
