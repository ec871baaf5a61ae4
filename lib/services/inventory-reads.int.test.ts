import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/testing/databases";
import { numberedCertificate, seedKeys } from "@/lib/testing/inventory-seed";
import * as filters from "@/lib/domain/inventory-filters";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { getCertificateDetail } from "@/lib/db/certificates/detail";
import { listFindingPage } from "@/lib/db/findings/list";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { listKeyPage } from "@/lib/db/keys/list";
import { listSignerPage } from "@/lib/db/signers/list";
import { listOwnerPage, getPersonDetail } from "@/lib/db/people/owners";
import { getOverview } from "@/lib/db/inventory/overview";
import { listAuditPage } from "@/lib/db/audit/list";
import { exportCertificates, exportFindings } from "@/lib/db/inventory/exports";
import { triageFinding } from "@/lib/services/triage-finding";

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const admin = { role: "admin" as const, personId: null };

/** The filters a list page reads from its query string, parsed as the page does. */
const query = {
  certificates: (q: Record<string, string> = {}) => filters.parseFilters(filters.certificateFiltersSchema, q),
  findings: (q: Record<string, string> = {}) => filters.parseFilters(filters.findingFiltersSchema, q),
  keys: (q: Record<string, string> = {}) => filters.parseFilters(filters.keyFiltersSchema, q),
  owners: (q: Record<string, string> = {}) => filters.parseFilters(filters.ownerFiltersSchema, q),
  audit: (q: Record<string, string> = {}) => filters.parseFilters(filters.auditFiltersSchema, q),
};

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

async function seed(db: Db) {
  const team = await db.team.create({ data: { name: "Payments" } });
  const alice = await db.person.create({ data: { name: "Alice", email: "alice@example.test", teamId: team.id } });
  const bob = await db.person.create({ data: { name: "Bob", email: "bob@example.test", isActive: false } });
  const s1 = await db.signer.create({
    data: {
      name: "payments-release",
      kind: "ci-pipeline",
      platform: "github-actions",
      environmentsJson: '["production"]',
      primaryOwnerId: alice.id,
      teamId: team.id,
    },
  });
  const s2 = await db.signer.create({
    data: { name: "legacy-bot", kind: "release-bot", platform: "jenkins", primaryOwnerId: bob.id },
  });
  const { hsm, file } = await seedKeys(db, NOW, {
    hsm: { spkiSha256: "aa".repeat(32), algorithm: "RSA", bits: 3072, custody: "hsm", ageDays: 30 },
    file: { spkiSha256: "bb".repeat(32), algorithm: "EC", curve: "P-256", custody: "software-file", ageDays: 500 },
  });
  const cert = (n: number, keyId: string, notAfter: Date, extra: Record<string, unknown> = {}) => {
    const issuer = { issuer: "CN=Root", issuerCn: "Root", notBefore: new Date(NOW.getTime() - 100 * DAY) };
    return db.certificate.create({ data: numberedCertificate(n, { keyId, notAfter, ...issuer, ...extra }) });
  };
  const root = await cert(100, hsm.id, new Date(NOW.getTime() + 3000 * DAY), {
    isCA: true,
    isSelfSigned: true,
    subject: "CN=Root",
    subjectCn: "Root",
  });
  const expiring = await cert(1, hsm.id, new Date(NOW.getTime() + 10 * DAY), { issuerCertId: root.id });
  const expired = await cert(2, file.id, new Date(NOW.getTime() - 5 * DAY), { issuerCertId: root.id });
  const revoked = await cert(3, file.id, new Date(NOW.getTime() + 200 * DAY), {
    revocationStatus: "revoked",
    revokedAt: new Date(NOW.getTime() - DAY),
    revocationSource: "crl",
  });
  const valid = await cert(4, hsm.id, new Date(NOW.getTime() + 200 * DAY), { subjectCn: "=HYPERLINK(evil)" });
  await db.signerCertificate.createMany({
    data: [
      { signerId: s1.id, certificateId: expiring.id },
      { signerId: s1.id, certificateId: valid.id },
      { signerId: s2.id, certificateId: expired.id },
      { signerId: s2.id, certificateId: revoked.id },
    ],
  });
  const f = (ruleId: string, severity: string, rank: number, data: Record<string, unknown>) =>
    db.finding.create({
      data: { ruleId, severity, severityRank: rank, message: `${ruleId} message`, ...data } as never,
    });
  const fExpiring = await f("cert.expiring", "high", 3, {
    subjectType: "certificate",
    subjectId: expiring.id,
    certificateId: expiring.id,
    signerId: s1.id,
  });
  await f("cert.expired", "critical", 4, {
    subjectType: "certificate",
    subjectId: expired.id,
    certificateId: expired.id,
    signerId: s2.id,
  });
  await f("signer.orphaned", "high", 3, { subjectType: "signer", subjectId: s2.id, signerId: s2.id });
  await f("key.rotation-overdue", "high", 3, { subjectType: "key", subjectId: file.id, keyId: file.id });
  await f("cert.revoked-in-use", "critical", 4, {
    subjectType: "certificate",
    subjectId: revoked.id,
    certificateId: revoked.id,
    signerId: s2.id,
    resolvedAt: NOW,
  });
  const user = await db.user.create({ data: { id: "u1", name: "Ana", email: "ana@example.test", role: "analyst" } });
  return { team, alice, bob, s1, s2, hsm, file, root, expiring, expired, revoked, valid, fExpiring, user };
}

