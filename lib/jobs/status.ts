import type { Db } from "@/lib/db/client";
import { jobHistory } from "@/lib/db/jobs/jobs";
import { listJobs } from "./registry";
import { isSchedulerRunning } from "./scheduler";

export type JobStatus = {
  name: string;
  description: string | null;
  intervalMs: number;
  lastRun: Awaited<ReturnType<typeof jobHistory>>["lastRun"];
  lastSuccessAt: Date | null;
  lastFailure: { at: Date; error: string | null } | null;
  /** when the next run is due (now if it never ran or is overdue) */
  nextRunAt: Date;
  lease: { owner: string; leaseUntil: Date } | null;
};

/** Every registered job with its last run, last success and failure, next due time and lease. */
export async function getJobsStatus(db: Db, options: { now: Date }) {
  const jobs = await Promise.all(
    listJobs().map(async (job): Promise<JobStatus> => {
      const h = await jobHistory(db, job.name);
      const due = h.lastRun ? new Date(h.lastRun.startedAt.getTime() + job.intervalMs) : options.now;
      return {
        name: job.name,
        description: job.description ?? null,
        intervalMs: job.intervalMs,
        lastRun: h.lastRun,
        lastSuccessAt: h.lastSuccess?.startedAt ?? null,
        lastFailure: h.lastFailure ? { at: h.lastFailure.startedAt, error: h.lastFailure.error } : null,
        nextRunAt: due < options.now ? options.now : due,
        lease: h.lease && h.lease.leaseUntil > options.now ? h.lease : null,
      };
    }),
  );
  return { isSchedulerRunningHere: isSchedulerRunning(), jobs };
}
