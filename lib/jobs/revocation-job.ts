import { checkRevocation } from "@/lib/services/check-revocation";
import { registerJob } from "./registry";

export const REVOCATION_JOB = "revocation.check";

/**
 * Re-checks revocation status (OCSP, then CRL). The job wakes hourly, but dueForRevocationCheck
 * only selects certificates never checked, checked over a day ago or past their answer's
 * nextUpdate, so each certificate is checked about daily and a failed check is retried next hour.
 */
export function registerRevocationJob(): void {
  registerJob({
    name: REVOCATION_JOB,
    description:
      "Checks certificates' revocation status (OCSP, CRL) when their last answer is a day old or past its nextUpdate",
    intervalMs: 60 * 60_000,
    // slow responders time out per request; thousands of certificates can take several minutes
    leaseMs: 30 * 60_000,
    run: (db, { now }) => checkRevocation(db, { now }),
  });
}
