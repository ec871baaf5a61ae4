// The whole-inventory findings evaluation on its worker thread (findings-thread.ts): it leaves the
// same findings an evaluation on the calling thread leaves, runs as the findings.sweep job with
// the job's run history, and a failure on the thread is a failed run.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { createEmptyTestDatabase, describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import type { TestDatabase } from "@/lib/testing/databases";
import { evaluateAllFindingsOnThread, runFindingsThread } from "./findings-thread";
import { FINDINGS_SWEEP_JOB, registerFindingsJobs } from "./findings-job";
import { getJob, type JobDefinition } from "./registry";
import { runJob } from "./runner";
import { importSignerLeaf } from "./testing/imported-leaf";

const DAY = 86_400_000;
const now = new Date();
const at = (days: number) => new Date(now.getTime() + days * DAY);
const unchanged = { created: 0, updated: 0, reopened: 0, resolved: 0 };

describeEachDatabase("findings evaluation on a worker thread", (database) => {
  let db: Db;
  let certificateId: string;
  let broken: TestDatabase;
  // not evaluated on import: the runs below raise everything
  const importLeaf = (client: Db) =>
    importSignerLeaf(client, { now, expiresInDays: 10, name: "Ten Days Left", isEvaluating: false });
  openSeededTestDb(database, importLeaf, (client, leaf) => ((db = client), ({ certificateId } = leaf)));
  beforeAll(async () => {
    broken = await createEmptyTestDatabase(database.flavour);
  }, 60_000);
  afterAll(() => broken?.cleanup());

  const openRules = async () =>
    (await db.finding.findMany({ where: { resolvedAt: null, subjectId: certificateId }, select: { ruleId: true } }))
      .map((f) => f.ruleId)
      .sort();

  it("raises and resolves what an evaluation on the calling thread would, and ends", async () => {
    // first run on the thread: raises the findings of the day
    const first = await evaluateAllFindingsOnThread(db, { now });
    expect(first.created).toBeGreaterThan(0);
    expect(first.evaluated.certificates).toBeGreaterThanOrEqual(1);
    expect(await openRules()).toContain("cert.expiring");
    // the calling thread, at the same instant, finds nothing to change
    expect(await evaluateFindings(db, { now })).toMatchObject(unchanged);

    // eleven days later: the thread raises cert.expired and resolves cert.expiring ...
    const later = await evaluateAllFindingsOnThread(db, { now: at(11) });
    expect(later.created).toBeGreaterThanOrEqual(1);
    expect(later.resolved).toBeGreaterThanOrEqual(1);
    expect(await openRules()).toContain("cert.expired");
    expect(await openRules()).not.toContain("cert.expiring");
    // ... exactly as the calling thread would have
    expect(await evaluateFindings(db, { now: at(11) })).toMatchObject(unchanged);
    const audit = await db.auditEvent.findFirst({ where: { action: "findings.evaluated" }, orderBy: { seq: "desc" } });
    expect(audit?.summary).toMatch(/Findings re-evaluated: \d+ new, 0 reopened, \d+ resolved/);
  }, 120_000);

  it("is the findings.sweep job: the run and its result are recorded on the calling thread", async () => {
    registerFindingsJobs();
    const job = getJob(FINDINGS_SWEEP_JOB)!;
    const outcome = await runJob(db, job, { now: at(11), instanceId: "test", isForced: true });
    expect(outcome).toMatchObject({ status: "ok", result: unchanged });
    const run = await db.jobRun.findFirstOrThrow({ where: { job: FINDINGS_SWEEP_JOB } });
    expect(run.status).toBe("ok");
    expect(JSON.parse(run.resultJson ?? "null")).toMatchObject({ ...unchanged, evaluated: { certificates: 1 } });
    expect(await db.jobLease.count()).toBe(0);
  }, 120_000);

  it("reports a failure on the thread as a failed run", async () => {
    // a database without tables: the thread's first read fails
    const job: JobDefinition = {
      name: "test.findings-thread-failure",
      intervalMs: DAY,
      run: (_db, { now: jobNow }) => runFindingsThread({ url: broken.url, nowIso: jobNow.toISOString() }),
    };
    const outcome = await runJob(db, job, { now, instanceId: "test", isForced: true });
    expect(outcome.status).toBe("failed");
    const run = await db.jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/PolicyVersion|does not exist|no such table/i);
    expect(await db.jobLease.count()).toBe(0);
  }, 120_000);
});
