import { beforeAll, expect, it } from "vitest";
import { describeRoute, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import type { Page } from "@/lib/db/inventory/common";
import { GET as listExceptions } from "../../gate/exceptions/route";
import { GET as listVersions } from "./route";

// The policy page's two lists through their real route() wrappers on both databases: the saved versions
// (each with its changes against the one before, also across a page boundary) and the gate exceptions
// (those in force first, ending soonest first, then the others newest first, across pages). Both answers
// grew { rows, total, page, pageSize }; `versions` and `exceptions` stay as they were for older callers.

const DAY = 86_400_000;

type Change = { path: string; before: unknown; after: unknown };
type VersionAnswer = Page<{ version: number; changes: Change[]; createdAt: string }> & {
  versions: { version: number }[];
};
type ExceptionAnswer = {
  rows: { id: string; reason: string; state: string; signerName: string }[];
  total: number;
  exceptions: { reason: string }[];
};

describeRoute("GET /api/v1/policy/versions and /api/v1/gate/exceptions (paged)", (route) => {
  let db: Db;
  let token: string;
  let admin: { cookie: string };

  beforeAll(async () => {
    db = route.db();
    ({ read: token } = await route.seedApiTokens({ read: { scope: "read" } }));
    admin = await route.seedSignedInUser("admin");
    // version n sets the key rotation age to 100 × n days
    for (let version = 1; version <= 3; version++)
      await db.policyVersion.create({
        data: {
          version,
          documentJson: JSON.stringify({ keys: { rotationMaxAgeDays: 100 * version } }),
          createdByLabel: "Admin",
          createdAt: new Date(Date.UTC(2026, 10, version)),
        },
      });
    const signer = await db.signer.create({ data: { name: "release-bot", kind: "ci-pipeline" } });
    const now = Date.now();
    const exception = (reason: string, endsIn: number, createdDaysAgo: number, isLifted = false) =>
      db.gateException.create({
        data: {
          signerId: signer.id,
          ruleId: "gate.revoked-certificate",
          reason,
          endsAt: new Date(now + endsIn * DAY),
          createdAt: new Date(now - createdDaysAgo * DAY),
          liftedAt: isLifted ? new Date(now - DAY) : null,
        },
      });
    await exception("ended long ago", -10, 30);
    await exception("in force, ends late", 20, 5);
    await exception("lifted yesterday", 20, 2, true);
    await exception("in force, ends soon", 2, 10);
    await exception("ended recently", -1, 1);
  });

  it("answers the versions newest first, each with its changes against the version before", async () => {
    const res = await listVersions(tokenRequest("/api/v1/policy/versions", token), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as VersionAnswer;
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(body.rows.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(body.rows[0].changes).toEqual([{ path: "keys.rotationMaxAgeDays", before: 200, after: 300 }]);
    expect(body.rows[2].changes).toEqual([expect.objectContaining({ path: "keys.rotationMaxAgeDays", after: 100 })]);
    expect(body.versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it("diffs the last row of a page against the first row of the next page", async () => {
    const res = await listVersions(tokenRequest("/api/v1/policy/versions?pageSize=1&page=2", token), noParams);
    const body = (await res.json()) as VersionAnswer;
    expect(body.rows.map((r) => r.version)).toEqual([2]);
    expect(body.rows[0].changes).toEqual([{ path: "keys.rotationMaxAgeDays", before: 100, after: 200 }]);
    // older callers still get every version
    expect(body.versions).toHaveLength(3);
  });

  it("answers the exceptions in force first (ending soonest first), then the others newest first, across pages", async () => {
    const read = async (query: string) => {
      const res = await listExceptions(sessionRequest(`/api/v1/gate/exceptions${query}`, admin.cookie), noParams);
      expect(res.status).toBe(200);
      return (await res.json()) as ExceptionAnswer;
    };
    const all = await read("");
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => [r.reason, r.state])).toEqual([
      ["in force, ends soon", "in force"],
      ["in force, ends late", "in force"],
      ["ended recently", "ended"],
      ["lifted yesterday", "lifted"],
      ["ended long ago", "ended"],
    ]);
    expect(all.exceptions).toHaveLength(5);
    const pages = await Promise.all([1, 2, 3].map((p) => read(`?pageSize=2&page=${p}`)));
    expect(pages.flatMap((p) => p.rows.map((r) => r.reason))).toEqual(all.rows.map((r) => r.reason));
  });

  it("keeps the exceptions to administrators", async () => {
    const analyst = await route.seedSignedInUser("analyst");
    expect((await listExceptions(sessionRequest("/api/v1/gate/exceptions", analyst.cookie), noParams)).status).toBe(
      403,
    );
    expect((await listExceptions(tokenRequest("/api/v1/gate/exceptions", token), noParams)).status).toBe(403);
  });
});