describeEachDatabase("inventory read models", (database) => {
  let db: Db;
  let data: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    db = createDb(database.url);
    data = await seed(db);
  });
  afterAll(async () => db.$disconnect());

  const certs = (params: Record<string, string>, user: { role: "admin" | "owner"; personId: string | null } = admin) =>
    listCertificatePage(db, user, query.certificates(params), NOW);

  it("filters certificates by state the same way the badges compute it", async () => {
    expect((await certs({ status: "expiring" })).rows.map((r) => r.subjectCn)).toEqual(["cert-1"]);
    expect((await certs({ status: "expired" })).rows.map((r) => r.subjectCn)).toEqual(["cert-2"]);
    expect((await certs({ status: "revoked" })).rows.map((r) => r.state)).toEqual(["revoked"]);
    expect((await certs({ status: "valid" })).total).toBe(2);
  });

  it("filters by expiry window, team, custody and free text, and sorts", async () => {
    const week = await certs({ expiresFrom: "2026-11-30", expiresTo: "2026-12-06" });
    expect(week.rows.map((r) => r.subjectCn)).toEqual(["cert-1"]);
    expect((await certs({ team: data.team.id })).total).toBe(2);
    expect((await certs({ custody: "software-file" })).total).toBe(2);
    expect((await certs({ q: "CERT-3" })).rows.map((r) => r.subjectCn)).toEqual(["cert-3"]);
    const desc = await certs({ sort: "notAfter", dir: "desc" });
    expect(desc.rows[0].subjectCn).toBe("Root");
  });

  it("shows owners only their own signers' certificates", async () => {
    const alice = { role: "owner" as const, personId: data.alice.id };
    const page = await certs({}, alice);
    expect(page.rows.map((r) => r.subjectCn).sort()).toEqual(["=HYPERLINK(evil)", "cert-1"]);
    expect(await getCertificateDetail(db, alice, data.expired.id, NOW)).toBeNull();
    const findings = await listFindingPage(db, alice, query.findings(), NOW);
    expect(findings.rows.map((r) => r.ruleId)).toEqual(["cert.expiring"]);
    const owners = await listOwnerPage(db, alice, query.owners(), NOW);
    expect(owners.rows.map((r) => r.name)).toEqual(["Alice"]);
  });

  it("builds the certificate detail with its chain, key age and findings", async () => {
    const d = await getCertificateDetail(db, admin, data.expiring.id, NOW);
    expect(d?.chain.map((c) => c.subjectCn)).toEqual(["Root"]);
    expect(d?.isChainComplete).toBe(true);
    expect(d?.key.custody).toBe("hsm");
    expect(d?.findings.map((f) => f.ruleId)).toEqual(["cert.expiring"]);
    expect(d?.signers.map((s) => s.name)).toEqual(["payments-release"]);
  });

  it("lists findings by severity with rule titles, and keys by rotation", async () => {
    const open = await listFindingPage(db, admin, query.findings(), NOW);
    expect(open.total).toBe(4);
    expect(open.rows[0].severity).toBe("critical");
    expect(open.rows.every((r) => r.title !== r.ruleId)).toBe(true);
    const nhi1 = await listFindingPage(db, admin, query.findings({ nhi: "NHI1" }), NOW);
    expect(nhi1.rows.map((r) => r.ruleId)).toContain("signer.orphaned");
    // the 500-day-old file key's certificates are expired and revoked: it is retired, not overdue
    const overdue = await listKeyPage(db, admin, query.keys({ rotation: "overdue" }), NOW);
    expect(overdue.rows.map((k) => k.id)).toEqual([]);
    const all = await listKeyPage(db, admin, query.keys(), NOW);
    expect(all.rows.find((k) => k.id === data.file.id)).toMatchObject({ isRetired: true, isRotationOverdue: false });
    expect(all.rows.find((k) => k.id === data.hsm.id)).toMatchObject({ isRetired: false, isRotationOverdue: false });
  });

  it("counts each listed key's and signer's certificates", async () => {
    const keys = await listKeyPage(db, admin, query.keys(), NOW);
    const byKey = Object.fromEntries(keys.rows.map((k) => [k.id, k.certificateCount]));
    expect(byKey).toEqual({ [data.hsm.id]: 3, [data.file.id]: 2 });
    const signers = await listSignerPage(db, admin, filters.parseFilters(filters.signerFiltersSchema, {}));
    const bySigner = Object.fromEntries(signers.rows.map((s) => [s.id, s.certificateCount]));
    expect(bySigner).toEqual({ [data.s1.id]: 2, [data.s2.id]: 2 });
  });

  it("counts the overview and links add up", async () => {
    const o = await getOverview(db, admin, NOW);
    const counts = Object.fromEntries(Object.entries(o.certificates).map(([k, t]) => [k, t.count]));
    expect(counts).toEqual({ total: 5, valid: 2, expiring: 1, expired: 1, superseded: 0, revoked: 1, keyless: 0 });
    expect(o.certificates.expired.href).toBe("/certificates?status=expired");
    expect(o.signers.orphaned).toEqual({ count: 1, href: "/signers?orphaned=1" });
    expect(o.findingsBySeverity.find((s) => s.severity === "critical")?.count).toBe(1);
    // the open rotation findings (this fixture writes them by hand, not through the engine)
    expect(o.rotationOverdueKeys).toEqual({ count: 1, href: "/findings?rule=key.rotation-overdue" });
    expect(o.revokedInUse.count).toBe(0);
    expect(o.expiryWeeks).toHaveLength(30);
    expect(o.expiryWeeks.reduce((n, w) => n + w.count, 0)).toBe(2);
    const owner = await getOverview(db, { role: "owner", personId: data.alice.id }, NOW);
    expect(owner.certificates.total.count).toBe(2);
    expect(owner.failedDeliveries).toBeNull();
  });

  it("exports exactly the filtered rows as CSV, formulas neutralised, owner scoping applied", async () => {
    const csv = await text(exportCertificates(db, admin, query.certificates({ status: "valid" }), NOW));
    const lines = csv.trim().split("\r\n");
    expect(lines[0].startsWith("id,subject_cn")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(csv).toContain("'=HYPERLINK(evil)");
    const ownerCsv = await text(
      exportCertificates(db, { role: "owner", personId: data.bob.id }, query.certificates(), NOW),
    );
    expect(ownerCsv.trim().split("\r\n")).toHaveLength(3);
    const findingsCsv = await text(await exportFindings(db, admin, query.findings({ state: "all" }), NOW));
    expect(findingsCsv.trim().split("\r\n")).toHaveLength(6);
  });

  it("accepts the risk of a finding with reason and end date, audited in the same transaction", async () => {
    const actor = { type: "user" as const, id: data.user.id, label: data.user.email };
    const accept = { findingId: data.fExpiring.id, action: "accept-risk" as const, actor };
    await expect(
      triageFinding(db, { ...accept, reason: "short", until: "2026-12-31" }, { now: NOW }),
    ).rejects.toThrow();
    await expect(
      triageFinding(db, { ...accept, reason: "Renewal booked with the CA", until: "2026-11-01" }, { now: NOW }),
    ).rejects.toThrow(/future/);
    const r = await triageFinding(
      db,
      { ...accept, reason: "Renewal booked with the CA", until: "2026-12-31" },
      { now: NOW },
    );
    expect(r.acceptedUntil).toBe("2026-12-31T23:59:59.999Z");
    const open = await listFindingPage(db, admin, query.findings(), NOW);
    expect(open.rows.map((f) => f.id)).not.toContain(data.fExpiring.id);
    const accepted = await listFindingPage(db, admin, query.findings({ state: "risk-accepted" }), NOW);
    expect(accepted.rows.map((f) => f.id)).toEqual([data.fExpiring.id]);
    const detail = await getFindingDetail(db, admin, data.fExpiring.id, NOW);
    expect(detail).toMatchObject({ state: "risk-accepted", triageReason: "Renewal booked with the CA" });
    expect(detail?.timeline.map((t) => [t.action, t.actorLabel, t.reason])).toEqual([
      ["accept-risk", "ana@example.test", "Renewal booked with the CA"],
    ]);
    const audit = await listAuditPage(db, query.audit({ action: "finding." }));
    expect(audit.total).toBe(1);
  });

  it("shows a person's signers and the open findings behind them", async () => {
    const bob = await getPersonDetail(db, admin, data.bob.id, NOW);
    expect(bob?.signers.map((s) => s.name)).toEqual(["legacy-bot"]);
    expect(bob?.findings.map((f) => f.ruleId).sort()).toEqual(["cert.expired", "signer.orphaned"]);
    expect(await getPersonDetail(db, { role: "owner", personId: data.alice.id }, data.bob.id, NOW)).toBeNull();
  });
});
