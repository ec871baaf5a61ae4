import { afterAll, beforeAll, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { generateApiToken } from "@/lib/api/tokens";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { listCertificates } from "@/lib/db/certificates/certificates";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { MAX_REQUEST_BYTES } from "@/lib/services/import-certificates";
import { describeEachDatabase } from "@/lib/testing/databases";
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

const segment = { params: Promise.resolve({}) };

describeEachDatabase("/api/v1/certificates", (database) => {
  let db: Db;
  let previousUrl: string | undefined;
  const tokens: Record<string, string> = {};
  let signerId: string;

  beforeAll(async () => {
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    db = createDb(database.url);
    await db.user.create({ data: { id: "admin-1", name: "Admin", email: "admin@acme.example", role: "admin" } });
    signerId = (await createSigner(db, { name: "api-signer", kind: "ci-pipeline" })).id;
    for (const [name, scope, forSigner] of [
      ["ingest", "ingest", null],
      ["read", "read", null],
      ["bound", "ingest", signerId],
    ] as const) {
      const t = generateApiToken();
      await db.apiToken.create({
        data: { name, tokenHash: t.hash, prefix: t.prefix, scope, signerId: forSigner, createdById: "admin-1" },
      });
      tokens[name] = t.token;
    }
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const call = (
    handler: typeof POST,
    init: { method: string; token: string; body?: BodyInit; contentType?: string; query?: string },
  ) =>
    handler(
      new NextRequest(`http://localhost/api/v1/certificates${init.query ?? ""}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${init.token}`,
          ...(init.contentType ? { "content-type": init.contentType } : {}),
        },
        body: init.body,
      }),
      segment,
    );

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
    const res = await call(POST, { method: "POST", token: tokens.bound, body: json, contentType: "application/json" });
    expect(res.status).toBe(200);
    expect((await res.json()).files[0].certificates[0]).toMatchObject({ status: "imported", signerLinked: true });
    expect(await db.signerCertificate.count({ where: { signerId } })).toBe(1);

    const other = (await createSigner(db, { name: "api-other", kind: "ci-pipeline" })).id;
    const refused = await call(POST, {
      method: "POST",
      token: tokens.bound,
      body: JSON.stringify({
        files: [{ name: "e.pem", contentBase64: Buffer.from(leaves[3].pem).toString("base64") }],
        signerId: other,
      }),
      contentType: "application/json",
    });
    expect(refused.status).toBe(403);
  });

  it("answers bad input and wrong scopes with the right status", async () => {
    const badBase64 = await call(POST, {
      method: "POST",
      token: tokens.ingest,
      body: JSON.stringify({ files: [{ name: "x", contentBase64: "***" }] }),
      contentType: "application/json",
    });
    expect(badBase64.status).toBe(422);
    const noFiles = await call(POST, {
      method: "POST",
      token: tokens.ingest,
      body: JSON.stringify({ files: [] }),
      contentType: "application/json",
    });
    expect(noFiles.status).toBe(422);
    const notJson = await call(POST, {
      method: "POST",
      token: tokens.ingest,
      body: "{",
      contentType: "application/json",
    });
    expect(notJson.status).toBe(400);
    const readToken = await call(POST, {
      method: "POST",
      token: tokens.read,
      body: JSON.stringify({ files: [] }),
      contentType: "application/json",
    });
    expect(readToken.status).toBe(403);
    const tooLarge = await call(POST, {
      method: "POST",
      token: tokens.ingest,
      body: new Uint8Array(Math.ceil((MAX_REQUEST_BYTES * 4) / 3) + 2 * 1024 * 1024),
      contentType: "application/json",
    });
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

  it("shows an owner only the certificates of signers they own, and only their signers' names", async () => {
    const owner = await createPerson(db, { name: "Owen Owner", email: "owen@acme.example" });
    const mine = await createSigner(db, { name: "owens-signer", kind: "ci-pipeline", backupOwnerId: owner.id });
    const shared = await db.certificate.findFirstOrThrow({ where: { signers: { some: { signerId } } } });
    await db.signerCertificate.create({ data: { signerId: mine.id, certificateId: shared.id } });
    const seen = await listCertificates(db, { role: "owner", personId: owner.id }, { page: 1, pageSize: 50 });
    expect(seen.rows.map((c) => c.id)).toEqual([shared.id]);
    expect(seen.rows[0].signers).toEqual([{ id: mine.id, name: "owens-signer" }]);
    expect((await listCertificates(db, { role: "owner", personId: null }, { page: 1, pageSize: 50 })).total).toBe(0);
    expect((await listCertificates(db, { role: "analyst", personId: null }, { page: 1, pageSize: 50 })).total).toBe(3);
  });
});
