import { getConfig } from "@/lib/config";
import { subjectsAffectedBy } from "@/lib/db/findings/inputs";
import { signersChangedByAttestationRun } from "@/lib/db/findings/next-evaluation";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
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
    run: async (db, { now, runId }) => {
      const config = getConfig();
      const result = await runAttestationReminders(db, { now, runId, baseUrl: config.baseUrl, securityTeamEmail: config.securityTeamEmail });
      // escalation raises signer.attestation-overdue's severity and auto-suspension changes what
      // the signer's findings say: evaluate those signers now rather than at the next daily sweep
      if (result.escalations + result.suspended > 0) {
        const signerIds = await signersChangedByAttestationRun(db, now);
        // a suspended signer's certificates and keys too (revoked-in-use speaks of active signers)
        if (signerIds.length > 0) await evaluateFindings(db, { now, ...(await subjectsAffectedBy(db, { certificateIds: [], keyIds: [], signerIds })) });
      }
      return result;
    },
  });
}
