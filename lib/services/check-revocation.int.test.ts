// checkRevocation / recordRevocation / planRevocationImpact against real databases and a real
// test CA responder on 127.0.0.1.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { dueForRevocationCheck } from "@/lib/db/revocation/revocation";
import { describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import { insertRevocationCertificate } from "@/lib/testing/revocation-certificates";
import { startTestResponder, type TestResponder } from "@/lib/revocation/testing/test-responder";
import { checkRevocation } from "@/lib/services/check-revocation";
import { recordRevocation } from "@/lib/services/record-revocation";
import { planRevocationImpact } from "@/lib/services/plan-revocation-impact";
import type { Actor } from "@/lib/services/audit";
import { createCodeSigningLeaf } from "@/lib/x509/testing/test-ca";

const analyst: Actor = { type: "user", id: "u-analyst", label: "analyst@example.test", role: "analyst" };
// generous: a cold first run (JIT, key imports) on a busy 2-core machine must not time out
const fetchOptions = { allowHosts: ["127.0.0.1"], timeoutMs: 3_000 };

let responder: TestResponder;
// faults live on their own host: a host failing repeatedly is skipped for the rest of a run
let faulty: TestResponder;
beforeAll(async () => {
  responder = await startTestResponder();
  faulty = await startTestResponder({ ca: responder.ca });
});
afterAll(async () => {
  await Promise.all([responder.close(), faulty.close()]);
});

describeEachDatabase("revocation services", (database) => {
  let db: Db;
  let caId: string;
  const insertCa = (client: Db) => insertRevocationCertificate(client, responder.ca, { isCA: true });
  openSeededTestDb(database, insertCa, (client, ca) => ((db = client), (caId = ca.id)));

  async function leaf(urls: { ocsp?: string[]; crl?: string[] }, register = true) {
    const cert = register ? await responder.issueLeaf() : await createCodeSigningLeaf(responder.ca);
    const row = await insertRevocationCertificate(db, cert, { issuerCertId: caId, ...urls });
    return { cert, id: row.id };
  }

  it("checks every due certificate, storing good / revoked / unknown / errors without crashing", async () => {
    const now = new Date();
    const good = await leaf({ ocsp: [responder.ocspUrl()] });
    const revoked = await leaf({ ocsp: [responder.ocspUrl()] });
    const revokedAt = new Date("2026-03-04T05:06:07Z");
    responder.revoke(revoked.cert.serialHex, { revokedAt, reason: "keyCompromise" });
    const crlRevoked = await leaf({ crl: [responder.crlUrl()] });
    responder.revoke(crlRevoked.cert.serialHex, { revokedAt, reason: "cessationOfOperation" });
    const unknown = await leaf({ ocsp: [responder.ocspUrl()] }, false);
    const forged = await leaf({ ocsp: [responder.ocspUrl("forged")] });
    const hanging = await leaf({ ocsp: [faulty.faultUrl("hang")] });
    const failing = await leaf({ ocsp: [faulty.faultUrl("error-500")], crl: [responder.crlUrl("expired")] });
    const noInfo = await leaf({});

    const ids = [good, revoked, crlRevoked, unknown, forged, hanging, failing, noInfo].map((l) => l.id);
    expect(new Set(await dueForRevocationCheck(db, now))).toEqual(new Set(ids.filter((id) => id !== noInfo.id)));

    const summary = await checkRevocation(db, { now, fetchOptions, actor: analyst });
    expect(summary).toMatchObject({ checked: 7, good: 1, revoked: 2, unknown: 1, errors: 3, noRevocationInfo: 0 });

    const state = async (id: string) => db.certificate.findUniqueOrThrow({ where: { id } });
    expect(await state(good.id)).toMatchObject({
      revocationStatus: "good",
      revocationSource: "ocsp",
      revocationCheckedAt: now,
      revocationError: null,
    });
    expect((await state(good.id)).revocationNextUpdate!.getTime()).toBeGreaterThan(now.getTime());
    expect(await state(revoked.id)).toMatchObject({
      revocationStatus: "revoked",
      revocationReason: "keyCompromise",
      revokedAt,
      revocationSource: "ocsp",
    });
    expect(await state(crlRevoked.id)).toMatchObject({
      revocationStatus: "revoked",
      revocationReason: "cessationOfOperation",
      revocationSource: "crl",
    });
    const u = await state(unknown.id);
    expect(u).toMatchObject({ revocationStatus: "unknown", revocationCheckedAt: null });
    expect(u.revocationError).toMatch(/does not know this certificate/);
    for (const [l, pattern] of [
      [forged, /signature does not verify/],
      [hanging, /timed out after 3000 ms/],
      [failing, /HTTP 500.*; CRL .*expired/],
    ] as const) {
      const s = await state(l.id);
      expect(s).toMatchObject({ revocationStatus: "unknown", revocationCheckedAt: null });
      expect(s.revocationError).toMatch(pattern);
      expect(s.revocationError!.startsWith(now.toISOString())).toBe(true);
    }
    expect(await state(noInfo.id)).toMatchObject({ revocationStatus: "unchecked", revocationError: null });

    const audits = await db.auditEvent.findMany({ where: { action: "certificate.revoked" } });
    expect(audits.map((a) => a.targetId).sort()).toEqual([revoked.id, crlRevoked.id].sort());
    expect(audits[0].actorId).toBe("u-analyst");

    // a re-run an hour later only picks up what failed (never established) — not the fresh answers
    const later = new Date(now.getTime() + 3_600_000);
    expect(new Set(await dueForRevocationCheck(db, later))).toEqual(
      new Set([unknown.id, forged.id, hanging.id, failing.id]),
    );
    // past 24 h (and past nextUpdate) the good one is due again; revoked ones never are
    const due = await dueForRevocationCheck(db, new Date(now.getTime() + 25 * 3_600_000));
    expect(due).toContain(good.id);
    expect(due).not.toContain(revoked.id);
  });

  it("uses the cached CRL until its nextUpdate", async () => {
    await db.crlCache.deleteMany();
    const a = await leaf({ crl: [responder.crlUrl()] });
    const first = await checkRevocation(db, { now: new Date(), certificateIds: [a.id], fetchOptions });
    const cached = await db.crlCache.findUniqueOrThrow({ where: { url: responder.crlUrl() } });
    expect(cached.nextUpdate!.getTime()).toBeGreaterThan(Date.now());
    const hits = responder.hits.crl ?? 0;
    const second = await checkRevocation(db, { now: new Date(), certificateIds: [a.id], fetchOptions });
    expect(first).toMatchObject({ good: 1, crlDownloads: 1, crlCacheHits: 0 });
    expect(second).toMatchObject({ good: 1, crlDownloads: 0, crlCacheHits: 1 });
    expect(responder.hits.crl ?? 0).toBe(hits);
    // past nextUpdate the cache is not used
    const third = await checkRevocation(db, {
      now: new Date(cached.nextUpdate!.getTime() + 1),
      certificateIds: [a.id],
      fetchOptions,
    });
    expect(third.crlDownloads).toBe(1);
  });

  it("records a revocation with its CSBR deadline, and a live check confirms it", async () => {
    const l = await leaf({ ocsp: [responder.ocspUrl()] });
    const requestedAt = new Date("2026-11-20T10:00:00Z");
    const request = await recordRevocation(
      db,
      {
        certificateId: l.id,
        kind: "recorded-revoked",
        reason: "keyCompromise",
        requestedAt,
        revokedAt: new Date("2026-11-01T00:00:00Z"),
        note: "key leaked in CI log",
      },
      analyst,
    );
    expect(request).toMatchObject({
      status: "open",
      deadlineAt: new Date("2026-11-21T10:00:00Z"),
      requestedById: "u-analyst",
    });
    expect(await db.certificate.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({
      revocationStatus: "revoked",
      revocationSource: "recorded",
      revocationReason: "keyCompromise",
      revokedAt: new Date("2026-11-01T00:00:00Z"),
    });
    expect(await db.auditEvent.count({ where: { action: "certificate.revocation-recorded", targetId: l.id } })).toBe(1);

    // the CA has not published it yet: the record stands and the request stays open
    await checkRevocation(db, { now: new Date(), certificateIds: [l.id], fetchOptions });
    expect(await db.revocationRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "open",
    });
    expect(await db.certificate.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({
      revocationStatus: "revoked",
      revocationSource: "recorded",
    });

    const caRevokedAt = new Date("2026-11-20T12:00:00Z");
    responder.revoke(l.cert.serialHex, { revokedAt: caRevokedAt, reason: "keyCompromise" });
    const summary = await checkRevocation(db, { now: new Date(), certificateIds: [l.id], fetchOptions });
    expect(summary.confirmedRequests).toBe(1);
    expect(await db.revocationRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "confirmed",
    });
    expect(await db.certificate.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({
      revocationSource: "ocsp",
      revokedAt: caRevokedAt,
    });
    expect(await db.auditEvent.count({ where: { action: "certificate.revocation-confirmed", targetId: l.id } })).toBe(
      1,
    );
  });

  it("a revocation request gives 5 days for ordinary reasons and leaves the status alone", async () => {
    const l = await leaf({ ocsp: [responder.ocspUrl()] });
    const requestedAt = new Date("2026-11-20T10:00:00Z");
    const request = await recordRevocation(
      db,
      { certificateId: l.id, kind: "requested", reason: "superseded", requestedAt },
      analyst,
    );
    expect(request.deadlineAt).toEqual(new Date("2026-11-25T10:00:00Z"));
    expect((await db.certificate.findUniqueOrThrow({ where: { id: l.id } })).revocationStatus).toBe("unchecked");
    await expect(
      recordRevocation(db, { certificateId: "nope", kind: "requested", reason: "superseded", requestedAt }, analyst),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      recordRevocation(db, { certificateId: l.id, kind: "requested", reason: "bogus" as never, requestedAt }, analyst),
    ).rejects.toMatchObject({ code: "validation" });
  });

  it("plans the impact of a revocation date on the certificate's signing events, scoped to owners", async () => {
    const l = await leaf({});
    const owner = await db.person.create({ data: { name: "Olga Owner", email: `olga-${l.id}@example.test` } });
    const stranger = await db.person.create({ data: { name: "Sam Stranger", email: `sam-${l.id}@example.test` } });
    const signer = await db.signer.create({
      data: { name: `release-bot-${l.id}`, kind: "release-bot", primaryOwnerId: owner.id },
    });
    await db.signerCertificate.create({ data: { signerId: signer.id, certificateId: l.id } });
    const date = new Date("2026-06-01T00:00:00Z");
    for (const [name, signedAt] of [
      ["before.msi", "2026-05-31T23:59:59.999Z"],
      ["at.msi", "2026-06-01T00:00:00.000Z"],
      ["after.msi", "2026-07-01T00:00:00Z"],
    ]) {
      await db.signingEvent.create({
        data: { signerId: signer.id, certificateId: l.id, signedAt: new Date(signedAt), artifactName: name },
      });
    }
    const impact = await planRevocationImpact(db, {
      certificateId: l.id,
      revocationDate: date,
      user: { role: "owner", personId: owner.id },
    });
    expect(impact.invalidated.map((e) => e.artifactName)).toEqual(["at.msi", "after.msi"]);
    expect(impact.remainValid.map((e) => e.artifactName)).toEqual(["before.msi"]);
    expect(impact.affectedSigners).toEqual([{ id: signer.id, name: signer.name, invalidatedCount: 2 }]);
    await expect(
      planRevocationImpact(db, {
        certificateId: l.id,
        revocationDate: date,
        user: { role: "owner", personId: stranger.id },
      }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const asAuditor = await planRevocationImpact(db, {
      certificateId: l.id,
      revocationDate: date,
      user: { role: "auditor", personId: null },
    });
    expect(asAuditor.invalidated).toHaveLength(2);
  });
});
