import { afterAll, beforeAll, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { generateApiToken } from "@/lib/api/tokens";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/testing/databases";
import { POST } from "@/app/api/v1/signing-events/route";
import { JSON_BODY_LIMIT } from "./handler";

// issue 14: JSON routes had no cap and took any content type. Through the real wrapper and a
// real database, with an API token (the cap and the type apply to tokens and sessions alike).

const segment = { params: Promise.resolve({}) };

describeEachDatabase("JSON bodies in the route wrapper", (database) => {
  let db: Db;
  let previousUrl: string | undefined;
  let token: string;

  beforeAll(async () => {
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    db = createDb(database.url);
    await db.user.create({ data: { id: "admin-1", name: "Admin", email: "admin@acme.example", role: "admin" } });
    const t = generateApiToken();
    await db.apiToken.create({ data: { name: "ingest", tokenHash: t.hash, prefix: t.prefix, scope: "ingest", createdById: "admin-1" } });
    token = t.token;
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const post = (body: BodyInit, contentType?: string) =>
    POST(
      new NextRequest("http://localhost/api/v1/signing-events", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, ...(contentType ? { "content-type": contentType } : {}) },
        body,
        duplex: "half",
      } as ConstructorParameters<typeof NextRequest>[1]),
      segment,
    );

  it("refuses a body that is not declared as JSON with 415", async () => {
    expect((await post('{"artifactName":"a"}', "text/plain")).status).toBe(415);
    expect((await post('{"artifactName":"a"}', "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post('{"artifactName":"a"}')).status).toBe(415);
  });

  it("reads JSON (and +json) bodies as before", async () => {
    expect((await post('{"artifactName":"a"}', "application/json")).status).toBe(422);
    expect((await post('{"artifactName":"a"}', "application/vnd.signet+json; charset=utf-8")).status).toBe(422);
  });

  it("refuses a chunked body past the cap with 413, having read little more than the cap", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await post(stream, "application/json");
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(JSON_BODY_LIMIT * 2);
  });
});
