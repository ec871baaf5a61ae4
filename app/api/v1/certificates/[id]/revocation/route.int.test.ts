// The revocation read routes through the real route() wrapper, authenticated with an API token.
import { beforeAll, expect, it } from "vitest";
import { describeRoute, tokenRequest } from "@/lib/api/testing/route-test";
import { revocationCertificateRow } from "@/lib/testing/revocation-certificates";

describeRoute("revocation routes", (route) => {
  let token: string;
  let certificateId: string;

  beforeAll(async () => {
    const db = route.db();
    ({ reader: token } = await route.seedApiTokens({ reader: { scope: "read" } }));
    const key = await db.signingKey.create({ data: { spkiSha256: "k1", algorithm: "EC" } });
    const cert = await db.certificate.create({
      data: revocationCertificateRow(
        new Uint8Array([1, 2, 3]),
        key.id,
        { subject: "CN=Route Test", subjectCn: "Route Test", issuer: "CN=Route CA" },
        { notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-01-01T00:00:00Z") },
      ),
    });
    certificateId = cert.id;
    const signer = await db.signer.create({ data: { name: "route-bot", kind: "release-bot" } });
    for (const [artifactName, signedAt] of [
      ["old.msi", "2026-03-01T00:00:00Z"],
      ["=cmd.msi", "2026-04-01T00:00:00Z"],
    ]) {
      await db.signingEvent.create({
        data: { signerId: signer.id, certificateId, signedAt: new Date(signedAt), artifactName },
      });
    }
  });

  const get = async (path: string) => {
    const { GET } = await import("@/app/api/v1/certificates/[id]/revocation/impact/route");
    return GET(tokenRequest(path, token), { params: Promise.resolve({ id: certificateId }) });
  };

  it("returns the impact as JSON and as CSV", async () => {
    const json = await get(`/api/v1/certificates/${certificateId}/revocation/impact?date=2026-04-01`);
    expect(json.status).toBe(200);
    const body = await json.json();
    expect(body.invalidated.map((e: { artifactName: string }) => e.artifactName)).toEqual(["=cmd.msi"]);
    expect(body.remainValid.map((e: { artifactName: string }) => e.artifactName)).toEqual(["old.msi"]);

    const csv = await get(
      `/api/v1/certificates/${certificateId}/revocation/impact?date=2026-04-01T00:00:00Z&format=csv`,
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="revocation-impact-/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^invalidated,2026-04-01T00:00:00.000Z,route-bot,'=cmd.msi,/);
  });

  it("refuses a date without an offset and an unknown certificate", async () => {
    expect((await get(`/api/v1/certificates/${certificateId}/revocation/impact?date=2026-04-01T00:00:00`)).status).toBe(
      422,
    );
    const { GET } = await import("@/app/api/v1/certificates/[id]/revocation/impact/route");
    const missing = await GET(tokenRequest("/x?date=2026-04-01", token), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });

  it("GET revocation returns the state and requests", async () => {
    await route.db().revocationRequest.create({
      data: {
        certificateId,
        kind: "requested",
        reason: "superseded",
        requestedAt: new Date("2020-01-01T00:00:00Z"),
        deadlineAt: new Date("2020-01-06T00:00:00Z"),
      },
    });
    const { GET } = await import("@/app/api/v1/certificates/[id]/revocation/route");
    const res = await GET(tokenRequest("/x", token), { params: Promise.resolve({ id: certificateId }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      certificateId,
      revocationStatus: "unchecked",
      requests: [{ reason: "superseded", deadline: "overdue" }],
    });
  });
});
