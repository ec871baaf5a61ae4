import { route } from "@/lib/api/handler";
import { alertsAdmin } from "@/lib/api/route-presets";
import { defaultInstanceId } from "@/lib/jobs/runner";
import { processMailTransport } from "@/lib/jobs/alert-jobs";
import { attestationNow, clockOverrideInput } from "@/lib/services/attestation-clock";
import { runAttestationJobsByHand } from "@/lib/services/run-attestation-jobs";
import { attestationJobsRun } from "@/lib/api/responses/admin";

// Admin only: run the attestation job and the outbox sender now. `now` moves the clock, and is
// accepted only when the server runs with SIGNET_ALLOW_CLOCK_OVERRIDE=1 (tests), never in production.
export const POST = route(
  alertsAdmin("Run the attestation job and the outbox sender now", { 200: attestationJobsRun }, clockOverrideInput),
  async ({ db, actor, body }) =>
    runAttestationJobsByHand(db, {
      actor,
      now: attestationNow(body.now),
      isClockOverridden: !!body.now,
      instanceId: defaultInstanceId(),
      transport: processMailTransport(),
    }),
);
