import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { resetAlertData, seedCertificate, seedPerson, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { startSmtpTestServer, type SmtpTestServer } from "@/lib/mail/testing/smtp-test-server";
import { createSmtpTransport } from "@/lib/mail/transport";
import { runAlertSweep } from "./run-alert-sweep";
import { sendOutbox } from "./send-outbox";
import { liftCertificateAlertMute, muteCertificateAlerts } from "./mute-certificate-alerts";

const DAY = 86_400_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const ADMIN = { type: "user" as const, id: "u-admin", label: "admin@example.com" };
const ADMIN_SCOPE = { role: "admin" as const, personId: null };

let runs = 0;
const sweep = (db: Db, now: Date) =>
  runAlertSweep(db, {
    now,
    runId: `run-${++runs}`,
    baseUrl: "https://signet.test",
    securityTeamEmail: "security@example.com",
  });

async function deliveries(db: Db) {
  const rows = await db.alertDelivery.findMany({ select: { recipientEmail: true, subjectId: true, band: true } });
  return rows.map((r) => `${r.recipientEmail} ${r.band}`).sort();
}

async function ownedSigner(db: Db, name: string, options: { teamEmail?: string | null } = {}) {
  const ada = await seedPerson(db, { name: "Ada", email: `ada-${name}@example.com` });
  const bob = await seedPerson(db, { name: "Bob", email: `bob-${name}@example.com` });
  const signer = await seedSigner(db, {
    name,
    primaryOwnerId: ada.id,
    backupOwnerId: bob.id,
    team:
      options.teamEmail === null
        ? null
        : { name: `team-${name}`, email: options.teamEmail ?? `team-${name}@example.com` },
  });
  return { ada, bob, signer };
}

describeEachDatabase("expiry alert sweep", (database) => {
  let db: Db;
  let smtp: SmtpTestServer;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(async () => {
    await resetAlertData(db);
    smtp.received.length = 0;
  });

  it("queues one digest per recipient, sends it over SMTP once, and a re-run adds nothing", async () => {
    const { signer, ada, bob } = await ownedSigner(db, "payments");
    const hotfix = await seedSigner(db, { name: "payments-hotfix", primaryOwnerId: ada.id, backupOwnerId: bob.id });
    const a = await seedCertificate(db, { signerIds: [signer.id], cn: "Payments Signing 2026", notAfter: at(10) });
    await seedCertificate(db, { signerIds: [hotfix.id], cn: "Payments Hotfix", notAfter: at(12) });
    const r = await sweep(db, T0);
    // crossed 90, 30 and 14 days since "never": only the 14-day alert, one email per address
    expect(r).toMatchObject({ deliveries: 5, messages: 3 });
    expect(await deliveries(db)).toEqual([
      "ada-payments@example.com 14d",
      "ada-payments@example.com 14d",
      "bob-payments@example.com 14d",
      "bob-payments@example.com 14d",
      "team-payments@example.com 14d",
    ]);
    expect(await sweep(db, new Date(T0.getTime() + 3_600_000))).toMatchObject({ deliveries: 0, messages: 0 });

    const transport = createSmtpTransport({ smtpUrl: smtp.url, from: "Signet <signet@test>" });
    try {
      expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({
        sent: 3,
        retried: 0,
        failed: 0,
      });
      expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({ sent: 0 });
    } finally {
      transport.close();
    }
    expect(smtp.received.map((m) => m.to.join()).sort()).toEqual([
      "ada-payments@example.com",
      "bob-payments@example.com",
      "team-payments@example.com",
    ]);
    const adaMail = smtp.received.find((m) => m.to[0] === "ada-payments@example.com");
    expect(adaMail?.subject).toBe("2 signing certificates you own expire in 10 to 12 days (14-day alert)");
    // quoted-printable folds long lines wherever they reach 76 characters: unfold before looking for the link
    expect(adaMail?.raw.replace(/=\r?\n/g, "")).toContain(`https://signet.test/certificates/${a.id}`);
    const audit = await db.auditEvent.findMany({ where: { action: "alerts.sweep" } });
    expect(audit).toHaveLength(1);
  });

  it("copies the security team within 7 days and when nobody owns the signer", async () => {
    const { signer } = await ownedSigner(db, "release", { teamEmail: null });
    await seedCertificate(db, { signerIds: [signer.id], cn: "Release", notAfter: at(5) });
    const orphan = await seedSigner(db, { name: "orphan" });
    await seedCertificate(db, { signerIds: [orphan.id], cn: "Orphan", notAfter: at(60) });
    await sweep(db, T0);
    expect(await deliveries(db)).toEqual([
      "ada-release@example.com 7d",
      "bob-release@example.com 7d",
      "security@example.com 7d",
      "security@example.com 90d",
    ]);
    const security = await db.outboxMessage.findFirstOrThrow({ where: { recipientEmail: "security@example.com" } });
    expect(security.subject).toBe("[Escalation] 2 signing certificates expire in 5 to 60 days (7- and 90-day alerts)");
  });

  it("routes the next alert to the new owner after an ownership change", async () => {
    const { signer, ada } = await ownedSigner(db, "build", { teamEmail: null });
    await seedCertificate(db, { signerIds: [signer.id], cn: "Build", notAfter: at(40) });
    await sweep(db, T0);
    const carol = await seedPerson(db, { name: "Carol", email: "carol@example.com" });
    await db.signer.update({ where: { id: signer.id }, data: { primaryOwnerId: carol.id } });
    await db.person.update({ where: { id: ada.id }, data: { isActive: false } });
    await sweep(db, at(11));
    expect(await deliveries(db)).toEqual([
      "ada-build@example.com 90d",
      "bob-build@example.com 30d",
      "bob-build@example.com 90d",
      "carol@example.com 30d",
    ]);
  });

  it("sends nothing for a muted certificate until the mute is lifted", async () => {
    const { signer } = await ownedSigner(db, "muted", { teamEmail: null });
    const cert = await seedCertificate(db, { signerIds: [signer.id], cn: "Retired", notAfter: at(20) });
    const mute = await muteCertificateAlerts(
      db,
      { certificateId: cert.id, reason: "retired, replaced by HSM key", mutedUntil: at(60) },
      ADMIN,
      { scope: ADMIN_SCOPE, now: T0 },
    );
    expect(await sweep(db, T0)).toMatchObject({ deliveries: 0 });
    await liftCertificateAlertMute(db, { muteId: mute.id }, ADMIN, { scope: ADMIN_SCOPE, now: at(1) });
    expect(await sweep(db, at(1))).toMatchObject({ deliveries: 2 });
    expect((await db.auditEvent.findMany({ where: { action: { in: ["alerts.mute", "alerts.unmute"] } } })).length).toBe(
      2,
    );
  });

  it("stops alerting on a certificate once the signer has a renewed one", async () => {
    const { signer } = await ownedSigner(db, "renewed", { teamEmail: null });
    const old = await seedCertificate(db, { signerIds: [signer.id], cn: "Old", notAfter: at(35), notBefore: at(-330) });
    await sweep(db, T0);
    await seedCertificate(db, { signerIds: [signer.id], cn: "New", notAfter: at(400), notBefore: at(1) });
    for (const d of [6, 22, 29, 34, 36]) await sweep(db, at(d));
    const rows = await db.alertDelivery.findMany({ where: { subjectId: old.id } });
    expect(rows.map((r) => r.band).sort()).toEqual(["90d", "90d"]);
    expect(await db.alertDelivery.count()).toBe(2);
  });

  it("does not alert for revoked certificates or decommissioned signers", async () => {
    const { signer } = await ownedSigner(db, "gone", { teamEmail: null });
    await seedCertificate(db, { signerIds: [signer.id], cn: "Revoked", notAfter: at(5), revocationStatus: "revoked" });
    const retired = await seedSigner(db, {
      name: "retired",
      primaryOwnerId: (await seedPerson(db, { name: "Zed", email: "zed@example.com" })).id,
      status: "decommissioned",
    });
    await seedCertificate(db, { signerIds: [retired.id], cn: "Retired signer", notAfter: at(5) });
    expect(await sweep(db, T0)).toMatchObject({ planned: 0, deliveries: 0 });
  });

  it("an API token inside its expiry band produces one alert email per band to its creator and its signer's owners", async () => {
    const { signer } = await ownedSigner(db, "deploy", { teamEmail: null });
    const creator = await db.user.upsert({
      where: { id: "u-token-creator" },
      update: { banned: false },
      create: { id: "u-token-creator", name: "Carol", email: "carol@example.com", role: "admin" },
    });
    const expiresAt = at(10);
    const token = await db.apiToken.create({
      data: {
        name: "deploy pipeline",
        tokenHash: "hash-of-deploy-token",
        prefix: "sgt_dEpLoY",
        scope: "signing-events",
        signerId: signer.id,
        createdById: creator.id,
        expiresAt,
      },
    });
    // a revoked token and one without an expiry are never alerted
    await db.apiToken.create({
      data: {
        name: "old",
        tokenHash: "h2",
        prefix: "sgt_old",
        scope: "read",
        createdById: creator.id,
        expiresAt,
        revokedAt: T0,
      },
    });
    await db.apiToken.create({
      data: { name: "forever", tokenHash: "h3", prefix: "sgt_fvr", scope: "read", createdById: creator.id },
    });

    expect(await sweep(db, T0)).toMatchObject({ apiTokensConsidered: 1, deliveries: 3, messages: 3 });
    expect(await sweep(db, new Date(T0.getTime() + 3_600_000))).toMatchObject({ deliveries: 0 });
    const transport = createSmtpTransport({ smtpUrl: smtp.url, from: "Signet <signet@test>" });
    try {
      expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({ sent: 3, failed: 0 });
      expect(smtp.received.map((m) => m.to.join()).sort()).toEqual([
        "ada-deploy@example.com",
        "bob-deploy@example.com",
        "carol@example.com",
      ]);
      const mail = smtp.received.find((m) => m.to[0] === "carol@example.com")!;
      expect(mail.subject).toBe("1 API token you own expires in 10 days (14-day alert)");
      // the text part, without quoted-printable's soft line breaks
      const text = mail.raw.replace(/=\r?\n/g, "");
      expect(text).toContain("API token =E2=80=9Cdeploy pipeline=E2=80=9D");
      expect(text).toContain("Token sgt_dEpLoY=E2=80=A6, the pipeline token of deploy");
      expect(text).toContain("You get this as the token's creator.");
      expect(text).toContain("https://signet.test/admin/tokens");
      expect(mail.raw).not.toContain("hash-of-deploy-token");

      // the 7-day band is one more email each (and the security team's escalation); then silence
      smtp.received.length = 0;
      await sweep(db, at(4));
      await sweep(db, at(4.5));
      await sendOutbox(db, { now: at(4), transport, instanceId: "i1" });
      expect(smtp.received.map((m) => m.to.join()).sort()).toEqual([
        "ada-deploy@example.com",
        "bob-deploy@example.com",
        "carol@example.com",
        "security@example.com",
      ]);
    } finally {
      transport.close();
    }
    const rows = await db.alertDelivery.findMany({
      where: { subjectId: token.id },
      select: { band: true, kind: true },
    });
    expect(rows.map((r) => `${r.kind} ${r.band.split("@")[0]}`).sort()).toEqual([
      "token-expiry 14d",
      "token-expiry 14d",
      "token-expiry 14d",
      "token-expiry 7d",
      "token-expiry 7d",
      "token-expiry 7d",
      "token-expiry 7d",
    ]);
  });
});
