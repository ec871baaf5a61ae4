import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import type { Page } from "@/lib/db/inventory/common";
import { GET } from "./route";

// GET /api/v1/discovery, the /discovery page's read model, through its real route() wrapper on both
// databases: one state a page at a time (most recently seen first), every state's size, paging that
// adds up, and who may read it (the security team and read tokens; not owners, not other scopes).

const MINUTE = 60_000;

type DiscoveryAnswer = Page<{
  id: string;
  label: string;
  state: string;
  signerName: string | null;
  lastSeenAt: string;
  signatureCount: number;
}> & {
  state: string;
  counts: Record<string, number>;
};

describeRoute("GET /api/v1/discovery", (route) => {
  let db: Db;
  let tokens: Record<"read" | "ingest", string>;
  const base = Date.UTC(2026, 10, 1);

  beforeAll(async () => {
    db = route.db();
    tokens = await route.seedApiTokens({ read: { scope: "read" }, ingest: { scope: "ingest" } });
    const signer = await db.signer.create({ data: { name: "release-bot", kind: "ci-pipeline" } });
    for (let i = 0; i < 5; i++)
      await db.discoveredIdentity.create({
        data: {
          kind: "keyless",
          identityKey: `keyless:issuer|subject-${i}`,
          label: `subject-${i}`,
          keylessIssuer: "https://token.actions.githubusercontent.com",
          keylessSubject: `subject-${i}`,
          firstSeenAt: new Date(base),
          lastSeenAt: new Date(base + i * MINUTE),
        },
      });
    await db.discoveredIdentity.create({
      data: {
        kind: "keyless",
        identityKey: "keyless:issuer|linked",
        label: "linked-one",
        state: "linked",
        signerId: signer.id,
        firstSeenAt: new Date(base),
        lastSeenAt: new Date(base),
      },
    });
    await db.discoveredIdentity.create({
      data: {
        kind: "keyless",
        identityKey: "keyless:issuer|vendor",
        label: "vendor-one",
        state: "known-external",
        note: "Vendor Inc.",
        firstSeenAt: new Date(base),
        lastSeenAt: new Date(base),
      },
    });
  });

  const read = (query: string, token = tokens.read) =>
    jsonAnswer<DiscoveryAnswer>(GET(tokenRequest(`/api/v1/discovery${query}`, token), noParams));

  it("answers the new entries, the most recently seen first, with every state's size", async () => {
    const { status, body } = await read("");
    expect(status).toBe(200);
    expect(body).toMatchObject({ state: "new", total: 5, page: 1, pageSize: 50 });
    expect(body.counts).toEqual({ new: 5, linked: 1, "known-external": 1 });
    expect(body.rows.map((r) => r.label)).toEqual(["subject-4", "subject-3", "subject-2", "subject-1", "subject-0"]);
    expect(body.rows[0]).toMatchObject({ signatureCount: 0, lastSeenAt: new Date(base + 4 * MINUTE).toISOString() });
  });

  it("pages add up: two of five per page, the third page holds the last one", async () => {
    const pages = await Promise.all([1, 2, 3].map((p) => read(`?pageSize=2&page=${p}`)));
    expect(pages.map((p) => p.body.rows.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flatMap((p) => p.body.rows.map((r) => r.id))).size).toBe(5);
    expect(pages[2].body).toMatchObject({ total: 5, page: 3, pageSize: 2 });
  });

  it("reads one state at a time: linked entries name their signer, known-external ones their note", async () => {
    const linked = await read("?state=linked");
    expect(linked.body.rows).toEqual([expect.objectContaining({ label: "linked-one", signerName: "release-bot" })]);
    const external = await read("?state=known-external");
    expect(external.body.rows).toEqual([expect.objectContaining({ label: "vendor-one", note: "Vendor Inc." })]);
    // a state the list does not know falls back to the new entries, like the page's URL
    expect((await read("?state=bogus")).body.state).toBe("new");
  });

  it("refuses a page size out of range, tokens without read, and owners", async () => {
    expect((await read("?pageSize=500")).status).toBe(422);
    expect((await read("", tokens.ingest)).status).toBe(403);
    const owner = await route.seedSignedInUser("owner");
    expect((await GET(sessionRequest("/api/v1/discovery", owner.cookie), noParams)).status).toBe(403);
    const analyst = await route.seedSignedInUser("analyst");
    expect((await GET(sessionRequest("/api/v1/discovery", analyst.cookie), noParams)).status).toBe(200);
  });
});
