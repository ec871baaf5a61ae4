import { evaluateIncidentRecovery } from "@/lib/services/evaluate-incident-recovery";
import { registerJob } from "./registry";

export const INCIDENT_RECOVERY_JOB = "incidents.recovery";

/**
 * Re-evaluates the recovery tasks of open key-compromise incidents from the data (new key in
 * approved custody, new certificate, re-signing). Signing events evaluate at once; this catches a
 * custody attested or a certificate imported after the re-signing was reported.
 */
export function registerIncidentJob(): void {
  registerJob({
    name: INCIDENT_RECOVERY_JOB,
    description: "Completes the recovery tasks of open key-compromise incidents from the data",
    intervalMs: 5 * 60_000,
    run: (db, { now }) =>
      evaluateIncidentRecovery(db, { now, actor: { type: "system", label: "incidents.recovery job" } }),
  });
}
