import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getJobsStatus, registerBuiltinJobs } from "@/lib/jobs";
import { jobsStatusQuery } from "@/lib/queries/jobs";
import { AlertsAdminPage } from "@/components/alerts/alerts-admin-tabs";
import { prefetched } from "@/components/inventory/page-data";
import { JobsList } from "@/components/alerts/jobs-list";

export const metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageUser("/admin/jobs");
  // this instance may run without the scheduler (SIGNET_JOBS=off): the registry is still needed
  registerBuiltinJobs();
  const state = await prefetched({ ...jobsStatusQuery(), queryFn: () => getJobsStatus(getDb(), { now: new Date() }) });
  return (
    <AlertsAdminPage
      current="/admin/jobs"
      description="Scheduled work: the alert sweep, the outbox sender and attestation reminders. Each runs under a lease, so only one instance runs it at a time."
      state={state}
    >
      <JobsList />
    </AlertsAdminPage>
  );
}
