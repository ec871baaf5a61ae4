import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/testing/databases";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  keyFiltersSchema,
  parseFilters,
} from "@/lib/domain/inventory-filters";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { refreshLineage } from "@/lib/db/certificates/lineage";
import { linkCertificateToSigner, setRevocationState } from "@/lib/db/certificates/certificates";
import { listFindingPage } from "@/lib/db/findings/list";
import { listKeyPage } from "@/lib/db/keys/list";
import { listSignersFiltered } from "@/lib/db/signers/list";
import { listOutboxMessages, OUTBOX_STATUSES, type OutboxStatus } from "@/lib/db/outbox/outbox";
import { signerListQuery, toSignerFilters } from "@/lib/api/signer-query";
import type { ScopeUser } from "@/lib/db/scope";
import { loadDemoData } from "@/lib/services/load-demo-data";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { computeOverview, type Overview, type Tile } from "./overview";

// Every number on the overview equals the total of the list its link opens: the test follows
// each link (path + query string) into that list's own page function.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const admin: ScopeUser = { role: "admin", personId: null };
const actor = { type: "user" as const, id: "admin-1", label: "admin@acme.example" };

function tiles(o: Overview): [string, Tile][] {
  const out: [string, Tile][] = [
    ["signers", o.signers.total],
    ["signers active", o.signers.active],
    ["signers orphaned", o.signers.orphaned],
    ...Object.entries(o.certificates).map(([k, t]) => [`certificates ${k}`, t] as [string, Tile]),
    ...o.expiryWeeks.map((w) => [`week ${w.from}`, w] as [string, Tile]),
    ["open findings", o.openFindings],
    ...o.findingsBySeverity.map((s) => [`severity ${s.severity}`, s] as [string, Tile]),
    ...o.findingsByNhi.map((x) => [`nhi ${x.nhi}`, x] as [string, Tile]),
    ["rotation overdue", o.rotationOverdueKeys],
    ["revoked in use", o.revokedInUse],
  ];
  if (o.failedDeliveries) out.push(["failed deliveries", o.failedDeliveries]);
  return out;
}

/** The total the list page at `href` shows to `user`. */
async function listTotal(db: Db, user: ScopeUser, href: string): Promise<number> {
  const url = new URL(href, "http://signet.test");
  const params = url.searchParams;
  switch (url.pathname) {
    case "/certificates":
      return (await listCertificatePage(db, user, parseFilters(certificateFiltersSchema, params), NOW)).total;
    case "/findings":
      return (await listFindingPage(db, user, parseFilters(findingFiltersSchema, params), NOW)).total;
    case "/keys":
      return (await listKeyPage(db, user, parseFilters(keyFiltersSchema, params), NOW)).total;
    case "/signers":
      return (await listSignersFiltered(db, user, toSignerFilters(signerListQuery.parse(Object.fromEntries(params))), { page: 1, pageSize: 50 })).total;
    case "/admin/outbox": {
      const status = params.get("status") as OutboxStatus | null;
      expect(status === null || OUTBOX_STATUSES.includes(status)).toBe(true);
      return (await listOutboxMessages(db, { status: status ?? undefined, limit: 1, offset: 0 })).total;
    }
    default:
      throw new Error(`no list behind ${href}`);
  }
}

async function expectNumbersMatchLists(db: Db, user: ScopeUser) {
  const o = await computeOverview(db, user, NOW);
  const mismatches: string[] = [];
  for (const [name, tile] of tiles(o)) {
    const total = await listTotal(db, user, tile.href);
    if (total !== tile.count) mismatches.push(`${name}: overview ${tile.count}, list ${tile.href} ${total}`);
  }
  expect(mismatches).toEqual([]);
  return o;
}

