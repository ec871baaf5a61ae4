import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { runAttestationJobsByHand } from "./run-attestation-jobs";

// POST /api/v1/attestations/run-jobs's use case: both jobs run at the `now` given, and the run is
// audited with what each did and whether the clock was moved.

// the jobs read the configuration (base URL, security team address), which wants a secret
process.env.SIGNET_SECRET ??= "test-secret-of-at-least-thirty-two-characters";

const NOW = new Date("2026-03-02T09:00:00Z");
const ADMIN = { type: "user" as const, id: "u-admin", label: "admin@example.com", role: "admin" };

describeEachDatabase("attestation jobs run by hand", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  it("runs the reminders and the outbox sender at `now` (no mail transport: nothing sent) and audits the run", async () => {
    const answer = await runAttestationJobsByHand(db, {
      actor: ADMIN,
      now: NOW,
      isClockOverridden: true,
      instanceId: "run-by-hand-test",
      transport: null,
    });
    expect(answer).toEqual({
      now: NOW.toISOString(),
      attestations: { reminders: 0, escalations: 0, emails: 0, suspended: 0, campaignsStarted: 0 },
      outbox: { sent: 0, retried: 0, failed: 0, isTransportMissing: true },
    });
    const [audit] = await db.auditEvent.findMany({ where: { action: "attestation.jobs-run" } });
    expect(audit).toMatchObject({
      actorType: "user",
      actorId: "u-admin",
      targetType: "job",
      targetId: "attestations.reminders",
      summary: "Attestation job and outbox sender run by hand",
    });
    expect(JSON.parse(audit.detailsJson)).toEqual({
      now: NOW.toISOString(),
      isClockOverridden: true,
      attestations: answer.attestations,
      outbox: answer.outbox,
    });
  });
});
