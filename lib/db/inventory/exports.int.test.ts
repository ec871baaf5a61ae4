import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import type { z } from "@/lib/domain/zod";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { listAuditPage } from "@/lib/db/audit/list";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { listGateDecisions } from "@/lib/db/gate/decisions";
import { listKeyPage } from "@/lib/db/keys/list";
import { listOwnerPage } from "@/lib/db/people/owners";
import { DAY_MS } from "@/lib/domain/expiry";
import { CUSTODIES, GATE_OUTCOMES, parseFilters } from "@/lib/domain/inventory-filters";
import { SEVERITIES, severityRank } from "@/lib/domain/severity";
import { describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import { createInChunks, numberedCertificate } from "@/lib/testing/inventory-seed";
import type { Page } from "./common";
import { EXPORT_BATCH, EXPORTS, type CsvExport, type ExportName } from "./exports";

// Each CSV export is "exactly what a list shows with its filters and sort (all pages)": its data
// rows must be the rows its list answers read page by page to the end, mapped through the same
// columns, for an administrator and for an owner who sees a part. The list pages with skip/take
// while the export reads keyset batches after a cursor, so each kind is seeded past two batches,
// with ties in every sort column, for the batch boundaries to fall inside runs of equal values.

const NOW = new Date("2026-11-23T12:00:00Z");
const MINUTE_MS = 60_000;
/** rows of each kind: three export batches (boundaries after rows 500 and 1,000) */
const N = 2 * EXPORT_BATCH + 100;
/** the lists' largest page size */
const PAGE_SIZE = 200;
const admin: ScopeUser = { role: "admin", personId: null };
const alice: ScopeUser = { role: "owner", personId: "person-alice" };

const numbered = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, "0")}`;
const each = <T>(count: number, row: (i: number) => T) => Array.from({ length: count }, (_, i) => row(i));
const ALICE_SIGNER = "signer-alice";
const BOB_SIGNER = "signer-bob";
const EXTRA_SIGNERS = 60;
/** Alice's signer holds every third certificate, Bob's the next, and half of the rest are other people's. */
const signerOf = (i: number) => [ALICE_SIGNER, BOB_SIGNER, i % 2 ? null : numbered("signer", i % EXTRA_SIGNERS)][i % 3];

async function seedOwners(db: Db) {
  // teams too span three batches; people and signers belong to the first 40, so most hold no signer
  // and the signers order's ties (then the id) fall across the batches
  await createInChunks(
    [{ id: "team-payments", name: "Payments" }, ...each(N, (i) => ({ id: numbered("team", i), name: `Team ${i}` }))],
    (data) => db.team.createMany({ data }),
  );
  await db.person.createMany({
    data: [
      { id: "person-alice", name: "Alice", email: "alice@example.test", teamId: "team-payments" },
      { id: "person-bob", name: "Bob", email: "bob@example.test" },
    ],
  });
  // names repeat (every 97th), so the name order's ties fall across the export's batches
  await createInChunks(
    each(N, (i) => ({
      id: numbered("person", i),
      name: `Person ${i % 97}`,
      email: `p${i}@example.test`,
      teamId: [`team-payments`, numbered("team", i % 40), null][i % 3],
      isActive: i % 4 !== 0,
    })),
    (data) => db.person.createMany({ data }),
  );
  await db.signer.createMany({
    data: [
      {
        id: ALICE_SIGNER,
        name: "payments-release",
        kind: "ci-pipeline",
        platform: "github-actions",
        environmentsJson: '["production"]',
        primaryOwnerId: "person-alice",
        teamId: "team-payments",
      },
      { id: BOB_SIGNER, name: "legacy-bot", kind: "release-bot", platform: "jenkins", primaryOwnerId: "person-bob" },
      ...each(EXTRA_SIGNERS, (i) => ({
        id: numbered("signer", i),
        name: `pipeline-${i}`,
        kind: "ci-pipeline",
        primaryOwnerId: numbered("person", (i * 7) % 200),
        backupOwnerId: i % 2 ? numbered("person", (i * 11) % 300) : null,
        teamId: numbered("team", i % 40),
      })),
    ],
  });
}

async function seedCertificates(db: Db) {
  await createInChunks(
    each(N, (i) => ({
      id: numbered("key", i),
      spkiSha256: i.toString(16).padStart(64, "0"),
      algorithm: i % 2 ? "EC" : "RSA",
      bits: i % 2 ? null : 3072,
      curve: i % 2 ? "P-256" : null,
      custody: CUSTODIES[i % CUSTODIES.length],
      custodyAttestedAt: i % 4 ? null : new Date(NOW.getTime() - 10 * DAY_MS),
      // 0 to 600 days: past the default policy's 365 for two in five
      firstSeenAt: new Date(NOW.getTime() - (i % 5) * 150 * DAY_MS),
    })),
    (data) => db.signingKey.createMany({ data }),
  );
  await createInChunks(
    each(N, (i) => ({
      id: numbered("cert", i),
      ...numberedCertificate(i + 1, {
        keyId: numbered("key", i),
        keyAlgorithm: i % 2 ? "EC" : "RSA",
        keyBits: i % 2 ? null : 3072,
        curve: i % 2 ? "P-256" : null,
        notBefore: new Date(NOW.getTime() - (i % 3) * 200 * DAY_MS),
        // expired, expiring and valid
        notAfter: new Date(NOW.getTime() + ((i % 8) - 2) * 30 * DAY_MS + DAY_MS),
        // the subject and issuer sorts are on nullable columns
        subjectCn: i % 5 ? `cert-${i % 300}` : null,
        issuerCn: i % 7 ? `Issuing CA ${i % 3}` : null,
        revocationStatus: i % 11 ? "good" : "revoked",
      }),
    })),
    (data) => db.certificate.createMany({ data }),
  );
  await createInChunks(
    each(N, (i) => ({ signerId: signerOf(i), certificateId: numbered("cert", i) })).filter(
      (link): link is { signerId: string; certificateId: string } => link.signerId !== null,
    ),
    (data) => db.signerCertificate.createMany({ data }),
  );
}

/**
 * Two findings per certificate (the open ones, the list's default, still span three batches), in every
 * state: a risk accepted until yesterday counts as open.
 */
async function seedFindings(db: Db) {
  const rules = ["cert.expiring", "cert.weak-key", "cert.revoked-in-use"];
  const states = ["open", "acknowledged", "risk-accepted", "false-positive", "open"];
  await createInChunks(
    each(2 * N, (j) => {
      const i = j % N;
      const severity = SEVERITIES[j % SEVERITIES.length];
      const state = states[j % states.length];
      return {
        id: numbered("finding", j),
        ruleId: rules[(i + Math.floor(j / N)) % rules.length],
        severity,
        severityRank: severityRank(severity),
        subjectType: "certificate",
        subjectId: numbered("cert", i),
        certificateId: numbered("cert", i),
        keyId: numbered("key", i),
        signerId: signerOf(i),
        message: `certificate ${j % 50} needs attention`,
        threshold: j % 2 ? "30 days" : null,
        firstSeenAt: new Date(NOW.getTime() - (j % 6) * DAY_MS),
        lastSeenAt: new Date(NOW.getTime() - (j % 4) * 3_600_000),
        state,
        triageReason: state === "open" ? null : "Reviewed with the owning team",
        acceptedUntil:
          state === "risk-accepted" ? new Date(NOW.getTime() + (j % 10 === 2 ? 30 : -1) * DAY_MS) : undefined,
        resolvedAt: j % 13 ? null : NOW,
      };
    }),
    (data) => db.finding.createMany({ data }),
  );
}

/** Audit events and gate decisions, several to an instant (their lists sort by time, then id). */
async function seedEvents(db: Db) {
  const actors = [
    { actorType: "user", actorId: "u1", actorLabel: "ana@example.test" },
    { actorType: "system", actorId: null, actorLabel: "system" },
    { actorType: "token", actorId: "t1", actorLabel: "ci-token" },
  ];
  const targets = ["signer", "finding", "key", "export"];
  await createInChunks(
    each(N, (i) => ({
      id: numbered("audit", i),
      at: new Date(NOW.getTime() - Math.floor(i / 3) * 10 * MINUTE_MS),
      ...actors[i % actors.length],
      action: ["signer.updated", "finding.triaged", "key.custody-attested", "inventory.exported"][i % 4],
      targetType: targets[i % 4],
      targetId: numbered(targets[i % 4], i % 100),
      summary: `Change number ${i}`,
      ip: i % 2 ? "10.0.0.1" : null,
    })),
    (data) => db.auditEvent.createMany({ data }),
  );
  await createInChunks(
    each(N, (i) => {
      const outcome = GATE_OUTCOMES[i % GATE_OUTCOMES.length];
      const decidedAt = new Date(NOW.getTime() - Math.floor(i / 4) * MINUTE_MS);
      const reasons = outcome === "allow" ? [] : [{ ruleId: "cert.expired", effect: outcome, message: "expired" }];
      return {
        id: numbered("gate", i),
        decidedAt,
        outcome,
        action: i % 5 ? "sign" : "promote",
        environment: i % 3 ? "staging" : "production",
        subjectLabel: `artifact-${i}`,
        signerId: [ALICE_SIGNER, BOB_SIGNER, null, numbered("signer", i % EXTRA_SIGNERS)][i % 4],
        triggeredBy: i % 3 ? `dev${i % 9}` : null,
        reasonsJson: JSON.stringify(reasons),
        signingTimeSource: "now",
        signingTimeAt: decidedAt,
        policyVersion: 1 + (i % 2),
      };
    }),
    (data) => db.gateDecision.createMany({ data }),
  );
}

async function seed(db: Db) {
  await seedOwners(db);
  await seedCertificates(db);
  await seedFindings(db);
  await seedEvents(db);
}

type Query = Record<string, string>;

/**
 * An export (as the route runs it, on a query string) beside its list, both given a list's query string: the
 * CSV's data rows, and the rows the list shows on every page in turn, each as the text of its cells through the
 * export's columns.
 */
function exportOfList<S extends z.ZodObject, R>(
  csv: CsvExport<S, R>,
  list: (db: Db, user: ScopeUser, f: z.infer<S>) => Promise<Page<R>>,
) {
  return {
    /** the list's total on its first page */
    total: async (db: Db, user: ScopeUser, query: Query) =>
      (await list(db, user, parseFilters(csv.filters, query))).total,
    exported: async (db: Db, user: ScopeUser, query: Query) => {
      const text = await new Response(await csv.ofQuery(db, user, query, NOW)).text();
      const [header, ...records] = parse(text);
      expect(header).toEqual(csv.columns.map((c) => c.header));
      return records;
    },
    listed: async (db: Db, user: ScopeUser, query: Query) => {
      const rows: R[] = [];
      for (let page = 1; ; page++) {
        const f = parseFilters(csv.filters, { ...query, page: String(page), pageSize: String(PAGE_SIZE) });
        const answer = await list(db, user, f);
        rows.push(...answer.rows);
        if (answer.rows.length < PAGE_SIZE) {
          expect(rows).toHaveLength(answer.total);
          // no seeded text starts with a formula character, so a cell's text is its value's
          return rows.map((row) => csv.columns.map((c) => String(c.value(row) ?? "")));
        }
      }
    },
  };
}

/** An export, its list, whether owners see a part of it, and list queries (filters and sorts) to compare them on. */
type ExportCase = {
  isOwnerScoped: boolean;
  of: ReturnType<typeof exportOfList<z.ZodObject, unknown>>;
  queries: Query[];
};

/** every export, by its name (an export added to EXPORTS needs a case) */
const CASES: Record<ExportName, ExportCase> = {
  certificates: {
    isOwnerScoped: true,
    of: exportOfList(EXPORTS.certificates, (db, user, f) => listCertificatePage(db, user, f, NOW)),
    queries: [
      {},
      { sort: "subject", dir: "desc" },
      { sort: "issuer" },
      { status: "expiring" },
      { custody: "hsm", sort: "keyAlgorithm", dir: "desc" },
      { team: "team-payments", sort: "notBefore" },
      { q: "cert-1" },
    ],
  },
  keys: {
    isOwnerScoped: true,
    of: exportOfList(EXPORTS.keys, (db, user, f) => listKeyPage(db, user, f, NOW)),
    queries: [
      {},
      { sort: "custody", dir: "desc" },
      { sort: "algorithm" },
      { rotation: "overdue" },
      { rotation: "ok", custody: "hsm" },
      { team: "team-payments", dir: "desc" },
      { q: "cert-2" },
    ],
  },
  findings: {
    isOwnerScoped: true,
    of: exportOfList(EXPORTS.findings, (db, user, f) => listFindingPage(db, user, f, NOW)),
    queries: [
      {},
      { state: "all", sort: "firstSeenAt", dir: "desc" },
      { severity: "high", sort: "rule" },
      { state: "risk-accepted" },
      { subjectType: "certificate", team: "team-payments", sort: "lastSeenAt" },
      { q: "certificate 1" },
    ],
  },
  owners: {
    isOwnerScoped: true,
    of: exportOfList(EXPORTS.owners, (db, user, f) => listOwnerPage(db, user, f, NOW)),
    queries: [
      {},
      { sort: "signers" },
      { dir: "desc" },
      { kind: "teams" },
      { kind: "teams", sort: "signers" },
      { kind: "teams", sort: "signers", dir: "asc" },
      { q: "e" },
      { team: "team-payments", active: "yes" },
    ],
  },
  audit: {
    isOwnerScoped: false,
    of: exportOfList(EXPORTS.audit, (db, _user, f) => listAuditPage(db, f)),
    queries: [{}, { action: "signer." }, { actor: "ana" }, { target: "key" }, { from: "2026-11-22", to: "2026-11-22" }],
  },
  "gate-decisions": {
    isOwnerScoped: true,
    of: exportOfList(EXPORTS["gate-decisions"], listGateDecisions),
    queries: [{}, { outcome: "deny" }, { action: "promote", environment: "production" }, { signer: ALICE_SIGNER }],
  },
};

const EXPORT_CASES = Object.entries(CASES).map(([name, e]) => ({ name, ...e }));
const usersOf = (e: ExportCase) => (e.isOwnerScoped ? [admin, alice] : [admin]);

describeEachDatabase("CSV exports", (database) => {
  let db: Db;
  openSeededTestDb(database, seed, (client) => (db = client), { seedTimeoutMs: 300_000 });

  it.each(EXPORT_CASES)("$name: the fixture spans three export batches, and an owner sees a part", async (e) => {
    const all = await e.of.total(db, admin, {});
    expect(all).toBeGreaterThan(2 * EXPORT_BATCH);
    if (e.isOwnerScoped) {
      const own = await e.of.total(db, alice, {});
      expect(own).toBeGreaterThan(0);
      expect(own).toBeLessThan(all);
    }
  });

  it.each(
    EXPORT_CASES.flatMap((e) => e.queries.map((query) => ({ e, name: e.name, label: JSON.stringify(query), query }))),
  )("$name $label: the CSV's rows are the list's, page by page to the end", async ({ e, query }) => {
    for (const user of usersOf(e)) {
      const listed = await e.of.listed(db, user, query);
      expect(listed.length, `${user.role}'s rows`).toBeGreaterThan(0);
      expect(await e.of.exported(db, user, query), `${user.role}'s export`).toEqual(listed);
    }
  });
});