/** A dataset with every lineage case: renewed (superseded), retired keys, revoked renewals, orphans. */
async function seedLineage(db: Db) {
  const alice = await db.person.create({ data: { name: "Alice", email: "alice@example.test" } });
  const gone = await db.person.create({ data: { name: "Gone", email: "gone@example.test", isActive: false } });
  const renewed = await db.signer.create({ data: { name: "renewed", kind: "ci-pipeline", primaryOwnerId: alice.id } });
  const lapsed = await db.signer.create({ data: { name: "lapsed", kind: "ci-pipeline", primaryOwnerId: alice.id } });
  const orphan = await db.signer.create({ data: { name: "orphan", kind: "release-bot", primaryOwnerId: gone.id } });
  await db.signer.create({ data: { name: "orphan-decommissioned", kind: "release-bot", status: "decommissioned" } });
  const oldKey = await db.signingKey.create({ data: { spkiSha256: "01".repeat(32), algorithm: "RSA", bits: 3072, firstSeenAt: new Date(NOW.getTime() - 900 * DAY) } });
  const newKey = await db.signingKey.create({ data: { spkiSha256: "02".repeat(32), algorithm: "RSA", bits: 3072, firstSeenAt: new Date(NOW.getTime() - 20 * DAY) } });
  const lapsedKey = await db.signingKey.create({ data: { spkiSha256: "03".repeat(32), algorithm: "EC", curve: "P-256", firstSeenAt: new Date(NOW.getTime() - 800 * DAY) } });
  const orphanKey = await db.signingKey.create({ data: { spkiSha256: "04".repeat(32), algorithm: "EC", curve: "P-256", firstSeenAt: new Date(NOW.getTime() - 700 * DAY) } });
  let n = 0;
  const cert = async (keyId: string, nb: number, na: number, extra: Record<string, unknown> = {}) => {
    n++;
    return db.certificate.create({
      data: {
        sha256: n.toString(16).padStart(64, "0"), sha1: "00", der: new Uint8Array([n]), subject: `CN=app-${keyId.slice(-4)}`, subjectCn: `app-${n}`,
        issuer: "CN=Issuing CA", issuerCn: "Issuing CA", serialHex: `0${n}`, notBefore: new Date(NOW.getTime() + nb * DAY),
        notAfter: new Date(NOW.getTime() + na * DAY), keyAlgorithm: "RSA", keyBits: 3072, signatureAlgorithm: "sha256WithRSAEncryption", keyId, ...extra,
      },
    });
  };
  // renewed: an old certificate (expired) and a renewal on a new key; a later renewal that was revoked
  const old = await cert(oldKey.id, -800, -30);
  const current = await cert(newKey.id, -20, 300);
  const revokedRenewal = await cert(newKey.id, -5, 360);
  for (const c of [old, current, revokedRenewal]) await linkCertificateToSigner(db, { signerId: renewed.id, certificateId: c.id, now: NOW });
  await setRevocationState(db, revokedRenewal.id, { status: "revoked", source: "recorded", revokedAt: new Date(NOW.getTime() - DAY) });
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
  await db.outboxMessage.create({ data: { recipientEmail: "a@example.test", subject: "s", textBody: "t", htmlBody: "h", status: "failed" } });
  await evaluateFindings(db, { now: NOW });
  return { alice, renewed, lapsed, orphan, oldKey, newKey, lapsedKey, orphanKey, old, current, revokedRenewal, lapsedCert, orphanCert, unlinkedOld, unlinkedNew };
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
      const overdue = await db.finding.findMany({ where: { ruleId: "key.rotation-overdue", resolvedAt: null }, select: { keyId: true } });
      expect(overdue.map((f) => f.keyId)).toEqual([data.orphanKey.id]);
      const expired = await db.finding.findMany({ where: { ruleId: "cert.expired", resolvedAt: null }, select: { certificateId: true } });
      expect(expired.map((f) => f.certificateId)).toEqual([data.lapsedCert.id]);
    });

    it("an owner's overview matches the owner's lists", async () => {
      const o = await expectNumbersMatchLists(db, { role: "owner", personId: data.alice.id });
      expect(o.signers.total.count).toBe(2);
      expect(o.failedDeliveries).toBeNull();
    });

    it("un-revoking the renewal makes it supersede the current certificate", async () => {
      await setRevocationState(db, data.revokedRenewal.id, { status: "good", source: "ocsp" });
      const current = await db.certificate.findUniqueOrThrow({ where: { id: data.current.id } });
      expect(current.supersededById).toBe(data.revokedRenewal.id);
      await setRevocationState(db, data.revokedRenewal.id, { status: "revoked", source: "recorded", revokedAt: NOW });
      expect((await db.certificate.findUniqueOrThrow({ where: { id: data.current.id } })).supersededById).toBeNull();
    });
  });

  describe("demo data", () => {
    let db: Db;
    beforeAll(async () => {
      db = createDb(database.url);
      await loadDemoData(db, { now: NOW, actor });
    }, 180_000);
    afterAll(async () => db.$disconnect());

    it("every number of the security team's overview is the total of its list", async () => {
      const o = await expectNumbersMatchLists(db, admin);
      expect(o.certificates.total.count).toBeGreaterThan(100);
      expect(o.findingsByNhi.find((x) => x.nhi === "NHI6")!.count).toBeGreaterThan(0);
    });

    it("every number of an owner's overview is the total of the owner's list", async () => {
      const owner = await db.person.findFirstOrThrow({ where: { isActive: true, primaryOf: { some: {} } }, orderBy: { email: "asc" } });
      const o = await expectNumbersMatchLists(db, { role: "owner", personId: owner.id });
      expect(o.signers.total.count).toBeGreaterThan(0);
    });
  });
});
