import { route } from "@/lib/api/handler";
import { getJobsStatus, registerBuiltinJobs } from "@/lib/jobs";
import { jobsStatus } from "@/lib/api/responses/admin";

// Last run, result, error, next due time and lease of every scheduled job.
export const GET = route(
  {
    summary: "Every scheduled job: last run, success, failure, next run, lease",
    responses: { 200: jobsStatus },
    permission: "alerts:manage",
  },
  async ({ db }) => {
    // this instance may run without the scheduler (SIGNET_JOBS=off): the registry is still needed
    registerBuiltinJobs();
    return getJobsStatus(db, { now: new Date() });
  },
);
