import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { lastDrillOf } from "@/lib/db/incidents/reads";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { revocationCertificateRow } from "@/lib/testing/revocation-certificates";
import { acknowledgeIncident } from "./acknowledge-incident";
import { declareIncident } from "./declare-incident";
import { endDrill } from "./end-drill";
import { createWebhookSubscription } from "./manage-webhooks";
import { recordSigningEvent } from "./record-signing-event";
import { settleIncidentTask } from "./settle-incident-task";

// A key shared by two signers that sign for three release channels (production × container-image,
// production × npm, staging × container-image): a declared compromise suspends both, requests
// revocation of both certificates within the CSBR's 24 hours, opens three recovery tasks and closes
// once each channel is re-signed with a new certificate on an HSM key; a drill of the same touches
// nothing and records its timings.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const declaredAt = new Date("2026-11-20T09:00:00Z");
const suspectedAt = new Date("2026-11-18T00:00:00Z");
const admin = { type: "user" as const, id: "admin-1", label: "security@acme.example" };
const mail = { baseUrl: "https://signet.example", securityTeamEmail: "security@acme.example" };
const APP_SECRET = "test-app-secret-test-app-secret-0123456789";

/** A webhook subscriber to both incident events (and suspensions): what reached it, oldest first. */
async function subscribeToIncidents(db: Db) {
  await createWebhookSubscription(
    db,
    {
      name: "incident pager",
      url: "https://pager.acme.example/hook",
      events: ["incident.opened", "incident.closed", "signer.suspended"],
      format: "generic",
    },
    { actor: admin, now: new Date(declaredAt.getTime() - DAY), appSecret: APP_SECRET },
  );
}
async function webhookEvents(db: Db) {
  const rows = await db.webhookDelivery.findMany({ orderBy: [{ createdAt: "asc" }, { eventType: "asc" }] });
  return rows.map((r) => JSON.parse(r.payloadJson) as { type: string; summary: string; data: Record<string, unknown> });
}

async function certificateOn(db: Db, keyId: string, name: string, importedAt: Date) {
  const row = revocationCertificateRow(
    randomBytes(64),
    keyId,
    { subject: `CN=${name}`, subjectCn: name, issuer: "CN=CA" },
    { notBefore: new Date(declaredAt.getTime() - 100 * DAY), notAfter: new Date(declaredAt.getTime() + 300 * DAY) },
  );
  return db.certificate.create({ data: { ...row, revocationStatus: "good", importedAt } });
}

/** Two signers on one key, with owners, and signatures in three channels before the declaration. */
async function seedSharedKey(db: Db, prefix: string) {
  const owner = await db.person.create({ data: { name: `${prefix} Owner`, email: `${prefix}-owner@acme.example` } });
  const backup = await db.person.create({ data: { name: `${prefix} Backup`, email: `${prefix}-backup@acme.example` } });
  const key = await db.signingKey.create({
    data: { spkiSha256: randomBytes(32).toString("hex"), algorithm: "EC", custody: "hsm" },
  });
  const signers = [];
  for (const name of [`${prefix}-release`, `${prefix}-staging`]) {
    const s = await db.signer.create({
      data: { name, kind: "ci-pipeline", primaryOwnerId: owner.id, backupOwnerId: backup.id },
    });
    const c = await certificateOn(db, key.id, name, new Date(declaredAt.getTime() - 90 * DAY));
    await db.signerCertificate.create({ data: { signerId: s.id, certificateId: c.id } });
    signers.push({ ...s, certificate: c });
  }
  const [release, staging] = signers;
  const events = [
    { s: release, environment: "production", artifactType: "container-image" },
    { s: release, environment: "production", artifactType: "npm" },
    { s: staging, environment: "staging", artifactType: "container-image" },
  ];
  for (const [i, e] of events.entries())
    await db.signingEvent.create({
      data: {
        signerId: e.s.id,
        certificateId: e.s.certificate.id,
        signedAt: new Date(suspectedAt.getTime() + (i - 1) * DAY),
        environment: e.environment,
        artifactType: e.artifactType,
        artifactName: `${prefix}-artifact-${i}`,
        artifactDigest: `sha256:${randomBytes(32).toString("hex")}`,
      },
    });
  return { key, release, staging, owner, backup, events };
}

