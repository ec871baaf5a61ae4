import type { Db } from "@/lib/db/client";

// The job registry. Other features register their periodic work here (findings re-evaluation,
// revocation checks, attestation reminders) and get leasing, run history, the in-process
// scheduler, `npm run jobs:run-once` and GET /api/v1/jobs for free.

export type JobContext = { now: Date; instanceId: string; runId: string };

export type JobDefinition = {
  /** stable id, e.g. "alerts.sweep" */
  name: string;
  description?: string;
  /** how often the job should run across all instances */
  intervalMs: number;
  /** how long one run may hold the job's lease (default 5 min); a crashed run frees it after this */
  leaseMs?: number;
  /** `npm run jobs:run-once` runs the job regardless of its last run ("always", the default) or only when due */
  runOnce?: "always" | "when-due";
  /** the result is stored as JSON on the run */
  run(db: Db, ctx: JobContext): Promise<unknown>;
};

// on globalThis so Next's dev reloads and duplicate module instances share one registry
const store = globalThis as unknown as { __signetJobs?: Map<string, JobDefinition> };

function jobs(): Map<string, JobDefinition> {
  store.__signetJobs ??= new Map();
  return store.__signetJobs;
}

/** Registers (or replaces) a job by name. */
export function registerJob(job: JobDefinition): void {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(job.name)) throw new Error(`job name "${job.name}" must be lowercase letters, digits, dots and dashes`);
  if (!(job.intervalMs > 0)) throw new Error(`job ${job.name}: intervalMs must be positive`);
  jobs().set(job.name, job);
}

export function listJobs(): JobDefinition[] {
  return [...jobs().values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function getJob(name: string): JobDefinition | undefined {
  return jobs().get(name);
}

export function unregisterJob(name: string): void {
  jobs().delete(name);
}
