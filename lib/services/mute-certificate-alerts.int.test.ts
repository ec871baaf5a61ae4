import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { listActiveMutes } from "@/lib/db/alerts/alerts";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { resetAlertData, seedCertificate, seedPerson, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { liftCertificateAlertMute, muteCertificateAlerts } from "./mute-certificate-alerts";

const NOW = new Date("2026-03-02T09:00:00Z");
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000);

describeEachDatabase("muting certificate alerts", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeEach(() => resetAlertData(db));

  async function twoOwners() {
    const ada = await seedPerson(db, { name: "Ada", email: "ada@example.com" });
    const zed = await seedPerson(db, { name: "Zed", email: "zed@example.com" });
    const mine = await seedSigner(db, { name: "mine", primaryOwnerId: ada.id });
    const theirs = await seedSigner(db, { name: "theirs", primaryOwnerId: zed.id });
    const myCert = await seedCertificate(db, { signerIds: [mine.id], cn: "Mine", notAfter: inDays(20) });
    const theirCert = await seedCertificate(db, { signerIds: [theirs.id], cn: "Theirs", notAfter: inDays(20) });
    const owner = { role: "owner" as const, personId: ada.id };
    const actor = { type: "user" as const, id: "u-ada", label: "ada@example.com", role: "owner" };
    return { owner, actor, myCert, theirCert };
  }

  it("lets an owner mute and lift alerts on their own certificate, audited", async () => {
    const { owner, actor, myCert } = await twoOwners();
    const mute = await muteCertificateAlerts(db, { certificateId: myCert.id, reason: "moving to HSM", mutedUntil: inDays(30) }, actor, { scope: owner, now: NOW });
    expect(mute).toMatchObject({ certificateId: myCert.id, mutedById: "u-ada", liftedAt: null });
    expect(await listActiveMutes(db, { now: NOW, user: owner })).toHaveLength(1);
    await liftCertificateAlertMute(db, { muteId: mute.id }, actor, { scope: owner, now: inDays(1) });
    expect(await listActiveMutes(db, { now: inDays(1), user: owner })).toHaveLength(0);
    await expect(liftCertificateAlertMute(db, { muteId: mute.id }, actor, { scope: owner, now: inDays(2) })).rejects.toMatchObject({ code: "conflict" });
    const audit = await db.auditEvent.findMany({ where: { targetId: myCert.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["alerts.mute", "alerts.unmute"]);
  });

  it("hides other owners' certificates and mutes from an owner", async () => {
    const { owner, actor, theirCert } = await twoOwners();
    await expect(
      muteCertificateAlerts(db, { certificateId: theirCert.id, reason: "not mine", mutedUntil: inDays(30) }, actor, { scope: owner, now: NOW }),
    ).rejects.toMatchObject({ code: "not_found" });
    const admin = { role: "admin" as const, personId: null };
    const mute = await muteCertificateAlerts(db, { certificateId: theirCert.id, reason: "retired", mutedUntil: inDays(30) }, actor, { scope: admin, now: NOW });
    expect(await listActiveMutes(db, { now: NOW, user: owner })).toHaveLength(0);
    await expect(liftCertificateAlertMute(db, { muteId: mute.id }, actor, { scope: owner, now: NOW })).rejects.toMatchObject({ code: "not_found" });
  });

  it("requires a reason and an end date within a year", async () => {
    const { owner, actor, myCert } = await twoOwners();
    const mute = (reason: string, mutedUntil: Date) => muteCertificateAlerts(db, { certificateId: myCert.id, reason, mutedUntil }, actor, { scope: owner, now: NOW });
    await expect(mute("  ", inDays(5))).rejects.toMatchObject({ code: "validation" });
    await expect(mute("retired", inDays(-1))).rejects.toMatchObject({ code: "validation" });
    await expect(mute("retired", inDays(400))).rejects.toMatchObject({ code: "validation" });
    expect(await db.alertMute.count()).toBe(0);
  });
});
