import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadAlertPolicies } from "@/lib/db/alerts/alerts";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { resetAlertData, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { acquireJobLease } from "@/lib/db/jobs/jobs";
import type { JobDefinition } from "@/lib/jobs";
import { DEFAULT_ALERT_POLICY } from "@/lib/domain/alerts/policy";
import { setAlertPolicy } from "./set-alert-policy";
import { retryOutboxMessage } from "./retry-outbox-message";
import { runJobNow } from "./run-job-now";

// The admin use cases behind the outbox, jobs and alert-policy pages.

const NOW = new Date("2026-03-02T09:00:00Z");
const ADMIN = { type: "user" as const, id: "u-admin", label: "admin@example.com", role: "admin" };
const GOOD = { signingBands: [60, 20, 5], caBands: [400, 90], credentialBands: [21, 3], escalateWithinDays: 5, isEnabled: true };

describeEachDatabase("alert admin services", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeEach(() => resetAlertData(db));

  const audits = (action: string) => db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

  it("stores the global policy and a signer's own, each audited with before and after", async () => {
    const signer = await seedSigner(db, { name: "release-pipeline" });
    await setAlertPolicy(db, { signerId: null, policy: GOOD }, ADMIN, { now: NOW });
    await setAlertPolicy(db, { signerId: signer.id, policy: { ...GOOD, signingBands: [10, 2], isEnabled: false } }, ADMIN, { now: NOW });
    const policies = await loadAlertPolicies(db);
    expect(policies.global).toEqual(GOOD);
    expect(policies.bySignerId.get(signer.id)).toMatchObject({ signingBands: [10, 2], isEnabled: false });
    const rows = await audits("alerts.policy-set");
    expect(rows.map((r) => r.targetId)).toEqual(["global", signer.id]);
    expect(JSON.parse(rows[0].detailsJson)).toEqual({ before: { ...DEFAULT_ALERT_POLICY }, after: GOOD });
    expect(rows[1].summary).toContain("release-pipeline");
  });

  it("refuses bands that are not whole days from 1 to 3650 in descending order, and stores nothing", async () => {
    const bad = async (patch: Record<string, unknown>) => {
      const error = await setAlertPolicy(db, { signerId: null, policy: { ...GOOD, ...patch } }, ADMIN, { now: NOW }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "validation" });
      return (error as { issues: { path: string; message: string }[] }).issues;
    };
    expect(await bad({ signingBands: [30, 0] })).toEqual([expect.objectContaining({ path: "signingBands", message: expect.stringContaining("1 to 3650") })]);
    expect(await bad({ caBands: [3651] })).toEqual([expect.objectContaining({ path: "caBands" })]);
    expect(await bad({ credentialBands: [7, 7.5] })).toEqual([expect.objectContaining({ path: "credentialBands" })]);
    expect(await bad({ signingBands: [7, 30] })).toEqual([expect.objectContaining({ path: "signingBands", message: expect.stringContaining("largest to smallest") })]);
    expect(await bad({ signingBands: [30, 30] })).toEqual([expect.objectContaining({ path: "signingBands" })]);
    expect(await bad({ escalateWithinDays: -1 })).toEqual([expect.objectContaining({ path: "escalateWithinDays" })]);
    expect(await bad({ signingBands: "90" })).toEqual([expect.objectContaining({ path: "signingBands" })]);
    expect(await db.alertPolicy.count()).toBe(0);
    expect(await audits("alerts.policy-set")).toHaveLength(0);
    await expect(setAlertPolicy(db, { signerId: "no-such-signer", policy: GOOD }, ADMIN, { now: NOW })).rejects.toMatchObject({ code: "not_found" });
  });

  it("requeues a failed email with fresh attempts, audited; refuses sent ones", async () => {
    const failed = await db.outboxMessage.create({
      data: { recipientEmail: "ada@example.com", subject: "Expiring", textBody: "t", htmlBody: "<p>h</p>", status: "failed", attempts: 8, lastError: "550 mailbox unavailable", nextAttemptAt: new Date(NOW.getTime() - 86_400_000) },
    });
    const sent = await db.outboxMessage.create({ data: { recipientEmail: "zed@example.com", subject: "Done", textBody: "t", htmlBody: "h", status: "sent", nextAttemptAt: NOW } });
    await retryOutboxMessage(db, { messageId: failed.id }, ADMIN, { now: NOW });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: NOW, lastError: "550 mailbox unavailable" });
    const [audit] = await audits("outbox.retry");
    expect(audit).toMatchObject({ targetId: failed.id, actorId: "u-admin" });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({ previousStatus: "failed", previousAttempts: 8 });
    await expect(retryOutboxMessage(db, { messageId: sent.id }, ADMIN, { now: NOW })).rejects.toMatchObject({ code: "conflict" });
    await expect(retryOutboxMessage(db, { messageId: "missing" }, ADMIN, { now: NOW })).rejects.toMatchObject({ code: "not_found" });
    expect(await audits("outbox.retry")).toHaveLength(1);
  });

  it("runs a job now even when not due, under its lease, and audits the outcome", async () => {
    let runs = 0;
    const job: JobDefinition = { name: "test.count", intervalMs: 86_400_000, run: async () => ({ count: ++runs }) };
    const findJob = (name: string) => (name === job.name ? job : undefined);
    const first = await runJobNow(db, { name: job.name }, ADMIN, { now: NOW, instanceId: "web-1", findJob });
    // a second click a minute later runs again: "Run now" ignores the interval
    const second = await runJobNow(db, { name: job.name }, ADMIN, { now: new Date(NOW.getTime() + 60_000), instanceId: "web-1", findJob });
    expect([first, second]).toMatchObject([{ status: "ok", result: { count: 1 } }, { status: "ok", result: { count: 2 } }]);
    expect(await db.jobRun.count({ where: { job: job.name } })).toBe(2);

    // another instance holds the lease: refused, nothing runs, the attempt is still audited
    await acquireJobLease(db, { job: job.name, owner: "worker-2", now: NOW, ttlMs: 10 * 86_400_000 });
    await expect(runJobNow(db, { name: job.name }, ADMIN, { now: new Date(NOW.getTime() + 120_000), instanceId: "web-1", findJob })).rejects.toMatchObject({ code: "conflict" });
    expect(runs).toBe(2);
    expect((await audits("jobs.run-now")).map((a) => JSON.parse(a.detailsJson).outcome)).toEqual(["ok", "ok", "skipped"]);
    await expect(runJobNow(db, { name: "no.such-job" }, ADMIN, { now: NOW, findJob })).rejects.toMatchObject({ code: "not_found" });
  });

  it("records a failing job as failed and says so", async () => {
    const job: JobDefinition = { name: "test.boom", intervalMs: 60_000, run: async () => Promise.reject(new Error("disk full")) };
    const outcome = await runJobNow(db, { name: job.name }, ADMIN, { now: NOW, instanceId: "web-1", findJob: () => job });
    expect(outcome).toMatchObject({ status: "failed", error: "disk full" });
    expect((await audits("jobs.run-now"))[0].summary).toContain("disk full");
  });
});
