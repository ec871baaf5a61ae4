import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { type Db, withTransaction } from "@/lib/db/client";
import { recordAudit, type Actor } from "./audit";
import { runAttestationReminders } from "./run-attestation-reminders";
import { sendOutbox, type SendOutboxOptions } from "./send-outbox";

// The attestation job and the outbox sender, run now by an administrator (POST
// /api/v1/attestations/run-jobs) rather than on their schedule; the run is audited with what it did.

export type AttestationJobsByHandOptions = Pick<SendOutboxOptions, "now" | "instanceId" | "transport"> & {
  actor: Actor;
  /** `now` came from the request (tests), not the clock */
  isClockOverridden: boolean;
};

export async function runAttestationJobsByHand(db: Db, options: AttestationJobsByHandOptions) {
  const { now, actor, isClockOverridden } = options;
  const config = getConfig();
  const runId = `manual:${randomUUID()}`;
  const attestations = await runAttestationReminders(db, {
    now,
    runId,
    baseUrl: config.baseUrl,
    securityTeamEmail: config.securityTeamEmail,
  });
  const outbox = await sendOutbox(db, { now, instanceId: options.instanceId, transport: options.transport });
  await withTransaction(db, (tx) =>
    recordAudit(tx, {
      actor,
      action: "attestation.jobs-run",
      targetType: "job",
      targetId: "attestations.reminders",
      summary: "Attestation job and outbox sender run by hand",
      details: { now: now.toISOString(), isClockOverridden, attestations, outbox },
    }),
  );
  return { now: now.toISOString(), attestations, outbox };
}
