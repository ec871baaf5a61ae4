import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";

// Job leases (only one app instance runs a job at a time) and the run history.

/**
 * Takes the job's lease for `owner` until now + ttlMs if it is free, expired, or already ours.
 * The conditional UPDATE's row count decides; the first ever run creates the row, and losing
 * that race shows up as a unique violation.
 */
export async function acquireJobLease(
  db: Db,
  options: { job: string; owner: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const leaseUntil = new Date(options.now.getTime() + options.ttlMs);
  const r = await db.jobLease.updateMany({
    where: { job: options.job, OR: [{ owner: options.owner }, { leaseUntil: { lt: options.now } }] },
    data: { owner: options.owner, leaseUntil },
  });
  if (r.count === 1) return true;
  try {
    await db.jobLease.create({ data: { job: options.job, owner: options.owner, leaseUntil } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function releaseJobLease(db: Db, options: { job: string; owner: string }): Promise<void> {
  await db.jobLease.deleteMany({ where: { job: options.job, owner: options.owner } });
}

export async function startJobRun(db: Db, options: { job: string; instanceId: string; now: Date }): Promise<string> {
  const run = await db.jobRun.create({
    data: { job: options.job, instanceId: options.instanceId, startedAt: options.now, status: "running" },
  });
  return run.id;
}

export async function finishJobRun(
  db: Db,
  options: { id: string; finishedAt: Date; status: "ok" | "failed"; result?: unknown; error?: string },
): Promise<void> {
  await db.jobRun.update({
    where: { id: options.id },
    data: {
      finishedAt: options.finishedAt,
      status: options.status,
      resultJson: options.result === undefined ? null : JSON.stringify(options.result),
      error: options.error ?? null,
    },
  });
}

/** Drops a job's runs older than `before`: the sender alone runs 2,880 times a day. */
export async function pruneJobRuns(db: Db, options: { job: string; before: Date }): Promise<void> {
  await db.jobRun.deleteMany({ where: { job: options.job, startedAt: { lt: options.before } } });
}

export type JobRunRecord = {
  id: string;
  instanceId: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  result: unknown;
  error: string | null;
};

function toRecord(r: {
  id: string;
  instanceId: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  resultJson: string | null;
  error: string | null;
}): JobRunRecord {
  return {
    id: r.id,
    instanceId: r.instanceId,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    status: r.status,
    result: r.resultJson ? JSON.parse(r.resultJson) : null,
    error: r.error,
  };
}

/** The latest run, the latest successful run and the lease of one job. */
export async function jobHistory(db: Db, job: string) {
  const [last, lastOk, lastFailed, lease] = await Promise.all([
    db.jobRun.findFirst({ where: { job }, orderBy: { startedAt: "desc" } }),
    db.jobRun.findFirst({ where: { job, status: "ok" }, orderBy: { startedAt: "desc" } }),
    db.jobRun.findFirst({ where: { job, status: "failed" }, orderBy: { startedAt: "desc" } }),
    db.jobLease.findUnique({ where: { job } }),
  ]);
  return {
    lastRun: last ? toRecord(last) : null,
    lastSuccess: lastOk ? toRecord(lastOk) : null,
    lastFailure: lastFailed ? toRecord(lastFailed) : null,
    lease: lease ? { owner: lease.owner, leaseUntil: lease.leaseUntil } : null,
  };
}

/** When the job last started a run (any instance, any outcome but "running" crashes count too). */
export async function lastJobStartedAt(db: Db, job: string): Promise<Date | null> {
  const r = await db.jobRun.findFirst({ where: { job }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
  return r?.startedAt ?? null;
}
