// The findings sweep (a full re-evaluation, findings.sweep) in-process, without the request probe of
// bench:findings: seeds the bench:findings inventory (seed cache of seed-inventory.ts), runs the
// first full evaluation once (kept beside the seed cache), then times full re-evaluations and prints
// the process's CPU per subject, the figure that compares between runs on a shared machine, with a
// node:crypto baseline. Profile with `node --cpu-prof --import tsx scripts/bench/sweep-probe.ts`.
//
// With --routine it times the findings job's routine run instead (bench:findings' third figure without
// its requests): 25 hours after the first evaluation, about 1% of each table topped up to cross a
// threshold.
//
// With --thread each full re-evaluation runs on the findings thread, as the findings.sweep job runs it.
//
//   npx tsx scripts/bench/sweep-probe.ts [--certificates 20000] [--runs 2] [--only sqlite|postgres] [--routine] [--thread]
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { closeDb, createDb } from "@/lib/db/client";
import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { runFindingsThread } from "@/lib/jobs/findings-thread";
import { cryptoBaselineMs } from "./request-probe";
import { migrateAndSeedCached, topUpToOnePercent, withBenchDatabases } from "./seed-inventory";
import { benchArg } from "./args";

const args = process.argv.slice(2);
const CERTS = Number(benchArg("certificates", "20000"));
const RUNS = Number(benchArg("runs", "2"));
const HOUR = 3_600_000;

async function run(flavour: "sqlite" | "postgres", url: string) {
  const seedOptions = {
    now: new Date(),
    certificates: CERTS,
    signers: Math.round(CERTS / 10),
    withFindings: false,
    withProfileExtensions: true,
  };
  // the seed with its first evaluation done, kept beside the seed cache (sqlite only)
  const evaluatedCache = path.join(os.tmpdir(), "signet-bench-seeds", `sweep-probe-${CERTS}.db`);
  const file = url.slice("file:".length);
  let now: Date;
  if (flavour === "sqlite" && fs.existsSync(evaluatedCache) && !args.includes("--no-seed-cache")) {
    fs.copyFileSync(evaluatedCache, file);
    now = new Date(fs.readFileSync(`${evaluatedCache}.now`, "utf8"));
  } else {
    const seeded = await migrateAndSeedCached(flavour, url, { ...seedOptions, isCacheUsed: true });
    now = seeded.now;
    const db = createDb(url);
    const first = await evaluateFindings(db, { now });
    await closeDb(db);
    console.log(`first evaluation: ${first.created} findings, ${(first.durationMs / 1000).toFixed(1)} s`);
    if (flavour === "sqlite") {
      fs.copyFileSync(file, evaluatedCache);
      fs.writeFileSync(`${evaluatedCache}.now`, now.toISOString());
    }
  }
  const db = createDb(url);
  try {
    console.log(
      `${flavour}: baseline node:crypto ${cryptoBaselineMs().toFixed(0)} ms, load ${os.loadavg()[0].toFixed(1)}`,
    );
    if (args.includes("--routine")) {
      const day = new Date(now.getTime() + 25 * HOUR);
      await topUpToOnePercent(db, day);
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const r = await evaluateDueFindings(db, { now: day });
      const cpu = process.cpuUsage(cpu0);
      console.log(
        `  routine run: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU ` +
          `(mode ${r.mode}; due ${r.due.certificates} certificates, ${r.due.keys} keys, ${r.due.signers} signers; ` +
          `evaluated ${r.evaluated.certificates + r.evaluated.keys + r.evaluated.signers} subjects; ` +
          `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.resolved} resolved, ${r.reopened} reopened)`,
      );
    }
    for (let i = 1; i <= (args.includes("--routine") ? 0 : RUNS); i++) {
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const at = new Date(now.getTime() + i * HOUR);
      // --thread: on the findings thread, as the findings.sweep job runs it (its own connection and heap)
      const r = args.includes("--thread")
        ? await runFindingsThread({ url, nowIso: at.toISOString() })
        : await evaluateFindings(db, { now: at });
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const subjects = r.evaluated.certificates + r.evaluated.keys + r.evaluated.signers;
      console.log(
        `  full re-evaluation ${i}: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU, ` +
          `${((cpuMs * 1000) / subjects).toFixed(0)} µs CPU per subject (${subjects} subjects; ` +
          `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.resolved} resolved, ${r.reopened} reopened)`,
      );
    }
    console.log(`${flavour}: baseline again ${cryptoBaselineMs().toFixed(0)} ms, load ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    await closeDb(db);
  }
}

await withBenchDatabases(benchArg("only", ""), "sweep-probe", run);

process.exit(0);
