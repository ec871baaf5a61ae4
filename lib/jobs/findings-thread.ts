import { databaseUrlOf, type Db } from "@/lib/db/client";
import { invalidateOverview } from "@/lib/db/inventory/overview";
import type { EvaluateFindingsResult } from "@/lib/services/evaluate-findings";
import { startWorker } from "@/lib/threads/worker";

// A whole-inventory findings evaluation (the daily sweep, or the re-evaluation after a policy
// change) on a worker thread with its own database connection, so the thread that answers
// requests is not the one evaluating 500,000 subjects: on SQLite every statement runs on the
// calling thread, and the sweep's ~30 s of statements and rule evaluation shared the web server's
// event loop with every request. SQLite in WAL mode lets the server keep reading while the
// thread writes; on PostgreSQL the thread opens a small pool of its own. The run is still the
// job's: runJob (runner.ts) takes the lease and records the run on the calling thread, and the
// thread's result or error becomes the job's.

export type FindingsThreadRequest = { url: string; nowIso: string };
export type FindingsThreadReply =
  { type: "done"; result: EvaluateFindingsResult } | { type: "failed"; error: { message: string; stack?: string } };

/**
 * The thread's young generation. A sweep's pages (a thousand subjects, their inputs, drafts and
 * stored findings) live across a page's awaits, so with V8's default ~16 MiB most of them were
 * copied by a scavenge before they died: scavenges took a fifth of the sweep's CPU at 250,000
 * certificates. With room for several pages most die before the next one.
 */
const YOUNG_GENERATION_MB = 192;
/** How long a thread that has answered may take to close its connection and end before it is stopped. */
const EXIT_GRACE_MS = 10_000;

/**
 * evaluateFindings over the whole inventory (the stored policy in force) on a worker thread, on
 * the database `db` was opened on. Settles once the thread has ended: with its result, or
 * rejecting with its error (or its early exit).
 */
export async function evaluateAllFindingsOnThread(db: Db, input: { now: Date }): Promise<EvaluateFindingsResult> {
  const result = await runFindingsThread({ url: databaseUrlOf(db), nowIso: input.now.toISOString() });
  // the overview's figures are cached on this thread, not the worker's
  if (result.created + result.updated + result.reopened + result.resolved > 0) invalidateOverview(db);
  return result;
}

/** The thread itself, given the database URL (tests point it at a broken database). */
export function runFindingsThread(request: FindingsThreadRequest): Promise<EvaluateFindingsResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker("lib/jobs/findings-thread-main.ts", {
      workerData: request,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    let reply: FindingsThreadReply | null = null;
    let failure: Error | null = null;
    let grace: NodeJS.Timeout | undefined;
    worker.on("message", (message: FindingsThreadReply) => {
      reply ??= message;
      grace = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
      grace.unref();
    });
    worker.on("error", (error) => (failure ??= error));
    worker.on("exit", (code) => {
      clearTimeout(grace);
      if (reply?.type === "done") resolve(reply.result);
      else if (reply?.type === "failed") reject(threadError(reply.error));
      else reject(failure ?? new Error(`the findings thread exited without a result (code ${code})`));
    });
  });
}

function threadError(error: { message: string; stack?: string }): Error {
  const e = new Error(error.message);
  if (error.stack) e.stack = error.stack;
  return e;
}
