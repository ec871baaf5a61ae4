// Findings job benchmark: seeds the bench:dashboard inventory (250,000 certificates, 25,000 signers,
// 200,000 keys; leaves carry a code-signing profile's extensions, as real ones do) into a fresh
// SQLite file and a fresh PostgreSQL database, then measures
//   1. the first full evaluation (every finding and every nextEvaluationAt written),
//   2. a later full re-evaluation (the daily safety net) while a client in another process sends an
//      HTTP request every 100 ms to a server in this process (findings list, certificates list, a
//      small write), against the same requests with nothing running. The re-evaluation runs as the
//      findings jobs run it, on a worker thread with its own connection, while the server answers
//      on the main thread (--inline-sweep: on the main thread beside the server, as before),
//   3. the routine run of the findings job 24 hours after the last one, with about 1% of the
//      inventory crossing a threshold (what crosses naturally, topped up to 1% per table).
// A node:crypto baseline is printed before and after: on a shared machine, read figures as multiples.
//
//   npm run bench:findings                                   # both providers, 250,000 certificates
//   npm run bench:findings -- --only sqlite --certificates 50000 [--signers 5000] [--profile bare] [--inline-sweep]
//
// The seeded SQLite file is kept in the temporary directory and copied by later runs of the same
// size (--no-seed-cache seeds afresh); PostgreSQL is seeded afresh each run.
//
// Targets (issue 13): routine run ≤ 5 s wall, full re-evaluation ≤ 30 s wall at 250,000
// certificates without blocking requests.
import "reflect-metadata";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { closeDb, createDb } from "@/lib/db/client";
import { executeStatement } from "@/lib/db/sql";
import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { evaluateAllFindingsOnThread } from "@/lib/jobs/findings-thread";
import { migrateAndSeedCached, settleAsServed, topUpToOnePercent, withBenchDatabases } from "./bench/seed-inventory";
import {
  cryptoBaselineMs,
  idleProbe,
  queryPlan,
  startRequestServer,
  withProbe,
  type ProbeStats,
} from "./bench/request-probe";
import { benchArg } from "./bench/args";

