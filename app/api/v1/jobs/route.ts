import { route } from "@/lib/api/handler";
import { alertsAdmin } from "@/lib/api/route-presets";
import { getJobsStatus, registerBuiltinJobs } from "@/lib/jobs";
import { jobsStatus } from "@/lib/api/responses/admin";

// Last run, result, error, next due time and lease of every scheduled job.
export const GET = route(
  alertsAdmin("Every scheduled job: last run, success, failure, next run, lease", { 200: jobsStatus }),
  async ({ db }) => {
    // this instance may run without the scheduler (SIGNET_JOBS=off): the registry is still needed
    registerBuiltinJobs();
    return getJobsStatus(db, { now: new Date() });
  },
);
