import { type Db, withTransaction } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/api/errors";
import { defaultInstanceId, getJob, registerBuiltinJobs, runJob, type JobDefinition } from "@/lib/jobs";
import type { JobRunOutcome } from "@/lib/jobs/runner";
import { recordAudit, type Actor } from "@/lib/services/audit";

export type RunJobNowOptions = {
  now?: Date;
  instanceId?: string;
  /** tests pass their own registry lookup; the app uses the built-in jobs */
  findJob?: (name: string) => JobDefinition | undefined;
};

/**
 * An admin's "Run now": runs the job at once (even if not due) under its lease, so it never runs
 * twice at the same time as the scheduler. The request is audited with its outcome; a job that is
 * running elsewhere answers conflict.
 */
export async function runJobNow(db: Db, input: { name: string }, actor: Actor, options: RunJobNowOptions = {}): Promise<Exclude<JobRunOutcome, { status: "skipped" }>> {
  const findJob = options.findJob ?? ((name: string) => (registerBuiltinJobs(), getJob(name)));
  const job = findJob(input.name);
  if (!job) throw notFound("Job");
  const now = options.now ?? new Date();
  const outcome = await runJob(db, job, { now, instanceId: options.instanceId ?? defaultInstanceId(), isForced: true });
  await withTransaction(db, (tx) =>
    recordAudit(tx, {
      actor,
      action: "jobs.run-now",
      targetType: "job",
      targetId: job.name,
      summary:
        outcome.status === "skipped"
          ? `Asked to run ${job.name} now; it was already running elsewhere`
          : `Ran ${job.name} now: ${outcome.status === "ok" ? "succeeded" : `failed — ${outcome.error}`}`.slice(0, 500),
      details: { outcome: outcome.status, ...(outcome.status === "skipped" ? {} : { runId: outcome.runId }) },
      at: now,
    }),
  );
  if (outcome.status === "skipped") throw new AppError("conflict", `${job.name} is running right now (another instance holds its lease); try again when it finishes`);
  return outcome;
}