describeEachDatabase("key-compromise incident", (database) => {
  let db: Db;
  let seed: Awaited<ReturnType<typeof seedSharedKey>>;
  let incidentId: string;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    seed = await seedSharedKey(db, "inc");
    await subscribeToIncidents(db);
    const declared = await declareIncident(
      db,
      {
        subjectType: "key",
        subjectId: seed.key.id,
        suspectedAt: suspectedAt.toISOString(),
        reason: "The HSM partition credentials were found in a public CI log",
      },
      { actor: admin, now: declaredAt, ...mail },
    );
    incidentId = declared.id;
  });

  it("suspends both signers and requests revocation of both certificates within 24 hours", async () => {
    const signers = await db.signer.findMany({ where: { id: { in: [seed.release.id, seed.staging.id] } } });
    expect(signers.map((s) => s.status)).toEqual(["suspended", "suspended"]);
    const requests = await db.revocationRequest.findMany({ where: { incidentId }, orderBy: { certificateId: "asc" } });
    expect(requests.map((r) => r.certificateId).sort()).toEqual(
      [seed.release.certificate.id, seed.staging.certificate.id].sort(),
    );
    for (const r of requests) {
      expect(r.reason).toBe("keyCompromise");
      expect(r.deadlineAt.toISOString()).toBe(new Date(declaredAt.getTime() + DAY).toISOString());
      expect(r.proposedRevocationAt?.toISOString()).toBe(suspectedAt.toISOString());
    }
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.containedAt?.toISOString()).toBe(declaredAt.toISOString());
    expect(incident.suspectedAt.toISOString()).toBe(suspectedAt.toISOString());
    expect(await db.auditEvent.count({ where: { action: "signer.suspended" } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "incident.declared", targetId: incidentId } })).toBe(1);
  });

  it("opens one recovery task per channel and tells the owner, backup owner and security team", async () => {
    const tasks = await db.incidentTask.findMany({
      where: { incidentId },
      orderBy: [{ environment: "asc" }, { artifactType: "asc" }],
    });
    expect(tasks.map((t) => `${t.environment}/${t.artifactType}/${t.status}`)).toEqual([
      "production/container-image/open",
      "production/npm/open",
      "staging/container-image/open",
    ]);
    const notices = await db.incidentNotice.findMany({ where: { incidentId } });
    expect(notices.map((n) => n.role).sort()).toEqual(["backup-owner", "primary-owner", "security-team"]);
    const messages = await db.outboxMessage.findMany({ where: { id: { in: notices.map((n) => n.messageId!) } } });
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m.subject).toMatch(/^Key compromise declared/);
  });

  it("closes once every channel is re-signed with a new certificate on a key in approved custody", async () => {
    const newKey = await db.signingKey.create({
      data: {
        spkiSha256: randomBytes(32).toString("hex"),
        algorithm: "EC",
        custody: "hsm",
        firstSeenAt: new Date(declaredAt.getTime() + HOUR / 2),
      },
    });
    const cert = await certificateOn(db, newKey.id, "inc-new", new Date(declaredAt.getTime() + HOUR));
    for (const s of [seed.release, seed.staging])
      await db.signerCertificate.create({ data: { signerId: s.id, certificateId: cert.id } });
    const at = new Date(declaredAt.getTime() + 2 * HOUR);
    for (const [i, e] of seed.events.entries()) {
      await recordSigningEvent(
        db,
        {
          signerId: e.s.id,
          certificateSha256: cert.sha256,
          artifactName: `re-signed-${i}`,
          artifactDigest: `sha256:${randomBytes(32).toString("hex")}`,
          environment: e.environment,
          artifactType: e.artifactType,
          triggeredBy: "alice",
          isInteractive: false,
          signedAt: new Date(at.getTime() + i * HOUR).toISOString(),
        },
        { actor: admin, now: new Date(at.getTime() + i * HOUR), token: null },
      );
      const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(incident.status).toBe(i < 2 ? "open" : "closed");
    }
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { tasks: true } });
    expect(incident.tasks.every((t) => t.status === "done")).toBe(true);
    expect(incident.recoveredAt?.toISOString()).toBe(new Date(at.getTime() + 2 * HOUR).toISOString());
    expect(await db.auditEvent.count({ where: { action: "incident.closed", targetId: incidentId } })).toBe(1);
  });

  it("tells webhook subscribers the incident opened, which signers were suspended, and that it closed", async () => {
    const events = await webhookEvents(db);
    expect(events.map((e) => e.type)).toEqual([
      "incident.opened",
      "signer.suspended",
      "signer.suspended",
      "incident.closed",
    ]);
    const [opened] = events;
    expect(opened.summary).toMatch(/^Key-compromise incident opened/);
    expect(opened.data).toMatchObject({ mode: "compromise", isDrill: false, label: "INCIDENT" });
    expect(opened.data.channels).toHaveLength(3);
    expect(events[3].data).toMatchObject({ msToContain: 0, msToRecover: 4 * HOUR });
  });
});

