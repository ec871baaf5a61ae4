import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/testing/databases";
import { numberedCertificate, seedKeys } from "@/lib/testing/inventory-seed";
import { expectNumbersMatchLists as expectNumbers } from "@/lib/testing/overview-numbers";
import { refreshLineage } from "@/lib/db/certificates/lineage";
import { updateRevocationState } from "@/lib/db/certificates/revocation-state";
import { linkCertificateToSigner } from "@/lib/db/signers/signer-admin";
import type { ScopeUser } from "@/lib/db/scope";
// eslint-disable-next-line signet/import-boundaries -- a test of the overview against its lists over data the services build, not lib/db code
import { evaluateFindings } from "@/lib/services/evaluate-findings";

// Every number on the overview equals the total of the list its link opens: the test follows
// each link (path + query string) into that list's own page function.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const admin: ScopeUser = { role: "admin", personId: null };
const expectNumbersMatchLists = (db: Db, user: ScopeUser) => expectNumbers(db, user, NOW);

/** A dataset with every lineage case: renewed (superseded), retired keys, revoked renewals, orphans. */
async function seedLineage(db: Db) {
  const alice = await db.person.create({ data: { name: "Alice", email: "alice@example.test" } });
  const gone = await db.person.create({ data: { name: "Gone", email: "gone@example.test", isActive: false } });
  const renewed = await db.signer.create({ data: { name: "renewed", kind: "ci-pipeline", primaryOwnerId: alice.id } });
  const lapsed = await db.signer.create({ data: { name: "lapsed", kind: "ci-pipeline", primaryOwnerId: alice.id } });
  const orphan = await db.signer.create({ data: { name: "orphan", kind: "release-bot", primaryOwnerId: gone.id } });
  await db.signer.create({ data: { name: "orphan-decommissioned", kind: "release-bot", status: "decommissioned" } });
  const { oldKey, newKey, lapsedKey, orphanKey } = await seedKeys(db, NOW, {
    oldKey: { spkiSha256: "01".repeat(32), algorithm: "RSA", bits: 3072, ageDays: 900 },
    newKey: { spkiSha256: "02".repeat(32), algorithm: "RSA", bits: 3072, ageDays: 20 },
    lapsedKey: { spkiSha256: "03".repeat(32), algorithm: "EC", curve: "P-256", ageDays: 800 },
    orphanKey: { spkiSha256: "04".repeat(32), algorithm: "EC", curve: "P-256", ageDays: 700 },
  });
  let n = 0;
  const cert = async (keyId: string, nb: number, na: number, extra: Record<string, unknown> = {}) => {
    n++;
    const validity = { notBefore: new Date(NOW.getTime() + nb * DAY), notAfter: new Date(NOW.getTime() + na * DAY) };
    const names = { subject: `CN=app-${keyId.slice(-4)}`, subjectCn: `app-${n}` };
    return db.certificate.create({ data: numberedCertificate(n, { keyId, ...names, ...validity, ...extra }) });
  };
  // renewed: an old certificate (expired) and a renewal on a new key; a later renewal that was revoked
  const old = await cert(oldKey.id, -800, -30);
  const current = await cert(newKey.id, -20, 300);
  const revokedRenewal = await cert(newKey.id, -5, 360);
  for (const c of [old, current, revokedRenewal])
    await linkCertificateToSigner(db, { signerId: renewed.id, certificateId: c.id, now: NOW });
  await updateRevocationState(db, revokedRenewal.id, {
    revocationStatus: "revoked",
    revocationSource: "recorded",
    revokedAt: new Date(NOW.getTime() - DAY),
  });
  // lapsed: its only certificate expired and nobody renewed it (needs action; its key is retired)
  const lapsedCert = await cert(lapsedKey.id, -400, -3);
  await linkCertificateToSigner(db, { signerId: lapsed.id, certificateId: lapsedCert.id, now: NOW });
  // orphan: an old key still in service
  const orphanCert = await cert(orphanKey.id, -700, 40);
  await linkCertificateToSigner(db, { signerId: orphan.id, certificateId: orphanCert.id, now: NOW });
  // unlinked lineage by subject and issuer: an expired one replaced by a valid one
  const unlinkedOld = await cert(orphanKey.id, -500, -100, { subject: "CN=unlinked" });
  const unlinkedNew = await cert(orphanKey.id, -100, 265, { subject: "CN=unlinked" });
  await refreshLineage(db, { certificateIds: [unlinkedOld.id, unlinkedNew.id] });
  await db.outboxMessage.create({
    data: { recipientEmail: "a@example.test", subject: "s", textBody: "t", htmlBody: "h", status: "failed" },
  });
  await evaluateFindings(db, { now: NOW });
  return {
    alice,
    renewed,
    lapsed,
    orphan,
    oldKey,
    newKey,
    lapsedKey,
    orphanKey,
    old,
    current,
    revokedRenewal,
    lapsedCert,
    orphanCert,
    unlinkedOld,
    unlinkedNew,
  };
}

