import { getConfig } from "@/lib/config";
import { runAttestationReminders } from "@/lib/services/run-attestation-reminders";
import { registerJob } from "./registry";

export const ATTESTATION_JOB = "attestations.reminders";

/** Reminders, escalations, auto-suspension and recurring campaigns; hourly is fine-grained enough for day-based cadences. */
export function registerAttestationJobs(): void {
  registerJob({
    name: ATTESTATION_JOB,
    description: "Sends attestation reminders and escalations, applies auto-suspension and starts recurring campaigns",
    intervalMs: 60 * 60_000,
    leaseMs: 15 * 60_000,
    run: (db, { now, runId }) => {
      const config = getConfig();
      return runAttestationReminders(db, { now, runId, baseUrl: config.baseUrl, securityTeamEmail: config.securityTeamEmail });
    },
  });
}
