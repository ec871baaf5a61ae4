// Dashboard benchmark: seeds 250,000 certificates and 25,000 signers into a fresh SQLite file and
// a fresh PostgreSQL database (created on 127.0.0.1 and dropped afterwards), then measures the
// data-layer functions the pages and API routes call, p50/p95 over repeated runs.
//
//   npm run bench:dashboard                      # both providers (PostgreSQL from TEST_POSTGRES_URL or 127.0.0.1:5432)
//   npm run bench:dashboard -- --only sqlite --certificates 50000 --runs 20
//   npm run bench:dashboard -- --views "team lead,as an owner"   # only the views whose name contains one of these
//   npm run bench:dashboard -- --only postgres --postgres-database signet_bench_kept   # seeded once, kept: drop it yourself
//
// Seeding bypasses certificate parsing (synthetic rows, raw multi-row inserts): the benchmark is
// about reading, and parse speed is measured by bench:import. The SQLite seed is cached in the
// temporary directory (scripts/bench/seed-inventory.ts migrateAndSeedCached; --no-seed-cache seeds
// afresh); a reused seed was made earlier, so every instant is relative to its seeding time.
import "reflect-metadata";
import { createDb, type Db, closeDb, SERVER_SQLITE_CACHE_MIB } from "@/lib/db/client";
import { computeOverview, getOverview } from "@/lib/db/inventory/overview";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { exportCertificates } from "@/lib/db/inventory/exports";
import { certificateFiltersSchema, findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";
import { listTeams } from "@/lib/db/people/people";
import { findVisibleSigner, signerFindings } from "@/lib/db/signers/detail";
import { executeStatement } from "@/lib/db/sql";
import {
  migrateAndSeedCached,
  readSeededInventory,
  settleAsServed,
  teamAndPlatformFilters,
  withBenchDatabases,
} from "./bench/seed-inventory";
import { benchArg } from "./bench/args";
import { timeCalls } from "./bench/timing";

const CERTS = Number(benchArg("certificates", "250000"));
const SIGNERS = Number(benchArg("signers", "25000"));
const RUNS = Math.max(50, Number(benchArg("runs", "50")));
const EXPORT_ROWS = 10_000;
const only = benchArg("only", "");
const withIndexes = benchArg("indexes", "proposed") === "proposed";
const views = benchArg("views", "")
  .split(",")
  .map((v) => v.trim())
  .filter(Boolean);
const postgresDatabase = benchArg("postgres-database", "") || undefined;
const isSeedCacheUsed = !process.argv.includes("--no-seed-cache");

// The indexes this benchmark asks for in prisma/schema.base.prisma (see the report); created here
// so their effect can be measured before the migration exists. Same SQL on both providers.
// (The certificate states' (notAfter, ...) index has been a migration since; its entry here would
// bring back the index the migration Certificate_notAfter_status_idx replaced.)
const PROPOSED_INDEXES = [
  // overview breakdown of open findings by rule and severity without touching the table
  `CREATE INDEX IF NOT EXISTS "Finding_resolvedAt_ruleId_severity_state_acceptedUntil_idx" ON "Finding" ("resolvedAt", "ruleId", "severity", "state", "acceptedUntil")`,
  `CREATE INDEX IF NOT EXISTS "Signer_platform_idx" ON "Signer" ("platform")`,
];
/** the seeding instant: every view is measured relative to it (a cached seed was made earlier) */
let NOW = new Date();
const ADMIN = { role: "admin" as const, personId: null };

/** The signer detail a signer page needs: owners, team, certificates with keys, privileges, latest events, open findings. */
async function signerDetail(db: Db, signerId: string) {
  const signer = await findVisibleSigner(db, ADMIN, signerId);
  if (!signer) throw new Error(`signer ${signerId} not found`);
  return signerFindings(db, {
    id: signer.id,
    certificateIds: signer.certificates.map((c) => c.id),
    keyIds: signer.keys.map((k) => k.id),
  });
}

async function exportRows(db: Db): Promise<number> {
  const stream = exportCertificates(
    db,
    ADMIN,
    parseFilters(certificateFiltersSchema, { status: "valid", sort: "notAfter" }),
    NOW,
  );
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let lines = -1;
  while (lines < EXPORT_ROWS) {
    const { done, value } = await reader.read();
    if (done) break;
    lines += (decoder.decode(value).match(/\r\n/g) ?? []).length;
  }
  await reader.cancel();
  return lines;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function measure(name: string, fn: (i: number) => Promise<unknown>, target: number | null) {
  if (views.length && !views.some((v) => name.includes(v))) return null;
  for (let i = 0; i < 3; i++) await fn(i);
  const { samples, cpuMsPerCall: cpuMs } = await timeCalls(RUNS, fn);
  const r = stats(samples);
  const verdict =
    target === null ? "" : r.p95 <= target ? `  ok (target p95 ≤ ${target} ms)` : `  OVER target p95 ≤ ${target} ms`;
  console.log(
    `  ${name.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   max ${r.max.toFixed(1).padStart(7)} ms   cpu ${cpuMs.toFixed(1).padStart(6)} ms/call  (n=${RUNS})${verdict}`,
  );
  return { name, ...r, cpuMs };
}

async function run(flavour: "sqlite" | "postgres", url: string) {
  console.log(
    `\n=== ${flavour}: ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers ===`,
  );
  const seeded = await migrateAndSeedCached(flavour, url, {
    now: new Date(),
    certificates: CERTS,
    signers: SIGNERS,
    isCacheUsed: isSeedCacheUsed,
  });
  NOW = seeded.now;
  // the web server's client (lib/db/client.ts getDb): its SQLite page cache too
  const db = createDb(url, { sqliteCacheMiB: SERVER_SQLITE_CACHE_MIB });
  try {
    const { signers, lead, findings } = await readSeededInventory(db);
    console.log(
      `  seeded in ${seeded.seconds.toFixed(1)} s${seeded.isFromCache ? ` (reused, seeded ${NOW.toISOString()})` : ""} (${findings.toLocaleString("en")} findings, 50,000 audit events)`,
    );
    if (withIndexes) {
      for (const sql of PROPOSED_INDEXES) await executeStatement(db, sql);
      console.log(`  with the ${PROPOSED_INDEXES.length} proposed indexes`);
    }
    await settleAsServed(db, flavour);
    const teamIds = (await listTeams(db)).slice(0, 10).map((t) => t.id);
    await measure("overview computed (computeOverview, no cache)", () => computeOverview(db, ADMIN, NOW), null);
    await measure("overview served (getOverview, 30 s SWR cache)", () => getOverview(db, ADMIN, NOW), 300);
    await measure(
      "certificates: status=expiring, by expiry",
      (i) =>
        listCertificatePage(
          db,
          ADMIN,
          parseFilters(certificateFiltersSchema, { status: "expiring", page: String((i % 3) + 1) }),
          NOW,
        ),
      150,
    );
    await measure(
      "certificates: team + platform, by subject",
      (i) => listCertificatePage(db, ADMIN, teamAndPlatformFilters(teamIds, i), NOW),
      150,
    );
    await measure(
      "certificates: first page, no filter",
      () => listCertificatePage(db, ADMIN, parseFilters(certificateFiltersSchema, {}), NOW),
      150,
    );
    await measure(
      'certificates: search "build-1234"',
      () => listCertificatePage(db, ADMIN, parseFilters(certificateFiltersSchema, { q: "build-1234" }), NOW),
      150,
    );
    await measure(
      "findings: open, by severity",
      () => listFindingPage(db, ADMIN, parseFilters(findingFiltersSchema, {}), NOW),
      150,
    );
    await measure("signer detail", (i) => signerDetail(db, signers[(i * 97) % signers.length].id), 100);
    // The owners' views computed without the overview cache, for a typical owner (a handful of
    // signers) and for the seed's team lead (about 2,000 signers, 20,000 certificates).
    const owner = signers.find((s) => s.primaryOwnerId && s.primaryOwnerId !== lead.id)!.primaryOwnerId!;
    const small = { role: "owner" as const, personId: owner };
    const teamLead = { role: "owner" as const, personId: lead.id };
    const allCertificates = parseFilters(certificateFiltersSchema, {});
    await measure("overview as an owner (computed)", () => computeOverview(db, small, NOW), 150);
    await measure("overview as a team lead (computed)", () => computeOverview(db, teamLead, NOW), 150);
    await measure("certificates as an owner", () => listCertificatePage(db, small, allCertificates, NOW), 150);
    await measure("certificates as a team lead", () => listCertificatePage(db, teamLead, allCertificates, NOW), 150);
    await measure(
      "findings as a team lead",
      () => listFindingPage(db, teamLead, parseFilters(findingFiltersSchema, {}), NOW),
      150,
    );
    await measure(`CSV export, first ${EXPORT_ROWS.toLocaleString("en")} rows`, () => exportRows(db), null);
  } finally {
    await closeDb(db);
  }
}

async function main() {
  await withBenchDatabases(only, "bench:dashboard", run, { postgresDatabase });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
