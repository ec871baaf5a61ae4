import { registerAlertJobs } from "./alert-jobs";
import { registerAttestationJobs } from "./attestation-job";
import { registerAuditAnchorJob } from "./audit-anchor-job";
import { registerAuditLinkJob } from "./audit-link-job";
import { registerFindingsJobs } from "./findings-job";
import { registerIncidentJob } from "./incident-job";
import { registerRevocationJob } from "./revocation-job";
import { registerWebhookJob } from "./webhook-job";

export { registerJob, listJobs, getJob, type JobDefinition, type JobContext } from "./registry";
export { runJob, defaultInstanceId } from "./runner";
export { startScheduler, isSchedulerRunning } from "./scheduler";
export { getJobsStatus } from "./status";

/** Registers every built-in job. Features add their registration call here. */
export function registerBuiltinJobs(): void {
  registerAlertJobs();
  registerAttestationJobs();
  registerRevocationJob();
  registerFindingsJobs();
  registerAuditAnchorJob();
  registerAuditLinkJob();
  registerWebhookJob();
  registerIncidentJob();
}
