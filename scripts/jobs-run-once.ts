// `npm run jobs:run-once`: runs every registered job once, now, and exits. For deployments that
// prefer cron (or SIGNET_JOBS=off) to the in-process scheduler. Leases still apply, so it is safe
// next to running app instances. Exit code 1 when a job failed.
//
//   npm run jobs:run-once                                   # every job (the daily ones only when due)
//   npm run jobs:run-once -- findings.evaluate              # named jobs only
//   npm run jobs:run-once -- --now 2027-03-01T09:00:00Z     # as of another instant (drills, tests)
//
// --now is accepted only where the attestation clock override is (SIGNET_ALLOW_CLOCK_OVERRIDE=1,
// not in production). The run history and leases keep the real time.
import "reflect-metadata";
import { disconnectDb, getDb } from "@/lib/db/client";
import { clockOverride } from "@/lib/domain/attestation/clock";
import { defaultInstanceId, listJobs, registerBuiltinJobs, runJob } from "@/lib/jobs";

function parseArgs(argv: string[]): { names: string[]; now: string | null } | { error: string } {
  const names: string[] = [];
  let now: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--now" || arg.startsWith("--now=")) {
      now = arg === "--now" ? (argv[++i] ?? "") : arg.slice("--now=".length);
      if (!now) return { error: "--now needs an ISO date and time, e.g. --now 2027-03-01T09:00:00Z" };
    } else if (arg.startsWith("-")) return { error: `unknown option ${arg}` };
    else names.push(arg);
  }
  return { names, now };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  const clock = clockOverride(args.now, process.env);
  if (clock && "error" in clock) {
    console.error(`--now refused: ${clock.error} (it needs SIGNET_ALLOW_CLOCK_OVERRIDE=1 and no production environment)`);
    return 2;
  }
  registerBuiltinJobs();
  const jobs = listJobs().filter((j) => args.names.length === 0 || args.names.includes(j.name));
  if (args.names.length > 0 && jobs.length !== args.names.length) {
    console.error(`unknown job; registered jobs: ${listJobs().map((j) => j.name).join(", ")}`);
    return 2;
  }
  const db = getDb();
  const instanceId = `run-once:${defaultInstanceId()}`;
  if (clock) console.log(`clock moved to ${clock.now.toISOString()}`);
  let failed = 0;
  for (const job of jobs) {
    // a job named on the command line always runs; otherwise daily jobs wait until they are due
    const isForced = args.names.length > 0 || job.runOnce !== "when-due";
    const outcome = await runJob(db, job, { now: clock?.now ?? new Date(), recordedAt: new Date(), instanceId, isForced });
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
