// Release-gate benchmark: seeds a synthetic inventory (default 250,000 certificates / 25,000
// signers), starts the real server (scripts/start.mjs: route(), token check, stored and audited
// decision) on 127.0.0.1, and lets N pipelines ask POST /api/v1/gate concurrently; prints the
// latency p50/p95 per provider. The target: p95 ≤ 20 ms at 250k with 10 pipelines.
//
//   npm run bench:gate                                   # both providers, 250k certificates
//   npm run bench:gate -- --only sqlite --certificates 25000 --signers 2500 --requests 500
//   npm run bench:gate -- --only sqlite --cpu-prof /tmp/gate-prof     # the server's CPU profile
//   options: --pipelines 10, --requests 1000, --warm-up 1000 (requests of each route first), --no-baseline
//
// Beside the gate it loads GET /api/health (one `SELECT 1`) the same way, in turns with the gate:
// the server CPU of that trivial route is Next.js's fixed cost per request (HTTP, routing, request
// and response adaptation), so the gate's own cost is the difference (--no-baseline skips it).
//
// Build first (the server serves .next): node -e "import('./scripts/build-if-needed.mjs').then(m=>m.buildIfNeeded())"
import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb, closeDb } from "@/lib/db/client";
import { seedGateBench } from "./bench/seed-gate";
import { migrateAndSeedCached, withBenchDatabases } from "./bench/seed-inventory";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const CERTS = Number(arg("certificates", "250000"));
const SIGNERS = Number(arg("signers", "25000"));
const REQUESTS = Number(arg("requests", "1000"));
const PIPELINES = Number(arg("pipelines", "10"));
const PORT = Number(arg("port", process.env.E2E_BASE_PORT ?? "3700"));
const only = arg("only", "");
// --cpu-prof DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
const cpuProfileDir = arg("cpu-prof", "");
const isBaselineMeasured = !args.includes("--no-baseline");
const WARM_UP = Number(arg("warm-up", "1000"));
const root = path.resolve(import.meta.dirname, "..");

/**
 * CPU seconds (user and system) a process has used so far, from /proc (Linux): the machine may be
 * shared, so the server's CPU per decision is the figure that compares between runs, not latency.
 */
function cpuTimes(pid: number | undefined): { user: number; system: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not come up");
}

async function bench(flavour: "sqlite" | "postgres", url: string) {
  // SQLite: the seeded file is kept between runs (seed-inventory.ts); PostgreSQL is seeded afresh
  await migrateAndSeedCached(flavour, url, {
    now: new Date(),
    certificates: CERTS,
    signers: SIGNERS,
    isCacheUsed: true,
  });
  const db = createDb(url);
  const { sample, ...t } = await seedGateBench(db);
  await closeDb(db);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-bench-gate-"));
  const base = `http://127.0.0.1:${PORT}`;
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, "scripts/start.mjs"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      SIGNET_BASE_URL: base,
      SIGNET_DATA_DIR: dataDir,
      SIGNET_JOBS: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitForHealth(base, child);
    const ask = async (i: number) => {
      const s = sample[(i * 7919) % sample.length];
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/gate`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
        body: JSON.stringify({ signer: s.name, environment: "production", action: "sign", triggeredBy: "bench" }),
      });
      const body = (await res.json()) as { decision?: string };
      if (!res.ok || !body.decision) throw new Error(`gate answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, decision: body.decision };
    };
    const health = async () => {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`health answered ${res.status}`);
      return { ms: performance.now() - started, decision: "ok" };
    };
    // Warm-up, long enough for the JIT: the health route alone cost 2.3, 1.8, then 1.1-1.3 ms of CPU
    // per request over its first thousands (30 requests, the old warm-up, measured a cold server).
    // It asks about other signers than the run (the sample's 2,000 when both are 1,000): a signer
    // asked twice takes the repeated-deny path (raising signer.gate-denied), which the run should
    // meet only as often as the seed says.
    for (let i = 0; i < WARM_UP; i++) await ask(REQUESTS + i);
    for (let i = 0; i < WARM_UP && isBaselineMeasured; i++) await health();
    // 10 closed-loop pipelines: each sends its next request when its previous answer arrived. The
    // gate and the baseline take turns in blocks, so both meet the same load over the run.
    type Tally = { times: number[]; outcomes: Record<string, number>; user: number; system: number; seconds: number };
    const tally = (): Tally => ({ times: [], outcomes: {}, user: 0, system: 0, seconds: 0 });
    const measure = async (
      into: Tally,
      request: (i: number) => Promise<{ ms: number; decision: string }>,
      from: number,
      to: number,
    ) => {
      let next = from;
      const before = cpuTimes(child.pid);
      const wall = performance.now();
      await Promise.all(
        Array.from({ length: PIPELINES }, async () => {
          while (next < to) {
            const r = await request(next++);
            into.times.push(r.ms);
            into.outcomes[r.decision] = (into.outcomes[r.decision] ?? 0) + 1;
          }
        }),
      );
      into.seconds += (performance.now() - wall) / 1000;
      const after = cpuTimes(child.pid);
      if (before && after) {
        into.user += after.user - before.user;
        into.system += after.system - before.system;
      }
    };
    const describe = (t: Tally) => {
      const times = [...t.times].sort((a, b) => a - b);
      const per = (seconds: number) => ((seconds * 1000) / times.length).toFixed(1);
      return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms, ${(times.length / t.seconds).toFixed(0)} requests/s, server CPU ${per(t.user + t.system)} ms per request (system ${per(t.system)})`;
    };
    const gate = tally();
    const baseline = tally();
    const BLOCKS = 10;
    const baselineRequests = Math.max(BLOCKS, Math.round(REQUESTS / 2));
    for (let b = 0; b < BLOCKS; b++) {
      await measure(gate, ask, Math.floor((b * REQUESTS) / BLOCKS), Math.floor(((b + 1) * REQUESTS) / BLOCKS));
      if (isBaselineMeasured)
        await measure(
          baseline,
          health,
          Math.floor((b * baselineRequests) / BLOCKS),
          Math.floor(((b + 1) * baselineRequests) / BLOCKS),
        );
    }
    console.log(
      `${flavour}: ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers, ${REQUESTS} gate requests from ${PIPELINES} pipelines: ${describe(gate)} (${JSON.stringify(gate.outcomes)}; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`,
    );
    if (isBaselineMeasured)
      console.log(
        `${flavour}: GET /api/health, ${baselineRequests} requests from ${PIPELINES} pipelines in turns with the gate (Next.js's fixed cost per request): ${describe(baseline)}`,
      );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await withBenchDatabases(only, "bench:gate", bench);
process.exit(0);
