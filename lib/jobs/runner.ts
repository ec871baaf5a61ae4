import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "@/lib/db/client";
import { acquireJobLease, finishJobRun, lastJobStartedAt, pruneJobRuns, releaseJobLease, startJobRun } from "@/lib/db/jobs/jobs";
import type { JobDefinition } from "./registry";

const DEFAULT_LEASE_MS = 5 * 60_000;
const RUN_RETENTION_MS = 14 * 86_400_000;

/** This process's identity in leases and run history. */
export function defaultInstanceId(): string {
  const store = globalThis as unknown as { __signetInstanceId?: string };
  store.__signetInstanceId ??= `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return store.__signetInstanceId;
}

export type JobRunOutcome =
  | { status: "ok"; runId: string; result: unknown }
  | { status: "failed"; runId: string; error: string }
  | { status: "skipped"; reason: "not-due" | "leased" };

export type RunJobOptions = {
  now: Date;
  instanceId: string;
  /** run even if another instance ran the job less than an interval ago (jobs:run-once) */
  isForced?: boolean;
  /**
   * the real time, for the lease and the run history, when `now` is a moved clock (jobs:run-once
   * --now): a drill must not make the schedule think the jobs already ran days ahead
   */
  recordedAt?: Date;
};

/**
 * Runs one job once if it is due and this instance gets its lease; records the run (JobRun) with
 * its result or error. Errors are recorded, not thrown: one failing job must not stop the others.
 */
export async function runJob(db: Db, job: JobDefinition, options: RunJobOptions): Promise<JobRunOutcome> {
  const { now, instanceId } = options;
  const at = options.recordedAt ?? now;
  const isDue = async () => {
    if (options.isForced) return true;
    // several instances tick independently; "due" keeps the job at about one run per interval
    const last = await lastJobStartedAt(db, job.name);
    return !last || at.getTime() - last.getTime() >= job.intervalMs * 0.9;
  };
  if (!(await isDue())) return { status: "skipped", reason: "not-due" };
  if (!(await acquireJobLease(db, { job: job.name, owner: instanceId, now: at, ttlMs: job.leaseMs ?? DEFAULT_LEASE_MS }))) {
    return { status: "skipped", reason: "leased" };
  }
  // checked again under the lease: another instance may have finished a run since the first look
  if (!(await isDue())) {
    await releaseJobLease(db, { job: job.name, owner: instanceId });
    return { status: "skipped", reason: "not-due" };
  }
  try {
    const runId = await startJobRun(db, { job: job.name, instanceId, now: at });
    try {
      const result = await job.run(db, { now, instanceId, runId });
      await finishJobRun(db, { id: runId, finishedAt: new Date(), status: "ok", result });
      return { status: "ok", runId, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[signet] job ${job.name} failed:`, error);
      await finishJobRun(db, { id: runId, finishedAt: new Date(), status: "failed", error: message.slice(0, 2000) });
      return { status: "failed", runId, error: message };
    } finally {
      await pruneJobRuns(db, { job: job.name, before: new Date(at.getTime() - RUN_RETENTION_MS) });
    }
  } finally {
    await releaseJobLease(db, { job: job.name, owner: instanceId });
  }
}
