import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import {
  recordingTransport,
  resetAlertData,
  seedCertificate,
  seedPerson,
  seedSigner,
} from "@/lib/jobs/testing/alert-seed";
import { runAlertSweep } from "./run-alert-sweep";
import { sendOutbox } from "./send-outbox";
import { muteCertificateAlerts } from "./mute-certificate-alerts";

// A year of daily sweeps and sends with an injected clock: every (recipient, subject, band) must
// go out exactly once, renewals and mutes must silence, an ownership change must re-route.

const DAY = 86_400_000;
const T0 = new Date("2026-01-01T09:00:00Z");
const day = (d: number, hours = 0) => new Date(T0.getTime() + d * DAY + hours * 3_600_000);
const OWNER_BANDS = ["90d", "30d", "14d", "7d", "1d", "expired"];
const SECURITY_BANDS = ["7d", "1d", "expired"];

describeEachDatabase("a simulated year of expiry alerts", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    await resetAlertData(db);
  });

  it("sends each (certificate, band, recipient) exactly once", async () => {
    const [ada, bob, carol, dave, erin] = await Promise.all(
      ["ada", "bob", "carol", "dave", "erin"].map((n) => seedPerson(db, { name: n, email: `${n}@example.com` })),
    );
    const s1 = await seedSigner(db, {
      name: "s1",
      primaryOwnerId: ada.id,
      backupOwnerId: bob.id,
      team: { name: "t1", email: "t1@example.com" },
    });
    const s2 = await seedSigner(db, {
      name: "s2",
      primaryOwnerId: carol.id,
      credentialType: "static-secret",
      credentialExpiresAt: day(250, 15),
    });
    // a second credential of s2, expiring two months after its pipeline credential: its own bands, its own days
    const s2Pipeline = await db.signerCredential.findFirstOrThrow({ where: { signerId: s2.id, isPipeline: true } });
    const s2Registry = await db.signerCredential.create({
      data: { signerId: s2.id, kind: "registry-token", name: "NPM_TOKEN", expiresAt: day(310, 15) },
    });
    const s3 = await seedSigner(db, { name: "s3", primaryOwnerId: dave.id });
    // A and E are s1's leaves side by side (the same notBefore, so neither renews the other); B is
    // s1's CA certificate, issued later: a CA certificate supersedes no leaf (like with like,
    // lib/domain/certificate-lineage.ts), so A and E are still alerted on
    const a = await seedCertificate(db, { signerIds: [s1.id], cn: "A", notAfter: day(60, 15), notBefore: day(-400) });
    const b = await seedCertificate(db, { signerIds: [s1.id], cn: "B (CA)", notAfter: day(300, 15), isCA: true });
    const e = await seedCertificate(db, { signerIds: [s1.id], cn: "E", notAfter: day(340, 15), notBefore: day(-400) });
    const c = await seedCertificate(db, { signerIds: [s2.id], cn: "C", notAfter: day(200, 15) });
    const d = await seedCertificate(db, { signerIds: [s3.id], cn: "D", notAfter: day(150, 15) });
    await muteCertificateAlerts(
      db,
      { certificateId: e.id, reason: "being retired", mutedUntil: day(330) },
      { type: "system", label: "test" },
      {
        scope: { role: "admin", personId: null },
        now: day(0),
      },
    );

    const transport = recordingTransport();
    for (let i = 0; i <= 365; i++) {
      if (i === 130) await db.signer.update({ where: { id: s3.id }, data: { primaryOwnerId: erin.id } });
      if (i === 165)
        await seedCertificate(db, { signerIds: [s2.id], cn: "C renewed", notAfter: day(600), notBefore: day(165) });
      await runAlertSweep(db, {
        now: day(i),
        runId: `day-${i}`,
        baseUrl: "https://signet.test",
        securityTeamEmail: "security@example.com",
      });
      await sendOutbox(db, { now: day(i), transport, instanceId: "sim" });
    }

    const expected = new Set<string>();
    const add = (who: string[], subject: string, bands: string[]) =>
      who.forEach((w) => bands.forEach((band) => expected.add(`${w}@example.com ${subject} ${band}`)));
    add(["ada", "bob", "t1"], a.id, OWNER_BANDS);
    add(["security"], a.id, SECURITY_BANDS);
    add(["ada", "bob", "t1"], b.id, ["365d", "180d", "expired"]);
    // a CA certificate has no band under 180 days: the escalation within 7 days carries that band
    add(["security"], b.id, ["180d", "expired"]);
    add(["ada", "bob", "t1"], e.id, ["14d", "7d", "1d", "expired"]);
    add(["security"], e.id, SECURITY_BANDS);
    add(["carol"], c.id, ["90d"]);
    add(["carol"], s2Pipeline.id, ["30d", "14d", "7d", "1d", "expired"]);
    add(["security"], s2Pipeline.id, SECURITY_BANDS);
    add(["carol"], s2Registry.id, ["30d", "14d", "7d", "1d", "expired"]);
    add(["security"], s2Registry.id, SECURITY_BANDS);
    add(["dave"], d.id, ["90d", "30d"]);
    // the new owner hears at once (the band in force when they took over), then every later band
    add(["erin"], d.id, ["30d", "14d", "7d", "1d", "expired"]);
    add(["security"], d.id, SECURITY_BANDS);

    const rows = await db.alertDelivery.findMany({
      select: { recipientEmail: true, subjectId: true, band: true, messageId: true, runId: true },
    });
    const actual = rows.map((r) => `${r.recipientEmail} ${r.subjectId} ${r.band.split("@")[0]}`);
    expect(actual.length).toBe(new Set(actual).size);
    expect(new Set(actual)).toEqual(expected);
    // each credential entered its 30-day band on its own day, sixty days apart like their expiries
    const firstDay = (subjectId: string) =>
      Number(rows.find((r) => r.subjectId === subjectId && r.band.startsWith("30d@"))?.runId.slice(4));
    expect(firstDay(s2Registry.id) - firstDay(s2Pipeline.id)).toBe(60);

    // every delivery's email was sent exactly once, one email per recipient per run
    const sendsPerMessage = new Map<string, number>();
    for (const m of transport.sent)
      sendsPerMessage.set(m.messageId ?? "", (sendsPerMessage.get(m.messageId ?? "") ?? 0) + 1);
    for (const r of rows) expect(sendsPerMessage.get(`<outbox-${r.messageId}@signet>`)).toBe(1);
    const perRun = new Set(rows.map((r) => `${r.runId} ${r.recipientEmail} ${r.messageId}`));
    const perRunRecipients = new Set(rows.map((r) => `${r.runId} ${r.recipientEmail}`));
    expect(perRun.size).toBe(perRunRecipients.size);
    expect(transport.sent.length).toBe(new Set(rows.map((r) => r.messageId)).size);
  });
});
