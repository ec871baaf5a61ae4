import contracts from "@/lib/api/testdata/public-contracts.json";
import { beforeAll, expect, it, vi } from "vitest";
import { describeRoute, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { certificateFiltersSchema } from "@/lib/domain/inventory-filters";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { MAX_REQUEST_BYTES } from "@/lib/services/import-certificates";
import { ParsePool, POOL_THRESHOLD, sharedParsePool } from "@/lib/x509/parse-pool";
import { createCodeSigningLeaf, createTestRootCa, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { GET, POST } from "./route";

// The route through its real wrapper (API-token authentication, scopes, JSON/multipart parsing)
// against a real database. Session users and their owner scoping go through the same repository
// call, tested directly below.

let root: TestCertificate;
const leaves: TestCertificate[] = [];
beforeAll(async () => {
  root = await createTestRootCa({ subject: "CN=API Root,O=Acme,C=US" });
  for (let i = 0; i < 4; i++)
    leaves.push(await createCodeSigningLeaf(root, { subject: `CN=api-bot-${i},O=Acme,C=US` }));
});

describeRoute("/api/v1/certificates", (route) => {
  let db: Db;
  let tokens: Record<"ingest" | "read" | "bound", string>;
  let signerId: string;

  beforeAll(async () => {
    db = route.db();
    signerId = (await createSigner(db, { name: "api-signer", kind: "ci-pipeline" })).id;
    tokens = await route.seedApiTokens({
      ingest: { scope: "ingest" },
      read: { scope: "read" },
      bound: { scope: "ingest", signerId },
    });
  });

  const call = (
    handler: typeof POST,
    init: { method: string; token: string; body?: BodyInit; contentType?: string; query?: string },
  ) => handler(tokenRequest(`/api/v1/certificates${init.query ?? ""}`, init.token, init), noParams);
  /** POSTs `body`, declared as JSON. */
  const postJson = (token: string, body: BodyInit) =>
    call(POST, { method: "POST", token, body, contentType: "application/json" });

  it("counts requests with made-up tokens instead of writing a row each (issue 14)", async () => {
    // the counters live in better-auth's rateLimit table: its instance needs a secret, and is made
    // afresh for this block's database (it keeps the client of the database it was made for)
    process.env.SIGNET_SECRET ??= "a-test-secret-of-at-least-thirty-two-characters";
    (globalThis as { __signetAuth?: unknown }).__signetAuth = undefined;
    const before = await db.auditEvent.count();
    for (let i = 0; i < 30; i++) {
      const res = await call(GET, { method: "GET", token: i % 2 ? `sgt_made-up-${i}` : `nonsense-${i}` });
      expect(res.status).toBe(401);
    }
    const rows = await db.auditEvent.findMany({ where: { action: "api.token-refused", actorType: "anonymous" } });
    expect(await db.auditEvent.count()).toBe(before + 1);
    expect(rows).toHaveLength(1);
    expect(rows[0].summary).toContain("counted for 15 minutes");
  });

  it('imports multipart uploads (field "file", several files) with an ingest token', async () => {
    const form = new FormData();
    form.append("file", new Blob([leaves[0].pem]), "a.pem");
    form.append("file", new Blob([Buffer.from(leaves[1].der)]), "b.cer");
    form.append("file", new Blob(["not a certificate"]), "c.txt");
    const res = await call(POST, { method: "POST", token: tokens.ingest, body: form });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([
      ["a.pem", "imported"],
      ["b.cer", "imported"],
      ["c.txt", "failed"],
    ]);
    expect(body.summary).toMatchObject({ imported: 2, failed: 1, certificatesImported: 2 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "certificate.imported" } });
    expect(audit).toMatchObject({ actorType: "token" });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({ source: "api" });
  });

  it("imports JSON with base64 contents; a signer-bound token links to its signer and no other", async () => {
    const json = JSON.stringify({
      files: [{ name: "d.pem", contentBase64: Buffer.from(leaves[2].pem).toString("base64") }],
    });
    const res = await postJson(tokens.bound, json);
    expect(res.status).toBe(200);
    expect((await res.json()).files[0].certificates[0]).toMatchObject({ status: "imported", signerLinked: true });
    expect(await db.signerCertificate.count({ where: { signerId } })).toBe(1);

    const other = (await createSigner(db, { name: "api-other", kind: "ci-pipeline" })).id;
    const refused = await postJson(
      tokens.bound,
      JSON.stringify({
        files: [{ name: "e.pem", contentBase64: Buffer.from(leaves[3].pem).toString("base64") }],
        signerId: other,
      }),
    );
    expect(refused.status).toBe(403);
  });

  it("answers bad input and wrong scopes with the right status", async () => {
    const badBase64 = await postJson(tokens.ingest, JSON.stringify({ files: [{ name: "x", contentBase64: "***" }] }));
    expect(badBase64.status).toBe(422);
    const noFiles = await postJson(tokens.ingest, JSON.stringify({ files: [] }));
    expect(noFiles.status).toBe(422);
    const notJson = await postJson(tokens.ingest, "{");
    expect(notJson.status).toBe(400);
    const readToken = await postJson(tokens.read, JSON.stringify({ files: [] }));
    expect(readToken.status).toBe(403);
    const tooLarge = await postJson(
      tokens.ingest,
      new Uint8Array(Math.ceil((MAX_REQUEST_BYTES * 4) / 3) + 2 * 1024 * 1024),
    );
    expect(tooLarge.status).toBe(413);
  });

  it("lists certificates page by page, at most 200 per page", async () => {
    const page1 = await call(GET, { method: "GET", token: tokens.read, query: "?page=1&pageSize=2" });
    expect(page1.status).toBe(200);
    const body = await page1.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.rows).toHaveLength(2);
    const page2 = await (await call(GET, { method: "GET", token: tokens.read, query: "?page=2&pageSize=2" })).json();
    expect(page2.rows).toHaveLength(1);
    expect((await call(GET, { method: "GET", token: tokens.read, query: "?pageSize=201" })).status).toBe(422);
    expect((await call(GET, { method: "GET", token: tokens.ingest })).status).toBe(403);
  });

  it("answers with the documented field names: the old list's keys, and the page's read model beside them", async () => {
    const query = `?signer=${signerId}&pageSize=1`;
    const body = await (await call(GET, { method: "GET", token: tokens.read, query })).json();
    // the page's keys: isTotalCapped is additive
    expect(Object.keys(body).sort()).toEqual(["isTotalCapped", "page", "pageSize", "rows", "total"]);
    // pinned by name in lib/api/testdata/public-contracts.json: the API may grow, never rename (issue #12)
    const { first, added } = contracts.certificateListRow;
    expect(Object.keys(body.rows[0]).sort()).toEqual([...first, ...added].sort());
    expect(Object.keys(body.rows[0].signers[0]).sort()).toEqual(["id", "name"]);
  });

  it("takes the certificate page's filters and sorting (issue #17: the page refetches here)", async () => {
    const query = (q: string) => call(GET, { method: "GET", token: tokens.read, query: q }).then((r) => r.json());
    const bot1 = await query("?q=api-bot-1");
    expect(bot1.rows.map((r: { subjectCn: string }) => r.subjectCn)).toEqual(["api-bot-1"]);
    const bySubject = await query("?sort=subject&dir=desc");
    const names = bySubject.rows.map((r: { subjectCn: string }) => r.subjectCn);
    expect(names).toEqual([...names].sort().reverse());
    expect((await query(`?signer=${signerId}`)).total).toBe(1);
    // a bad filter value falls back (as on the page), a bad page size is refused
    expect((await query("?status=nonsense")).total).toBe(3);
  });

  it("shows an owner only the certificates of signers they own, and only their signers' names", async () => {
    const owner = await createPerson(db, { name: "Owen Owner", email: "owen@acme.example" });
    const mine = await createSigner(db, { name: "owens-signer", kind: "ci-pipeline", backupOwnerId: owner.id });
    const shared = await db.certificate.findFirstOrThrow({ where: { signers: { some: { signerId } } } });
    await db.signerCertificate.create({ data: { signerId: mine.id, certificateId: shared.id } });
    const list = (user: { role: "owner" | "analyst"; personId: string | null }) =>
      listCertificatePage(db, user, certificateFiltersSchema.parse({}), new Date());
    const seen = await list({ role: "owner", personId: owner.id });
    expect(seen.rows.map((c) => c.id)).toEqual([shared.id]);
    expect(seen.rows[0].signers).toEqual([{ id: mine.id, name: "owens-signer" }]);
    expect((await list({ role: "owner", personId: null })).total).toBe(0);
    expect((await list({ role: "analyst", personId: null })).total).toBe(3);
  });
  // last: it adds certificates the listing tests above do not expect
  it("parses a large upload on the shared worker pool (off the request thread), a small one inline", async () => {
    const own = [
      await createCodeSigningLeaf(root, { subject: `CN=pool-bot-1-${route.database.flavour},O=Acme,C=US` }),
      await createCodeSigningLeaf(root, { subject: `CN=pool-bot-2-${route.database.flavour},O=Acme,C=US` }),
    ];
    const parse = vi.spyOn(ParsePool.prototype, "parseForStoring");
    try {
      const small = new FormData();
      small.append("file", new Blob([own[0].pem]), "small.pem");
      expect((await call(POST, { method: "POST", token: tokens.ingest, body: small })).status).toBe(200);
      expect(parse).not.toHaveBeenCalled();

      const large = new FormData();
      for (let i = 0; i < POOL_THRESHOLD.files; i++)
        large.append("file", new Blob([own[i % 2].pem]), `bulk-${String(i).padStart(3, "0")}.pem`);
      const res = await call(POST, { method: "POST", token: tokens.ingest, body: large });
      expect(res.status).toBe(200);
      expect(parse).toHaveBeenCalledTimes(1);
      const body = await res.json();
      expect(body.summary.failed).toBe(0);
      expect(body.files).toHaveLength(POOL_THRESHOLD.files);
      expect(body.files[3]).toMatchObject({ file: "bulk-003.pem" });
    } finally {
      parse.mockRestore();
      await sharedParsePool().close();
    }
  });
});
