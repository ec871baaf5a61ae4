import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { listGateDecisions } from "@/lib/db/gate/decisions";
import { listKeyPage } from "@/lib/db/keys/list";
import { listSignerPage } from "@/lib/db/signers/list";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  gateDecisionFiltersSchema,
  keyFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import { createInChunks, numberedCertificate, signerFinding } from "@/lib/testing/inventory-seed";
import { computeOverview } from "./overview";
import { expectNumbersMatchLists } from "@/lib/testing/overview-numbers";
import { COUNT_CAP } from "./common";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { DAY_MS } from "@/lib/domain/expiry";

// A team lead who owns more signers than SQLite binds in one statement (999): every owner-scoped
// read turns the owner's scope into id lists, which must not travel as that many bound values.
// The second lead owns so much (11,000 signers, each with a certificate on a key of its own) that
// the scope's signer, certificate and key ids together (33,000) exceed even the 32,766 values a
// statement binds: the owner's findings were once found by binding all three lists at once.

const NOW = new Date("2026-11-23T12:00:00Z");

/** A person owning `signers` signers, each with one certificate (on one shared key, or one key each) and one finding. */
async function seedLead(db: Db, signers: number, keys: "shared" | "one-each"): Promise<ScopeUser> {
  const person = await db.person.create({ data: { name: "Lead", email: "lead@example.test" } });
  const keyIds = Array.from({ length: keys === "shared" ? 1 : signers }, (_, i) => `lead-key-${i}`);
  await createInChunks(
    keyIds.map((id, i) => ({
      id,
      spkiSha256: i.toString(16).padStart(64, "0"),
      algorithm: "RSA",
      bits: 3072,
      firstSeenAt: new Date(NOW.getTime() - 400 * DAY_MS),
    })),
    (data) => db.signingKey.createMany({ data }),
  );
  const rows = Array.from({ length: signers }, (_, i) => ({
    id: `lead-signer-${i}`,
    name: `lead-${i}`,
    kind: "ci-pipeline",
    primaryOwnerId: person.id,
  }));
  await createInChunks(rows, (data) => db.signer.createMany({ data }));
  await createInChunks(
    rows.map((_, i) => ({
      id: `lead-cert-${i}`,
      ...numberedCertificate(i + 1, {
        keyId: keyIds[i % keyIds.length],
        notBefore: new Date(NOW.getTime() - 100 * DAY_MS),
        notAfter: new Date(NOW.getTime() + (i % 2 ? 10 : 300) * DAY_MS),
      }),
    })),
    (data) => db.certificate.createMany({ data }),
  );
  await createInChunks(
    rows.map((s, i) => ({ signerId: s.id, certificateId: `lead-cert-${i}` })),
    (data) => db.signerCertificate.createMany({ data }),
  );
  await createInChunks(
    rows.map((s) => signerFinding(s.id, "signer.no-backup-owner", "medium", "no backup owner")),
    (data) => db.finding.createMany({ data }),
  );
  return { role: "owner", personId: person.id };
}

describeEachDatabase("an owner of 1,200 signers", (database) => {
  const SIGNERS = 1_200;
  let db: Db;
  let lead: ScopeUser;
  const seed = (client: Db) => seedLead(client, SIGNERS, "shared");
  openSeededTestDb(database, seed, (client, seeded) => ((db = client), (lead = seeded)));

  it("sees every list and the overview, counted as the lists count", async () => {
    const signers = await listSignerPage(db, lead, parseFilters(signerFiltersSchema, {}));
    expect(signers.total).toBe(SIGNERS);
    const certificates = await listCertificatePage(db, lead, parseFilters(certificateFiltersSchema, {}), NOW);
    expect(certificates.total).toBe(SIGNERS);
    const expiring = await listCertificatePage(
      db,
      lead,
      parseFilters(certificateFiltersSchema, { status: "expiring" }),
      NOW,
    );
    expect(expiring.total).toBe(SIGNERS / 2);
    const findings = await listFindingPage(db, lead, parseFilters(findingFiltersSchema, {}), NOW);
    expect(findings.total).toBe(SIGNERS);
    const keys = await listKeyPage(db, lead, parseFilters(keyFiltersSchema, {}), NOW);
    expect(keys.total).toBe(1);
    const decisions = await listGateDecisions(db, lead, parseFilters(gateDecisionFiltersSchema, {}));
    expect(decisions.total).toBe(0);
    const overview = await computeOverview(db, lead, NOW);
    expect(overview.openFindings.count).toBe(findings.total);
  });

  it("shows every overview number as the total of the list its link opens", async () => {
    const o = await expectNumbersMatchLists(db, lead, NOW);
    // the status tiles and the expiry weeks come from one scan: half the certificates expire in
    // 10 days (expiring, in the weeks), half in 300 (valid, past the last week)
    expect(o.certificates.expiring.count).toBe(SIGNERS / 2);
    expect(o.certificates.valid.count).toBe(SIGNERS / 2);
    expect(o.expiryWeeks.reduce((n, w) => n + w.count, 0)).toBe(SIGNERS / 2);
  });

  it("counts the findings list the same on every page, and past the last one", async () => {
    const page = (n: number) =>
      listFindingPage(db, lead, parseFilters(findingFiltersSchema, { page: String(n), pageSize: "200" }), NOW);
    const pages = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(page));
    expect(pages.map((p) => p.total)).toEqual(pages.map(() => SIGNERS));
    expect(pages.map((p) => p.rows.length)).toEqual([200, 200, 200, 200, 200, 200, 0]);
    expect(new Set(pages.flatMap((p) => p.rows.map((r) => r.id))).size).toBe(SIGNERS);
  });
});

describeEachDatabase("an owner whose scope exceeds the values a statement binds", (database) => {
  const SIGNERS = 11_000;
  let db: Db;
  let lead: ScopeUser;
  const seed = (client: Db) => seedLead(client, SIGNERS, "one-each");
  openSeededTestDb(database, seed, (client, seeded) => ((db = client), (lead = seeded)), { seedTimeoutMs: 120_000 });

  it("sees the findings list, a finding and the overview, counted as the list counts", async () => {
    const findings = await listFindingPage(db, lead, parseFilters(findingFiltersSchema, {}), NOW);
    expect(findings.total).toBe(COUNT_CAP);
    expect(findings.isTotalCapped).toBe(true);
    const overview = await computeOverview(db, lead, NOW);
    expect(overview.openFindings.count).toBe(SIGNERS);
    // the certificate list with no filter counts the scope as SQL, capped as the lists cap
    const certificates = await listCertificatePage(db, lead, parseFilters(certificateFiltersSchema, {}), NOW);
    expect([certificates.total, certificates.isTotalCapped]).toEqual([COUNT_CAP, true]);
    expect(overview.certificates.total.count).toBe(SIGNERS);
    const one = await getFindingDetail(db, lead, findings.rows[0].id, NOW);
    expect(one?.id).toBe(findings.rows[0].id);
    const someoneElse = { role: "owner" as const, personId: "nobody" };
    expect(await getFindingDetail(db, someoneElse, findings.rows[0].id, NOW)).toBeNull();
  }, 120_000);
});
