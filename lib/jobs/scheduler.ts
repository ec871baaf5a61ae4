import type { Db } from "@/lib/db/client";
import { listJobs, type JobDefinition } from "./registry";
import { defaultInstanceId, runJob } from "./runner";

// The in-process scheduler: one interval timer per registered job. Timers are unref'd so they
// never keep a process alive; leases make several app instances safe; a job never overlaps
// itself within one process.

export type Scheduler = { stop(): void; instanceId: string };

export type StartSchedulerOptions = {
  instanceId?: string;
  jobs?: JobDefinition[];
  /** delay before the first run of each job (default 15 s) */
  firstRunDelayMs?: number;
  /** random extra delay so instances started together do not collide (default up to 5 s) */
  firstRunJitterMs?: number;
  clock?: () => Date;
};

const store = globalThis as unknown as { __signetScheduler?: Scheduler };

/** Starts the scheduler once per process; later calls return the running one. */
export function startScheduler(db: Db, options: StartSchedulerOptions = {}): Scheduler {
  if (store.__signetScheduler) return store.__signetScheduler;
  const instanceId = options.instanceId ?? defaultInstanceId();
  const clock = options.clock ?? (() => new Date());
  const timers: NodeJS.Timeout[] = [];
  let isStopped = false;
  for (const job of options.jobs ?? listJobs()) {
    let isRunning = false;
    const tick = async () => {
      if (isRunning || isStopped) return;
      isRunning = true;
      try {
        await runJob(db, job, { now: clock(), instanceId });
      } catch (error) {
        // the database is unreachable, say: log and try at the next tick
        console.error(`[signet] scheduler could not run ${job.name}:`, error);
      } finally {
        isRunning = false;
      }
    };
    const first = setTimeout(
      tick,
      (options.firstRunDelayMs ?? 15_000) + Math.floor(Math.random() * (options.firstRunJitterMs ?? 5_000)),
    );
    first.unref();
    const every = setInterval(tick, job.intervalMs);
    every.unref();
    timers.push(first, every);
  }
  const scheduler: Scheduler = {
    instanceId,
    stop() {
      isStopped = true;
      for (const t of timers) clearTimeout(t);
      if (store.__signetScheduler === scheduler) store.__signetScheduler = undefined;
    },
  };
  store.__signetScheduler = scheduler;
  return scheduler;
}

export function isSchedulerRunning(): boolean {
  return store.__signetScheduler !== undefined;
}
