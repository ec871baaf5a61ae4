import { beforeAll, expect, it } from "vitest";
import { describeRoute, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import { POST } from "@/app/api/v1/signing-events/route";
import { GET as listFindings } from "@/app/api/v1/findings/route";
import { MAX_IMPORT_BYTES, POST as importSigners } from "@/app/api/v1/signers/import/route";
import { JSON_BODY_LIMIT, MAX_INPUT_DEPTH } from "./handler";

// issue 14: JSON routes had no cap and took any content type. Through the real wrapper and a
// real database, with an API token (the cap and the type apply to tokens and sessions alike).

describeRoute("JSON bodies in the route wrapper", (route) => {
  let token: string;
  let signersToken: string;
  let readToken: string;

  beforeAll(async () => {
    ({
      ingest: token,
      signers: signersToken,
      reader: readToken,
    } = await route.seedApiTokens({
      ingest: { scope: "ingest" },
      signers: { scope: "signers:write" },
      reader: { scope: "read" },
    }));
  });

  const post = (body: BodyInit, contentType?: string) =>
    POST(tokenRequest("/api/v1/signing-events", token, { method: "POST", body, contentType }), noParams);

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

  it("refuses a chunked signer import past 25 MB with a clear 413, having read little more than that", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode("name,kind\n".padEnd(64 * 1024, "x"));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 256 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = tokenRequest("/api/v1/signers/import", signersToken, {
      method: "POST",
      body: stream,
      contentType: "text/csv",
    });
    const res = await importSigners(req, noParams);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than 25 MB/);
    expect(pulled).toBeLessThan(MAX_IMPORT_BYTES + 2 * 1024 * 1024);
  });

  // found by the fuzzer on PostgreSQL, which cannot store or compare text holding U+0000 (it answered 500)
  it("refuses a NUL character in a query or a body with 422, naming where", async () => {
    const findings = await listFindings(tokenRequest("/api/v1/findings?signer=%00", readToken), noParams);
    expect(findings.status).toBe(422);
    expect(await findings.text()).toContain("signer — contains a NUL character");
    const body = await post('{"artifactName":"a\\u0000b"}', "application/json");
    expect(body.status).toBe(422);
    expect(await body.text()).toContain("artifactName — contains a NUL character");
  });

  // found by the fuzzer: a body nested thousands of levels deep overflowed the check's recursion (500)
  it("refuses a body nested deeper than the limit with 422, and reads one just inside it", async () => {
    const nested = (levels: number) => `{"artifactName":"a","extra":${"[".repeat(levels)}1${"]".repeat(levels)}}`;
    const deep = await post(nested(5000), "application/json");
    expect(deep.status).toBe(422);
    expect(await deep.text()).toContain(`nested more than ${MAX_INPUT_DEPTH} levels deep`);
    const shallow = await post(nested(MAX_INPUT_DEPTH - 2), "application/json");
    expect(shallow.status).not.toBe(500);
    expect(await shallow.text()).not.toContain("levels deep");
  });
});
