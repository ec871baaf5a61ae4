// Findings job benchmark: seeds the bench:dashboard inventory (250,000 certificates, 25,000 signers,
// 200,000 keys) into a fresh SQLite file and a fresh PostgreSQL database, then measures
//   1. the first full evaluation (every finding and every nextEvaluationAt written),
//   2. a later full re-evaluation (the daily safety net), with a request-like probe running beside it,
//   3. the routine run of the findings job 24 hours after the last one, with about 1% of the
//      inventory crossing a threshold (what crosses naturally, topped up to 1% per table).
//
//   npm run bench:findings                                   # both providers
//   npm run bench:findings -- --only sqlite --certificates 50000
//
// Targets (issue 13): routine run ≤ 5 s wall, full re-evaluation ≤ 30 s wall at 250,000 certificates.
import "reflect-metadata";
import { performance, monitorEventLoopDelay } from "node:perf_hooks";
import { createDb, type Db } from "@/lib/db/client";
import { executeStatement } from "@/lib/db/sql";
import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { migrateAndSeed, topUpToOnePercent, withBenchDatabases } from "./bench/seed-inventory";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const CERTS = Number(arg("certificates", "250000"));
const SIGNERS = Number(arg("signers", String(Math.round(CERTS / 10))));
const only = arg("only", "");
const NOW = new Date();
const HOUR = 3_600_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Stands in for requests served while a run is under way: every 50 ms a page-like read and a
 * small write. Their latencies and the event loop's longest stall show whether the run blocks them.
 */
function startProbe(db: Db) {
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let isStopped = false;
  const done = (async () => {
    let i = 0;
    while (!isStopped) {
      const t = performance.now();
      await db.signer.findMany({ take: 20, orderBy: { name: "asc" }, select: { id: true, name: true } });
      await db.setting.upsert({ where: { key: "bench.probe" }, create: { key: "bench.probe", valueJson: String(i) }, update: { valueJson: String(i) } });
      latencies.push(performance.now() - t);
      i++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    isStopped = true;
    await done;
    loop.disable();
    const s = [...latencies].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
    return { requests: s.length, p50: q(0.5), p95: q(0.95), max: q(1), loopMaxMs: loop.max / 1e6 };
  };
}

async function timed<T>(fn: () => Promise<T>) {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const result = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000 };
}


async function run(flavour: "sqlite" | "postgres", url: string) {
  console.log(`\n=== ${flavour}: ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers ===`);
  const seeded = await migrateAndSeed(flavour, url, { now: NOW, certificates: CERTS, signers: SIGNERS, withFindings: false });
  console.log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
  const db = createDb(url);
  try {
    await executeStatement(db, flavour === "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
    const first = await timed(() => evaluateFindings(db, { now: NOW }));
    const r1 = first.result;
    console.log(
      `  first full evaluation (all findings and instants written)   ${seconds(first.wallMs).padStart(8)} wall, ${seconds(first.cpuMs)} CPU; ` +
        `${r1.created.toLocaleString("en")} findings created`,
    );

    const probeFull = startProbe(db);
    const full = await timed(() => evaluateFindings(db, { now: new Date(NOW.getTime() + HOUR) }));
    const pf = await probeFull();
    const verdictFull = full.wallMs <= 30_000 ? "ok (target ≤ 30 s)" : "OVER target ≤ 30 s";
    console.log(`  full re-evaluation (daily safety net)                       ${seconds(full.wallMs).padStart(8)} wall, ${seconds(full.cpuMs)} CPU  ${verdictFull}`);
    console.log(
      `    beside it, ${pf.requests} probe requests (read 20 signers + upsert a setting): p50 ${pf.p50.toFixed(0)} ms, p95 ${pf.p95.toFixed(0)} ms, ` +
        `max ${pf.max.toFixed(0)} ms; longest event-loop stall ${pf.loopMaxMs.toFixed(0)} ms`,
    );

    const day = new Date(NOW.getTime() + 25 * HOUR);
    const natural = await topUpToOnePercent(db, day);
    console.log(
      `  crossing by themselves in those 24 h: ${natural.Certificate} certificates, ${natural.SigningKey} keys, ${natural.Signer} signers; ` +
        "topped up to 1% of each table",
    );
    const probeDue = startProbe(db);
    const routine = await timed(() => evaluateDueFindings(db, { now: day }));
    const pd = await probeDue();
    const r = routine.result;
    const verdict = routine.wallMs <= 5_000 ? "ok (target ≤ 5 s)" : "OVER target ≤ 5 s";
    console.log(`  routine findings job, 24 h after the last run               ${seconds(routine.wallMs).padStart(8)} wall, ${seconds(routine.cpuMs)} CPU  ${verdict}`);
    console.log(
      `    due: ${r.due.certificates.toLocaleString("en")} certificates, ${r.due.keys.toLocaleString("en")} keys, ${r.due.signers.toLocaleString("en")} signers ` +
        `(mode ${r.mode}); evaluated ${r.evaluated.certificates + r.evaluated.keys + r.evaluated.signers} subjects; ` +
        `${r.created} created, ${r.resolved} resolved, ${r.reopened} reopened`,
    );
    console.log(`    beside it: probe p95 ${pd.p95.toFixed(0)} ms, max ${pd.max.toFixed(0)} ms; longest event-loop stall ${pd.loopMaxMs.toFixed(0)} ms`);
  } finally {
    await db.$disconnect();
  }
}

withBenchDatabases(only, "bench:findings", run).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
