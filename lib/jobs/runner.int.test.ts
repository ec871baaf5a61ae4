import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { acquireJobLease } from "@/lib/db/jobs/jobs";
import { registerJob, unregisterJob, type JobDefinition } from "./registry";
import { runJob } from "./runner";
import { startScheduler } from "./scheduler";
import { getJobsStatus } from "./status";

const T0 = new Date("2026-03-02T09:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

function countingJob(name: string, options: { fail?: boolean; delayMs?: number } = {}) {
  const calls: Date[] = [];
  const job: JobDefinition = {
    name,
    intervalMs: HOUR,
    leaseMs: 10 * 60_000,
    async run(_db, { now }) {
      calls.push(now);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.fail) throw new Error("SMTP credentials rejected");
      return { handled: calls.length };
    },
  };
  return { job, calls };
}

describeEachDatabase("job runner", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeEach(async () => {
    await db.jobRun.deleteMany();
    await db.jobLease.deleteMany();
  });

  it("records each run and skips a job that is not due yet unless forced", async () => {
    const { job, calls } = countingJob("test.count");
    expect(await runJob(db, job, { now: T0, instanceId: "a" })).toMatchObject({ status: "ok", result: { handled: 1 } });
    expect(await runJob(db, job, { now: later(HOUR / 2), instanceId: "b" })).toEqual({ status: "skipped", reason: "not-due" });
    expect(await runJob(db, job, { now: later(HOUR / 2), instanceId: "b", isForced: true })).toMatchObject({ status: "ok" });
    expect(await runJob(db, job, { now: later(2 * HOUR), instanceId: "b" })).toMatchObject({ status: "ok" });
    expect(calls).toHaveLength(3);
    const runs = await db.jobRun.findMany({ where: { job: "test.count" }, orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => [r.status, r.instanceId])).toEqual([["ok", "a"], ["ok", "b"], ["ok", "b"]]);
    expect(JSON.parse(runs[2].resultJson ?? "null")).toEqual({ handled: 3 });
    expect(await db.jobLease.count()).toBe(0);
  });

  it("lets only one instance run a job while another holds an unexpired lease", async () => {
    const { job, calls } = countingJob("test.leased");
    expect(await acquireJobLease(db, { job: job.name, owner: "other", now: T0, ttlMs: 60_000 })).toBe(true);
    expect(await runJob(db, job, { now: later(30_000), instanceId: "me" })).toEqual({ status: "skipped", reason: "leased" });
    expect(await runJob(db, job, { now: later(61_000), instanceId: "me" })).toMatchObject({ status: "ok" });
    expect(calls).toHaveLength(1);
  });

  it("runs a job once when two instances start it at the same moment", async () => {
    const { job, calls } = countingJob("test.race", { delayMs: 50 });
    const outcomes = await Promise.all([runJob(db, job, { now: T0, instanceId: "a" }), runJob(db, job, { now: T0, instanceId: "b" })]);
    expect(calls).toHaveLength(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["ok", "skipped"]);
  });

  it("records a failing job's error, frees its lease and reports it in the status", async () => {
    const { job } = countingJob("test.fails", { fail: true });
    registerJob(job);
    try {
      expect(await runJob(db, job, { now: T0, instanceId: "a" })).toMatchObject({ status: "failed", error: "SMTP credentials rejected" });
      expect(await db.jobLease.count()).toBe(0);
      const status = (await getJobsStatus(db, { now: later(10 * 60_000) })).jobs.find((j) => j.name === "test.fails");
      expect(status).toMatchObject({ lastSuccessAt: null, lastFailure: { at: T0, error: "SMTP credentials rejected" }, nextRunAt: later(HOUR), lease: null });
      expect(status?.lastRun?.status).toBe("failed");
    } finally {
      unregisterJob(job.name);
    }
  });

  it("the scheduler runs registered jobs on its timers until stopped", async () => {
    const calls: Date[] = [];
    const job: JobDefinition = { name: "test.tick", intervalMs: 40, async run(_db, { now }) { calls.push(now); } };
    const scheduler = startScheduler(db, { jobs: [job], firstRunDelayMs: 0, firstRunJitterMs: 0, instanceId: "sched" });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      // each run does a few database round trips: poll rather than guess how long two take
      for (let waited = 0; calls.length < 2 && waited < 15_000; waited += 20) await sleep(20);
    } finally {
      scheduler.stop();
    }
    expect(calls.length).toBeGreaterThanOrEqual(2);
    await sleep(300); // a run already under way when stop() came may still finish
    const afterStop = calls.length;
    await sleep(300);
    expect(calls.length).toBe(afterStop);
  });
});
