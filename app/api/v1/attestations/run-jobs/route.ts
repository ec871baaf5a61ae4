import { randomUUID } from "node:crypto";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { defaultInstanceId } from "@/lib/jobs/runner";
import { processMailTransport } from "@/lib/jobs/alert-jobs";
import { recordAudit } from "@/lib/services/audit";
import { attestationNow } from "@/lib/services/attestation-clock";
import { runAttestationReminders } from "@/lib/services/run-attestation-reminders";
import { sendOutbox } from "@/lib/services/send-outbox";
import { withTransaction } from "@/lib/db/client";
import { attestationJobsRun } from "@/lib/api/responses/admin";

// Admin only: run the attestation job and the outbox sender now. `now` moves the clock, and is
// accepted only when the server runs with SIGNET_ALLOW_CLOCK_OVERRIDE=1 (tests), never in production.
export const POST = route(
  {
    summary: "Run the attestation job and the outbox sender now",
    responses: { 200: attestationJobsRun },
    permission: "alerts:manage",
    body: z.object({ now: z.string().optional() }),
  },
  async ({ db, actor, body }) => {
    const now = attestationNow(body.now);
    const config = getConfig();
    const runId = `manual:${randomUUID()}`;
    const attestations = await runAttestationReminders(db, {
      now,
      runId,
      baseUrl: config.baseUrl,
      securityTeamEmail: config.securityTeamEmail,
    });
    const outbox = await sendOutbox(db, { now, instanceId: defaultInstanceId(), transport: processMailTransport() });
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "attestation.jobs-run",
        targetType: "job",
        targetId: "attestations.reminders",
        summary: "Attestation job and outbox sender run by hand",
        details: { now: now.toISOString(), isClockOverridden: !!body.now, attestations, outbox },
      }),
    );
    return { now: now.toISOString(), attestations, outbox };
  },
);
