// Owner and filtered views on an already seeded SQLite file (a copy of a cached bench seed from
// /tmp/signet-bench-seeds), p50/p95/max per view; --trace lists the statements slower than 20 ms.
//
//   cp /tmp/signet-bench-seeds/inventory-250000-<hash>.db /tmp/probe.db
//   N=20 npx tsx scripts/bench/owners-probe.ts file:/tmp/probe.db [--trace] [--lead-only]
//
// A PostgreSQL URL works too (without --trace). --lead-only times the largest owner's views only.
//
// bench:dashboard measures the same views but seeds afresh (and stops at the security team's
// overview while its today details exceed Prisma's bound-value limit).
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { createDb, closeDb, SERVER_SQLITE_CACHE_MIB } from "@/lib/db/client";
import { computeOverview } from "@/lib/db/inventory/overview";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { certificateFiltersSchema, findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";
import { listFindingPage } from "@/lib/db/findings/list";
import { listTeams } from "@/lib/db/people/people";
import { executeStatement } from "@/lib/db/sql";
import { teamAndPlatformFilters } from "./seed-inventory";
import { timeCalls } from "./timing";

const url = process.argv[2];
const trace = process.argv.includes("--trace");
const isLeadOnly = process.argv.includes("--lead-only");
const slow: { sql: string; ms: number }[] = [];
if (trace) {
  const tmp = new Database(":memory:");
  const proto = Object.getPrototypeOf(tmp.prepare("select 1"));
  for (const m of ["all", "get", "run", "iterate"]) {
    const orig = proto[m];
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      const t = performance.now();
      const r = orig.apply(this, a);
      const ms = performance.now() - t;
      if (ms > 20) slow.push({ sql: this.source, ms });
      return r;
    };
  }
}
const ADMIN = { role: "admin" as const, personId: null };
async function time(name: string, n: number, fn: (i: number) => Promise<unknown>) {
  const { samples: xs, cpuMsPerCall } = await timeCalls(n, fn);
  xs.sort((a, b) => a - b);
  console.log(
    `${name}: p50 ${xs[Math.floor(n / 2)].toFixed(0)} p95 ${xs[Math.floor(n * 0.95)].toFixed(0)} max ${xs[n - 1].toFixed(0)} cpu ${cpuMsPerCall.toFixed(0)}/call`,
  );
}
async function main() {
  // the web server's client (lib/db/client.ts getDb): its SQLite page cache too
  const db = createDb(url, { sqliteCacheMiB: SERVER_SQLITE_CACHE_MIB });
  await executeStatement(db, "ANALYZE");
  const NOW = new Date();
  const teamIds = (await listTeams(db)).slice(0, 10).map((t) => t.id);
  const owners = (await db.signer.groupBy({ by: ["primaryOwnerId"], _count: { _all: true } })).filter(
    (g) => g.primaryOwnerId,
  );
  owners.sort((a, b) => a._count._all - b._count._all);
  const owner = owners[Math.floor(owners.length / 2)].primaryOwnerId!;
  const N = Number(process.env.N ?? 20);
  if (!isLeadOnly) {
    await time("team+platform by subject", N, (i) =>
      listCertificatePage(db, ADMIN, teamAndPlatformFilters(teamIds, i), NOW),
    );
    await time("owner overview", N, () => computeOverview(db, { role: "owner", personId: owner }, NOW));
    await time("owner cert list", N, () =>
      listCertificatePage(db, { role: "owner", personId: owner }, parseFilters(certificateFiltersSchema, {}), NOW),
    );
  }
  // the largest owner (the seed's team lead, about 2,000 signers)
  const lead = { role: "owner" as const, personId: owners[owners.length - 1].primaryOwnerId! };
  console.log(`largest owner: ${owners[owners.length - 1]._count._all} signers`);
  await time("lead overview", N, () => computeOverview(db, lead, NOW));
  await time("lead cert list", N, () => listCertificatePage(db, lead, parseFilters(certificateFiltersSchema, {}), NOW));
  await time("lead findings list", N, () => listFindingPage(db, lead, parseFilters(findingFiltersSchema, {}), NOW));
  if (trace) {
    const agg = new Map<string, { n: number; ms: number }>();
    for (const s of slow) {
      const a = agg.get(s.sql) ?? { n: 0, ms: 0 };
      a.n++;
      a.ms += s.ms;
      agg.set(s.sql, a);
    }
    for (const [sql, a] of [...agg].sort((x, y) => y[1].ms - x[1].ms).slice(0, 8))
      console.log(`--- ${a.n}x avg ${(a.ms / a.n).toFixed(0)} ms\n${sql}`);
  }
  await closeDb(db);
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
