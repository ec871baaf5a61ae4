import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { registerBuiltinJobs } from "./index";
import { startScheduler } from "./scheduler";

/** Called from instrumentation.ts on the Node.js server: start the scheduler unless SIGNET_JOBS=off. */
export async function startInProcessJobs(): Promise<void> {
  try {
    if (!getConfig().isJobsEnabled) {
      console.log("[signet] background jobs are off (SIGNET_JOBS=off): run `npm run jobs:run-once` from cron");
      return;
    }
    registerBuiltinJobs();
    const scheduler = startScheduler(getDb());
    console.log(`[signet] background jobs started (instance ${scheduler.instanceId})`);
  } catch (error) {
    // a configuration problem is reported by the pages too; the web server must still come up
    console.error("[signet] background jobs not started:", error instanceof Error ? error.message : error);
  }
}