const args = process.argv.slice(2);
const CERTS = Number(benchArg("certificates", "250000"));
const SIGNERS = Number(benchArg("signers", String(Math.round(CERTS / 10))));
const only = benchArg("only", "");
/** bare: certificates without extensions, five profile findings each (the seeder's old inventory) */
const isBare = benchArg("profile", "realistic") === "bare";
const isSweepInline = args.includes("--inline-sweep");
const IDLE_PROBE_MS = 8_000;
const HOUR = 3_600_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function timed<T>(fn: () => Promise<T>) {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const result = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function probeLine(label: string, p: ProbeStats) {
  const routes = Object.entries(p.byRoute)
    .map(([r, s]) => `${r} ${ms(s.p50)}/${ms(s.p95)}`)
    .join(", ");
  return (
    `    ${label.padEnd(22)} ${String(p.requests).padStart(4)} requests: p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, max ${ms(p.max)}` +
    `${p.failures ? `, ${p.failures} failed` : ""}; longest event-loop stall ${ms(p.loopMaxMs)} (p50/p95 by route: ${routes})`
  );
}

async function run(flavour: "sqlite" | "postgres", url: string) {
  console.log(
    `\n=== ${flavour}: ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers` +
      `${isBare ? " (bare certificates: no extensions)" : ""} ===`,
  );
  const seeded = await migrateAndSeedCached(flavour, url, {
    now: new Date(),
    certificates: CERTS,
    signers: SIGNERS,
    withFindings: false,
    withProfileExtensions: !isBare,
    isCacheUsed: !args.includes("--no-seed-cache"),
  });
  // a seed reused from an earlier run was made then: every instant below is relative to it
  const NOW = seeded.now;
  console.log(
    `  seeded in ${seeded.seconds.toFixed(1)} s${seeded.isFromCache ? ` (copied from the seed cache, seeded ${NOW.toISOString()})` : ""}`,
  );
  const db = createDb(url);
  const server = await startRequestServer(db);
  try {
    await settleAsServed(db, flavour);
    const baseline0 = cryptoBaselineMs();
    console.log(`  baseline: node:crypto, 20,000 SHA-256 of 1 KiB: ${ms(baseline0)} (load average ${loadAverage()})`);

    const first = await timed(() => evaluateFindings(db, { now: NOW }));
    const r1 = first.result;
    const subjects = r1.evaluated.certificates + r1.evaluated.keys + r1.evaluated.signers;
    console.log(
      `  first full evaluation (all findings and instants written)   ${seconds(first.wallMs).padStart(8)} wall, ${seconds(first.cpuMs)} CPU; ` +
        `${r1.created.toLocaleString("en")} findings created for ${subjects.toLocaleString("en")} subjects`,
    );
    if (flavour === "postgres") await executeStatement(db, "VACUUM ANALYZE");

    const idle = await idleProbe(server, IDLE_PROBE_MS);
    const sweepNow = new Date(NOW.getTime() + HOUR);
    const full = await timed(() =>
      withProbe(server, () =>
        isSweepInline ? evaluateFindings(db, { now: sweepNow }) : evaluateAllFindingsOnThread(db, { now: sweepNow }),
      ),
    );
    const pf = full.result.probe;
    const verdictFull = full.wallMs <= 30_000 ? "ok (target ≤ 30 s)" : "OVER target ≤ 30 s";
    console.log(
      `  full re-evaluation (daily safety net), ${isSweepInline ? "main thread  " : "worker thread"}        ${seconds(full.wallMs).padStart(8)} wall, ${seconds(full.cpuMs)} CPU  ${verdictFull}` +
        `; ${((full.cpuMs * 1000) / subjects).toFixed(0)} µs CPU per subject; ${(full.wallMs / baseline0).toFixed(0)}× baseline`,
    );
    console.log(probeLine("requests, nothing else", idle));
    console.log(probeLine("requests beside it", pf));
    console.log(
      `    request p95 beside the sweep / without it: ${(pf.p95 / Math.max(1, idle.p95)).toFixed(2)}×; p50 ${(pf.p50 / Math.max(1, idle.p50)).toFixed(2)}×`,
    );

    const day = new Date(NOW.getTime() + 25 * HOUR);
    const natural = await topUpToOnePercent(db, day);
    console.log(
      `  crossing by themselves in those 24 h: ${natural.Certificate} certificates, ${natural.SigningKey} keys, ${natural.Signer} signers; ` +
        "topped up to 1% of each table",
    );
    const due = 'SELECT "id" FROM "Certificate" WHERE "nextEvaluationAt" <= $1 LIMIT 25001';
    console.log(
      `  due query plan: ${await queryPlan(db, flavour, flavour === "sqlite" ? due.replace("$1", "?") : due, day)}`,
    );
    const routine = await timed(() => withProbe(server, () => evaluateDueFindings(db, { now: day })));
    const r = routine.result.result;
    const verdict = routine.wallMs <= 5_000 ? "ok (target ≤ 5 s)" : "OVER target ≤ 5 s";
    console.log(
      `  routine findings job, 24 h after the last run               ${seconds(routine.wallMs).padStart(8)} wall, ${seconds(routine.cpuMs)} CPU  ${verdict}` +
        `; ${(routine.wallMs / baseline0).toFixed(1)}× baseline`,
    );
    console.log(
      `    due: ${r.due.certificates.toLocaleString("en")} certificates, ${r.due.keys.toLocaleString("en")} keys, ${r.due.signers.toLocaleString("en")} signers ` +
        `(mode ${r.mode}); evaluated ${r.evaluated.certificates + r.evaluated.keys + r.evaluated.signers} subjects; ` +
        `${r.created} created, ${r.resolved} resolved, ${r.reopened} reopened`,
    );
    console.log(probeLine("requests beside it", routine.result.probe));
    const baseline1 = cryptoBaselineMs();
    console.log(`  baseline again: ${ms(baseline1)} (load average ${loadAverage()})`);
  } finally {
    await server.close();
    await closeDb(db);
  }
}

function loadAverage() {
  return os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
}

withBenchDatabases(only, "bench:findings", run).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
