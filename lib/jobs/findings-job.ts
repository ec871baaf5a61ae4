import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { endLapsedAcceptances } from "@/lib/services/end-lapsed-acceptances";
import type { Db } from "@/lib/db/client";
import { evaluateAllFindingsOnThread } from "./findings-thread";
import { getJob, registerJob } from "./registry";
import { defaultInstanceId, runJob } from "./runner";

export const FINDINGS_JOB = "findings.evaluate";
export const FINDINGS_SWEEP_JOB = "findings.sweep";

/**
 * Findings follow the clock, not only writes. Every 5 minutes the job re-evaluates the subjects
 * whose nextEvaluationAt has passed or was never set (a few thousand a day at 250,000
 * certificates); once a day every subject is re-evaluated as a safety net, which also resolves
 * findings of deleted subjects and refreshes messages ("expires in 12 days"). The 5-minute job
 * also ends the risk acceptances whose end date has passed. A whole-inventory run (the daily one, or
 * the routine job's after a policy change) runs on a worker thread of its own (findings-thread.ts),
 * so the web server's thread keeps answering requests; the routine run stays on the calling thread.
 */
export function registerFindingsJobs(): void {
  registerJob({
    name: FINDINGS_JOB,
    description:
      "Re-evaluates findings of certificates, keys and signers that crossed a time-based threshold (expiry bands, rotation age, idle days, due dates) or were never evaluated",
    intervalMs: 5 * 60_000,
    leaseMs: 30 * 60_000,
    // risk acceptances past their end date end first (they count as open already)
    run: async (db, { now }) => {
      const { ended } = await endLapsedAcceptances(db, { now });
      const evaluateAll = (input: { now: Date }) => evaluateAllFindingsOnThread(db, input);
      return { ...(await evaluateDueFindings(db, { now, evaluateAll })), acceptancesEnded: ended };
    },
  });
  registerJob({
    name: FINDINGS_SWEEP_JOB,
    description: "Re-evaluates every finding of the whole inventory (daily safety net)",
    intervalMs: 24 * 60 * 60_000,
    leaseMs: 60 * 60_000,
    // a cron running jobs:run-once every few minutes must not re-evaluate everything each time
    runOnce: "when-due",
    run: (db, { now }) => evaluateAllFindingsOnThread(db, { now }),
  });
}

/**
 * After a policy change: runs the findings job now, in the background (the request that saved the
 * policy does not wait). The job sees the newer policy version and re-evaluates every subject; if
 * this run cannot start (another instance holds the lease), its next scheduled run does the same.
 */
export function queueFindingsReevaluation(db: Db): void {
  registerFindingsJobs();
  const job = getJob(FINDINGS_JOB);
  if (!job) return;
  void runJob(db, job, { now: new Date(), instanceId: defaultInstanceId(), isForced: true }).catch((error: unknown) =>
    console.error("[signet] could not start the findings re-evaluation after a policy change:", error),
  );
}
