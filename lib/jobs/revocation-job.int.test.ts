// The revocation job through the registry and runner, against real databases and a real test CA
// responder on 127.0.0.1: hourly runs, each certificate re-checked about daily.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import { insertRevocationCertificate } from "@/lib/testing/revocation-certificates";
import { startTestResponder, type TestResponder } from "@/lib/revocation/testing/test-responder";
import type { CheckRevocationSummary } from "@/lib/services/check-revocation";
import { getJob, registerBuiltinJobs, runJob } from "./index";
import { REVOCATION_JOB } from "./revocation-job";

const HOUR = 3_600_000;
let responder: TestResponder;
let previousAllowHosts: string | undefined;
beforeAll(async () => {
  responder = await startTestResponder();
  // the service reads the SSRF allow-list from the environment; the responder is on loopback
  previousAllowHosts = process.env.SIGNET_REVOCATION_ALLOW_HOSTS;
  process.env.SIGNET_REVOCATION_ALLOW_HOSTS = "127.0.0.1";
  registerBuiltinJobs();
});
afterAll(async () => {
  await responder.close();
  if (previousAllowHosts === undefined) delete process.env.SIGNET_REVOCATION_ALLOW_HOSTS;
  else process.env.SIGNET_REVOCATION_ALLOW_HOSTS = previousAllowHosts;
});

describeEachDatabase("revocation job", (database) => {
  let db: Db;
  let caId: string;
  const insertCa = (client: Db) => insertRevocationCertificate(client, responder.ca, { isCA: true });
  openSeededTestDb(database, insertCa, (client, ca) => ((db = client), (caId = ca.id)));
  beforeEach(async () => {
    await db.jobRun.deleteMany();
    await db.jobLease.deleteMany();
  });

  it("is registered with the built-in jobs to run hourly", () => {
    expect(getJob(REVOCATION_JOB)).toMatchObject({ name: "revocation.check", intervalMs: HOUR });
  });

  it("checks due certificates, skips them within a day and re-checks them once a day has passed", async () => {
    const job = getJob(REVOCATION_JOB)!;
    const good = await insertRevocationCertificate(db, await responder.issueLeaf(), {
      issuerCertId: caId,
      ocsp: [responder.ocspUrl()],
    });
    const revokedLeaf = await responder.issueLeaf();
    const revoked = await insertRevocationCertificate(db, revokedLeaf, {
      issuerCertId: caId,
      ocsp: [responder.ocspUrl()],
    });
    responder.revoke(revokedLeaf.serialHex, { revokedAt: new Date("2026-01-02T03:04:05Z"), reason: "keyCompromise" });

    const t0 = new Date();
    const first = await runJob(db, job, { now: t0, instanceId: "test" });
    expect(first).toMatchObject({ status: "ok", result: { checked: 2, good: 1, revoked: 1, errors: 0 } });
    expect(await db.certificate.findUnique({ where: { id: good.id }, select: { revocationStatus: true } })).toEqual({
      revocationStatus: "good",
    });
    expect(
      await db.certificate.findUnique({
        where: { id: revoked.id },
        select: { revocationStatus: true, revocationReason: true },
      }),
    ).toEqual({
      revocationStatus: "revoked",
      revocationReason: "keyCompromise",
    });

    // an hour later: the job is due again, but both answers are fresh
    const second = await runJob(db, job, { now: new Date(t0.getTime() + HOUR + 1), instanceId: "test" });
    expect(second).toMatchObject({ status: "ok", result: { checked: 0 } });

    // a day after the good answer was established, that certificate is checked again (revoked ones are final)
    await db.certificate.update({
      where: { id: good.id },
      data: { revocationCheckedAt: new Date(t0.getTime() - 25 * HOUR) },
    });
    const third = await runJob(db, job, { now: new Date(t0.getTime() + 2 * HOUR + 2), instanceId: "test" });
    expect(third).toMatchObject({ status: "ok", result: { checked: 1, good: 1 } });
    if (third.status !== "ok") throw new Error("unreachable");
    expect((third.result as CheckRevocationSummary).revoked).toBe(0);
  });
});