describeEachDatabase("key-compromise drill", (database) => {
  let db: Db;
  let seed: Awaited<ReturnType<typeof seedSharedKey>>;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    seed = await seedSharedKey(db, "drl");
    await subscribeToIncidents(db);
  });

  it("leaves every signer active, revokes nothing, says DRILL everywhere and records its timings", async () => {
    const { id } = await declareIncident(
      db,
      {
        mode: "drill",
        subjectType: "signer",
        subjectId: seed.release.id,
        suspectedAt: "2026-11-18",
        reason: "Yearly drill of the release signers",
      },
      { actor: admin, now: declaredAt, ...mail },
    );
    const signers = await db.signer.findMany({ where: { id: { in: [seed.release.id, seed.staging.id] } } });
    expect(signers.map((s) => s.status)).toEqual(["active", "active"]);
    expect(await db.revocationRequest.count()).toBe(0);
    expect(await db.certificate.count({ where: { revocationStatus: "revoked" } })).toBe(0);
    const steps = await db.incidentStep.findMany({ where: { incidentId: id } });
    expect(steps.length).toBeGreaterThan(4);
    for (const s of steps.filter((s) => s.kind !== "notified")) expect(s.summary).toMatch(/^\[DRILL\]/);
    const messages = await db.outboxMessage.findMany();
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.subject).toMatch(/^\[DRILL\]/);
      expect(m.textBody).toMatch(/^DRILL/);
    }
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "incident.drill-started" } });
    expect(audit.summary).toMatch(/^\[DRILL\]/);

    // the owner answers in an hour, the backup owner never; two channels rehearsed, one not
    await acknowledgeIncident(
      db,
      { incidentId: id, personId: seed.owner.id },
      { actor: { ...admin, label: "owner" }, now: new Date(declaredAt.getTime() + HOUR) },
    );
    const tasks = await db.incidentTask.findMany({ where: { incidentId: id }, orderBy: { environment: "asc" } });
    await settleIncidentTask(
      db,
      { taskId: tasks[0].id, outcome: "done" },
      { actor: admin, now: new Date(declaredAt.getTime() + 3 * HOUR) },
    );
    await settleIncidentTask(
      db,
      { taskId: tasks[1].id, outcome: "done" },
      { actor: admin, now: new Date(declaredAt.getTime() + 30 * HOUR) },
    );
    const report = await endDrill(
      db,
      { incidentId: id },
      { actor: admin, now: new Date(declaredAt.getTime() + 2 * DAY) },
    );
    expect(report.mode).toBe("drill");
    expect(report.msToContain).toBe(0);
    expect(report.msToRecover).toBeNull();
    expect(report.blastRadius.signers).toEqual(["drl-release", "drl-staging"]);
    expect(report.blastRadius.channels).toHaveLength(3);
    expect(report.slowOrBlocked.map((s) => s.state).sort()).toEqual(["blocked", "slow"]);
    expect(report.ownersWithoutResponse).toEqual([{ email: "drl-backup@acme.example", role: "backup-owner" }]);
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
    expect((await lastDrillOf(db, [seed.release.id, seed.staging.id])).size).toBe(2);
    expect((await db.signer.findMany({ where: { status: "active" } })).length).toBe(2);

    // subscribers hear of the drill opening and ending, DRILL in every payload, and of no suspension
    const events = await webhookEvents(db);
    expect(events.map((e) => e.type)).toEqual(["incident.opened", "incident.closed"]);
    for (const e of events) {
      expect(e.summary).toMatch(/^\[DRILL\]/);
      expect(e.data).toMatchObject({ mode: "drill", isDrill: true, label: "DRILL" });
    }
    expect(events[1].data.report).toMatchObject({ mode: "drill", msToContain: 0 });
  });
});
