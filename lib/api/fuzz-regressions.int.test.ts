// Cases the 1,000-case fuzz run (lib/api/fuzz-routes.int.test.ts, npm run test:security) found on
// PostgreSQL, kept as plain regression tests so the suite's short run holds them too.
import { beforeAll, expect, it } from "vitest";
import { POST as recordRevocation } from "@/app/api/v1/certificates/[id]/revocation/route";
import { POST as importSigners } from "@/app/api/v1/signers/import/route";
import { describeRoute, noParams, sessionRequest } from "@/lib/api/testing/route-test";
import { revocationCertificateRow } from "@/lib/testing/revocation-certificates";
import { randomBytes } from "node:crypto";

describeRoute("inputs the fuzzer found answering 500", (route) => {
  let cookie: string;
  let certificateId: string;

  beforeAll(async () => {
    const db = route.db();
    cookie = (await route.seedSignedInUser("admin", "fuzz-regressions@route-test.example")).cookie;
    const key = await db.signingKey.create({
      data: { spkiSha256: randomBytes(32).toString("hex"), algorithm: "EC", custody: "hsm" },
    });
    const now = Date.now();
    const row = revocationCertificateRow(
      randomBytes(64),
      key.id,
      { subject: "CN=fuzz", subjectCn: "fuzz", issuer: "CN=CA" },
      { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 300 * 86_400_000) },
    );
    certificateId = (await db.certificate.create({ data: { ...row, importedAt: new Date(now) } })).id;
  });

  const post = (url: string, body: string) =>
    sessionRequest(url, cookie, { method: "POST", body, contentType: "application/json" });

  it("a revocation requested at the latest allowed date stores a deadline after it; a later date is a 422", async () => {
    const record = (requestedAt: string) =>
      recordRevocation(
        post(
          `/api/v1/certificates/${certificateId}/revocation`,
          JSON.stringify({ kind: "recorded-revoked", reason: "keyCompromise", requestedAt }),
        ),
        { params: Promise.resolve({ id: certificateId }) },
      );
    const late = await record("9999-12-31T23:59:59.999Z");
    expect(late.status).toBe(422);
    expect(JSON.stringify(await late.json())).toContain("A date between 1970 and 9000");
    const ok = await record("9000-12-31T23:59:59.999Z");
    expect(ok.status, await ok.clone().text()).toBeLessThan(300);
    const { request } = (await ok.json()) as { request: { deadlineAt: string } };
    expect(new Date(request.deadlineAt).getTime()).toBeGreaterThan(Date.parse("9000-12-31T23:59:59.999Z"));
  });

  it("a signer import row holding a NUL is that row's error, not a 500 from the owner look-up", async () => {
    const res = await importSigners(
      post(
        "/api/v1/signers/import?dryRun=1",
        JSON.stringify([
          { name: "nul-owner", kind: "other", backupOwner: "\u0000" },
          { name: "fine", kind: "other" },
        ]),
      ),
      noParams,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { row: number; status: string; issues: { field: string }[] }[] };
    expect(body.rows.map((r) => [r.row, r.status, r.issues.map((i) => i.field)])).toEqual([
      [1, "error", ["backupOwner"]],
      [2, "valid", []],
    ]);
  });
});
