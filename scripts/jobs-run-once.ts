// `npm run jobs:run-once`: runs every registered job once, now, and exits. For deployments that
// prefer cron (or SIGNET_JOBS=off) to the in-process scheduler. Leases still apply, so it is safe
// next to running app instances. Exit code 1 when a job failed.
import "reflect-metadata";
import { disconnectDb, getDb } from "@/lib/db/client";
import { defaultInstanceId, listJobs, registerBuiltinJobs, runJob } from "@/lib/jobs";

async function main(): Promise<number> {
  registerBuiltinJobs();
  const only = process.argv.slice(2);
  const jobs = listJobs().filter((j) => only.length === 0 || only.includes(j.name));
  if (only.length > 0 && jobs.length !== only.length) {
    console.error(`unknown job; registered jobs: ${listJobs().map((j) => j.name).join(", ")}`);
    return 2;
  }
  const db = getDb();
  const instanceId = `run-once:${defaultInstanceId()}`;
  let failed = 0;
  for (const job of jobs) {
    const outcome = await runJob(db, job, { now: new Date(), instanceId, isForced: true });
    if (outcome.status === "ok") console.log(`${job.name}: ok ${JSON.stringify(outcome.result)}`);
    else if (outcome.status === "failed") {
      failed++;
      console.error(`${job.name}: FAILED ${outcome.error}`);
    } else console.log(`${job.name}: skipped (${outcome.reason === "leased" ? "another instance is running it" : "not due"})`);
  }
  return failed > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