describeEachDatabase("overview numbers are their lists", (database) => {
  describe("generated lineage cases", () => {
    let db: Db;
    let data: Awaited<ReturnType<typeof seedLineage>>;
    beforeAll(async () => {
      db = createDb(database.url);
      data = await seedLineage(db);
    }, 60_000);
    afterAll(async () => db.$disconnect());

    it("stores supersession by the one lineage rule", async () => {
      const rows = await db.certificate.findMany({ select: { id: true, supersededById: true } });
      const by = new Map(rows.map((r) => [r.id, r.supersededById]));
      // the revoked renewal supersedes nothing; the current one supersedes the old
      expect(by.get(data.old.id)).toBe(data.current.id);
      expect(by.get(data.current.id)).toBeNull();
      expect(by.get(data.lapsedCert.id)).toBeNull();
      expect(by.get(data.unlinkedOld.id)).toBe(data.unlinkedNew.id);
      expect(by.get(data.orphanCert.id)).toBeNull();
    });

    it("counts history as history: superseded is not expired, retired keys are not overdue", async () => {
      const o = await expectNumbersMatchLists(db, admin);
      expect(o.certificates.expired.count).toBe(1); // the lapsed one; the renewed and unlinked ones are superseded
      expect(o.certificates.superseded.count).toBe(2);
      expect(o.certificates.revoked.count).toBe(1);
      expect(o.signers.orphaned.count).toBe(1);
      expect(o.signers.orphaned.href).toBe("/signers?orphaned=1");
      expect(o.failedDeliveries).toEqual({ count: 1, href: "/admin/outbox?status=failed" });
      // only the orphan's old key is in service and past 365 days
      expect(o.rotationOverdueKeys.count).toBe(1);
      const overdue = await db.finding.findMany({
        where: { ruleId: "key.rotation-overdue", resolvedAt: null },
        select: { keyId: true },
      });
      expect(overdue.map((f) => f.keyId)).toEqual([data.orphanKey.id]);
      const expired = await db.finding.findMany({
        where: { ruleId: "cert.expired", resolvedAt: null },
        select: { certificateId: true },
      });
      expect(expired.map((f) => f.certificateId)).toEqual([data.lapsedCert.id]);
    });

    it("an owner's overview matches the owner's lists", async () => {
      const o = await expectNumbersMatchLists(db, { role: "owner", personId: data.alice.id });
      expect(o.signers.total.count).toBe(2);
      expect(o.failedDeliveries).toBeNull();
    });

    it("un-revoking the renewal makes it supersede the current certificate", async () => {
      await updateRevocationState(db, data.revokedRenewal.id, {
        revocationStatus: "good",
        revocationSource: "ocsp",
        revokedAt: null,
      });
      const current = await db.certificate.findUniqueOrThrow({ where: { id: data.current.id } });
      expect(current.supersededById).toBe(data.revokedRenewal.id);
      await updateRevocationState(db, data.revokedRenewal.id, {
        revocationStatus: "revoked",
        revocationSource: "recorded",
        revokedAt: NOW,
      });
      expect((await db.certificate.findUniqueOrThrow({ where: { id: data.current.id } })).supersededById).toBeNull();
    });
  });
});
