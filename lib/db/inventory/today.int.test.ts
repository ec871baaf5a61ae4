import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { listCertificatePage, loadExpiryBands } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { listSignerPage } from "@/lib/db/signers/list";
import { linkCertificateToSigner } from "@/lib/db/signers/signer-admin";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { numberedCertificate, seedKeys, signerFinding } from "@/lib/testing/inventory-seed";
import { computeOverview } from "./overview";
import { loadTodayDetails } from "./today";
import { DAY_MS } from "@/lib/domain/expiry";

// The blast radius of each "Today" item is measured over the rows of the list its link opens: the
// test reads those lists through their own page functions and counts their signing events by hand.

const NOW = new Date("2026-11-23T12:00:00Z");
const admin: ScopeUser = { role: "admin", personId: null };
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

type Event = { signerId: string; certificateId: string | null; environment: string | null; signedAt: Date };

/** What the list's rows signed in the last 30 days, counted in code. */
function expected(events: Event[], isSubject: (e: Event) => boolean) {
  const mine = events.filter((e) => isSubject(e) && e.signedAt >= ago(30) && e.signedAt <= NOW);
  return { events: mine.length, environments: new Set(mine.map((e) => e.environment).filter(Boolean)).size };
}

describeEachDatabase("today's blast radius", (database) => {
  let db: Db;
  let events: Event[];
  let ids: Record<string, string>;
  openTestDb(database, (client) => (db = client));

  beforeAll(async () => {
    const alice = await db.person.create({ data: { name: "Alice", email: "alice@example.test" } });
    const gone = await db.person.create({ data: { name: "Gone", email: "gone@example.test", isActive: false } });
    const owned = await db.signer.create({ data: { name: "owned", kind: "ci-pipeline", primaryOwnerId: alice.id } });
    const orphan = await db.signer.create({ data: { name: "orphan", kind: "release-bot", primaryOwnerId: gone.id } });
    const { k1, k2 } = await seedKeys(db, NOW, {
      k1: { spkiSha256: "01".repeat(32), algorithm: "RSA", bits: 3072, ageDays: 100 },
      k2: { spkiSha256: "02".repeat(32), algorithm: "RSA", bits: 3072, ageDays: 100 },
    });
    const cert = (n: number, keyId: string, expiresInDays: number) =>
      db.certificate.create({
        data: numberedCertificate(n, {
          keyId,
          notBefore: ago(100),
          notAfter: new Date(NOW.getTime() + expiresInDays * DAY_MS),
        }),
      });
    const revoked = await cert(1, k1.id, 300);
    const expiring = await cert(2, k2.id, 10);
    const spare = await cert(3, k2.id, 300);
    await linkCertificateToSigner(db, { signerId: owned.id, certificateId: revoked.id, now: NOW });
    await linkCertificateToSigner(db, { signerId: owned.id, certificateId: spare.id, now: NOW });
    await linkCertificateToSigner(db, { signerId: orphan.id, certificateId: expiring.id, now: NOW });
    events = [
      { signerId: owned.id, certificateId: revoked.id, environment: "production", signedAt: ago(1) },
      { signerId: owned.id, certificateId: revoked.id, environment: "staging", signedAt: ago(2) },
      { signerId: owned.id, certificateId: revoked.id, environment: "production", signedAt: ago(45) }, // too old
      { signerId: owned.id, certificateId: spare.id, environment: "qa", signedAt: ago(3) },
      { signerId: orphan.id, certificateId: expiring.id, environment: "production", signedAt: ago(5) },
      { signerId: orphan.id, certificateId: expiring.id, environment: null, signedAt: ago(6) },
      { signerId: orphan.id, certificateId: null, environment: "dev", signedAt: ago(7) },
    ];
    let n = 0;
    for (const e of events) await db.signingEvent.create({ data: { ...e, artifactName: `artifact-${++n}` } });
    const finding = (
      ruleId: string,
      severity: string,
      subject: { type: string; id: string },
      signerId: string | null,
    ) =>
      db.finding.create({
        data: {
          ruleId,
          severity,
          severityRank: severity === "critical" ? 4 : 3,
          subjectType: subject.type,
          subjectId: subject.id,
          certificateId: subject.type === "certificate" ? subject.id : null,
          keyId: subject.type === "key" ? subject.id : null,
          signerId,
          message: ruleId,
        },
      });
    const revokedInUse = await finding(
      "cert.revoked-in-use",
      "critical",
      { type: "certificate", id: revoked.id },
      owned.id,
    );
    await finding("key.rotation-overdue", "high", { type: "key", id: k2.id }, null);
    await finding("signer.no-owner", "high", { type: "signer", id: orphan.id }, orphan.id);
    ids = { owned: owned.id, orphan: orphan.id, revokedInUse: revokedInUse.id, expiring: expiring.id };
  });

  it("measures each item over the rows of the list it links to", async () => {
    const ctx = { now: NOW, bands: await loadExpiryBands(db) };
    const items = [
      { id: "revoked-in-use", href: "/findings?rule=cert.revoked-in-use", count: 1, isListTotal: true },
      { id: "high-findings", href: "/findings?severity=high", count: 2, isListTotal: true },
      { id: "orphaned-signers", href: "/signers?orphaned=1", count: 1, isListTotal: true },
      { id: "expiring", href: "/certificates?status=expiring", count: 1, isListTotal: true },
      { id: "failed-deliveries", href: "/admin/outbox?status=failed", count: 1, isListTotal: true },
    ];
    const details = await loadTodayDetails(db, admin, items, ctx);

    const params = (href: string) => new URL(href, "http://x").searchParams;
    for (const href of ["/findings?rule=cert.revoked-in-use", "/findings?severity=high"]) {
      const list = await listFindingPage(db, admin, parseFilters(findingFiltersSchema, params(href)), NOW);
      const signers = list.rows.filter((r) => r.subjectType === "signer").map((r) => r.subjectId);
      const certificates = list.rows.filter((r) => r.subjectType === "certificate").map((r) => r.subjectId);
      const keys = list.rows.filter((r) => r.subjectType === "key").map((r) => r.subjectId);
      const onKeys = (await db.certificate.findMany({ where: { keyId: { in: keys } }, select: { id: true } })).map(
        (c) => c.id,
      );
      const item = items.find((i) => i.href === href)!;
      expect(details[item.id].blastRadius, href).toEqual(
        expected(
          events,
          (e) => signers.includes(e.signerId) || [...certificates, ...onKeys].includes(e.certificateId ?? ""),
        ),
      );
    }
    const orphaned = await listSignerPage(db, admin, parseFilters(signerFiltersSchema, params("/signers?orphaned=1")));
    expect(details["orphaned-signers"].blastRadius).toEqual(
      expected(events, (e) => orphaned.rows.some((s) => s.id === e.signerId)),
    );
    const expiring = await listCertificatePage(
      db,
      admin,
      parseFilters(certificateFiltersSchema, params("/certificates?status=expiring")),
      NOW,
    );
    expect(expiring.rows.map((c) => c.id)).toEqual([ids.expiring]);
    expect(details.expiring.blastRadius).toEqual(expected(events, (e) => e.certificateId === ids.expiring));

    // the figures themselves, so a wrong expectation cannot hide a wrong answer
    expect(details["revoked-in-use"].blastRadius).toEqual({ events: 2, environments: 2 });
    expect(details["high-findings"].blastRadius).toEqual({ events: 4, environments: 3 });
    expect(details["orphaned-signers"].blastRadius).toEqual({ events: 3, environments: 2 });
    expect(details["failed-deliveries"]).toEqual({ blastRadius: null, single: null });
  });

  it("names the one object of a list that holds one, and none for a list of several", async () => {
    const ctx = { now: NOW, bands: await loadExpiryBands(db) };
    const details = await loadTodayDetails(
      db,
      admin,
      [
        { id: "revoked-in-use", href: "/findings?rule=cert.revoked-in-use", count: 1, isListTotal: true },
        { id: "orphaned-signers", href: "/signers?orphaned=1", count: 1, isListTotal: true },
        { id: "expiring", href: "/certificates?status=expiring", count: 1, isListTotal: true },
        { id: "high-findings", href: "/findings?severity=high", count: 2, isListTotal: true },
      ],
      ctx,
    );
    expect(details["revoked-in-use"].single).toEqual({
      type: "finding",
      id: ids.revokedInUse,
      signer: { id: ids.owned, name: "owned" },
    });
    expect(details["orphaned-signers"].single).toEqual({ type: "signer", id: ids.orphan, name: "orphan" });
    expect(details.expiring.single).toEqual({ type: "certificate", id: ids.expiring, name: "cert-2" });
    expect(details["high-findings"].single).toBeNull();
  });

  it("is part of the overview, for the items it ranks, and owners see only their own signers' events", async () => {
    const overview = await computeOverview(db, admin, NOW);
    expect(overview.today["revoked-in-use"]?.blastRadius).toEqual({ events: 2, environments: 2 });
    const alice = await db.person.findFirstOrThrow({ where: { email: "alice@example.test" } });
    const mine = await computeOverview(db, { role: "owner", personId: alice.id }, NOW);
    expect(mine.today["revoked-in-use"]?.blastRadius).toEqual({ events: 2, environments: 2 });
    expect(mine.today["orphaned-signers"]).toBeUndefined();
  });

  it("measures a finding list of more subjects than SQLite binds in one statement (1,200 signers)", async () => {
    // bench:dashboard's 250k overview stopped here with P2029 when the ids went as bound values
    const many = Array.from({ length: 1200 }, (_, i) => ({
      id: `bulk-signer-${i}`,
      name: `bulk-${i}`,
      kind: "ci-pipeline",
    }));
    await db.signer.createMany({ data: many });
    await db.finding.createMany({
      data: many.map((s) => signerFinding(s.id, "signer.stale", "low", "stale")),
    });
    await db.signingEvent.createMany({
      data: [
        { signerId: many[0].id, environment: "production", signedAt: ago(1), artifactName: "bulk-a" },
        { signerId: many[1199].id, environment: "staging", signedAt: ago(2), artifactName: "bulk-b" },
        { signerId: many[600].id, environment: "production", signedAt: ago(40), artifactName: "bulk-old" },
      ],
    });
    const ctx = { now: NOW, bands: await loadExpiryBands(db) };
    const details = await loadTodayDetails(
      db,
      admin,
      [{ id: "stale", href: "/findings?rule=signer.stale", count: 1200, isListTotal: true }],
      ctx,
    );
    expect(details.stale.blastRadius).toEqual({ events: 2, environments: 2 });
  });
});
