// Release-gate benchmark: seeds a synthetic inventory (default 250,000 certificates / 25,000
// signers), starts the real server (scripts/start.mjs: route(), token check, stored and audited
// decision) on 127.0.0.1, and lets N pipelines ask POST /api/v1/gate concurrently; prints the
// latency p50/p95 per provider. The target: p95 ≤ 20 ms at 250k with 10 pipelines.
//
//   npm run bench:gate                                   # both providers, 250k certificates
//   npm run bench:gate -- --only sqlite --certificates 25000 --signers 2500 --requests 500
//   npm run bench:gate -- --only sqlite --cpu-prof /tmp/gate-prof     # the server's CPU profile
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
const root = path.resolve(import.meta.dirname, "..");

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux): the machine may be
 * shared, so the server's CPU per decision is the figure that compares between runs, not latency.
 */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
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
    for (let i = 0; i < 30; i++) await ask(i); // warm-up: compile routes, fill caches
    const times: number[] = [];
    const decisions: Record<string, number> = {};
    let next = 0;
    const cpuBefore = cpuSeconds(child.pid);
    const wall = performance.now();
    await Promise.all(
      Array.from({ length: PIPELINES }, async () => {
        while (next < REQUESTS) {
          const r = await ask(next++);
          times.push(r.ms);
          decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - wall) / 1000;
    const cpuAfter = cpuSeconds(child.pid);
    const cpu =
      cpuBefore !== null && cpuAfter !== null
        ? `, server CPU ${(((cpuAfter - cpuBefore) * 1000) / REQUESTS).toFixed(1)} ms per decision`
        : "";
    times.sort((a, b) => a - b);
    console.log(
      `${flavour}: ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers, ${REQUESTS} requests from ${PIPELINES} pipelines: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms, ${(REQUESTS / seconds).toFixed(0)} decisions/s${cpu} (${JSON.stringify(decisions)}; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`,
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await withBenchDatabases(only, "bench:gate", bench);
process.exit(0);
