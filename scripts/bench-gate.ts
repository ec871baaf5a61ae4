// Release-gate benchmark: seeds a synthetic inventory (default 250,000 certificates / 25,000
// signers), starts the real server (scripts/start.mjs: route(), token check, stored and audited
// decision) on 127.0.0.1, and lets N pipelines ask POST /api/v1/gate concurrently; prints the
// latency p50/p95 per provider. The target: p95 ≤ 20 ms at 250k with 10 pipelines.
//
//   npm run bench:gate                                   # both providers, 250k certificates
//   npm run bench:gate -- --only sqlite --certificates 25000 --signers 2500 --requests 500
//   npm run bench:gate -- --only sqlite --cpu-prof /tmp/gate-prof     # the server's CPU profile
//   options: --pipelines 10, --requests 1000, --warm-up 1000 (requests of each route first), --no-baseline,
//            --rate 200 (paced run: decisions per second from all pipelines together, 0 skips it),
//            --paced-seconds 10, --servers 1 (N server processes on the same database, on ports PORT..PORT+N-1,
//            the requests spread over them in turn: a measurement of running more than one process)
//
// Two loads, both printed:
// - closed loop (saturated): each pipeline sends its next request the moment its previous answer
//   arrives, so the server is never idle and latency is mostly queueing: with one Node thread,
//   p95 ≈ pipelines × CPU per request. It measures the server's capacity, not what a pipeline waits.
// - paced (open loop): each pipeline asks at a fixed interval whether or not its previous answer
//   has arrived (--rate 200 with 10 pipelines: each every 50 ms), as CI pipelines asking
//   concurrently do; latency is then the decision's own time plus whatever queueing that rate causes.
//
// Beside the gate it loads GET /api/health (one `SELECT 1`) the same way, in turns with the gate:
// the server CPU of that trivial route is Next.js's fixed cost per request (HTTP, routing, request
// and response adaptation), so the gate's own cost is the difference (--no-baseline skips it).
//
// Build first (the server serves .next): node -e "import('./scripts/build-if-needed.mjs').then(m=>m.buildIfNeeded())"
import { benchArg } from "./bench/args";
import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb, closeDb } from "@/lib/db/client";
import { closedLoop, describeTally, paced, tally } from "./bench/pipelines";
import { seedGateBench } from "./bench/seed-gate";
import { migrateAndSeedCached, settleAsServed, withBenchDatabases } from "./bench/seed-inventory";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => benchArg(name, fallback, args);
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
const RATE = Number(arg("rate", "200"));
const PACED_SECONDS = Number(arg("paced-seconds", "10"));
const PACED = Math.round(RATE * PACED_SECONDS);
const SERVERS = Number(arg("servers", "1"));
const root = path.resolve(import.meta.dirname, "..");

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
  // every request asks about another signer (a repeated deny would raise signer.gate-denied)
  const needed = REQUESTS + WARM_UP * SERVERS + PACED;
  const { sample, ...t } = await seedGateBench(db, { sample: Math.max(2_000, needed) });
  await settleAsServed(db, flavour);
  await closeDb(db);
  if (sample.length < needed)
    console.log(
      `${flavour}: ${sample.length} signers for ${needed} requests: signers are asked again, and a repeated denial raises signer.gate-denied (a costlier path than a first decision)`,
    );

  // one data directory for every server: they share the secret generated there
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-bench-gate-"));
  const bases = Array.from({ length: SERVERS }, (_, k) => `http://127.0.0.1:${PORT + k}`);
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const children: ReturnType<typeof spawn>[] = [];
  try {
    // one after the other: each start checks the migrations and the build
    for (const [k, base] of bases.entries()) {
      const child = spawn(process.execPath, [...profile, "scripts/start.mjs"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          DATABASE_URL: url,
          PORT: String(PORT + k),
          HOSTNAME: "127.0.0.1",
          SIGNET_BASE_URL: base,
          SIGNET_DATA_DIR: dataDir,
          SIGNET_JOBS: "off",
          NEXT_TELEMETRY_DISABLED: "1",
        },
      });
      children.push(child);
      await waitForHealth(base, child);
    }
    const ask = async (i: number) => {
      const s = sample[(i * 7919) % sample.length];
      const started = performance.now();
      const res = await fetch(`${bases[i % SERVERS]}/api/v1/gate`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
        body: JSON.stringify({ signer: s.name, environment: "production", action: "sign", triggeredBy: "bench" }),
      });
      const body = (await res.json()) as { decision?: string };
      if (!res.ok || !body.decision) throw new Error(`gate answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, decision: body.decision };
    };
    const health = async (i: number) => {
      const started = performance.now();
      const res = await fetch(`${bases[i % SERVERS]}/api/health`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`health answered ${res.status}`);
      return { ms: performance.now() - started, decision: "ok" };
    };
    // Warm-up, long enough for the JIT: the health route alone cost 2.3, 1.8, then 1.1-1.3 ms of CPU
    // per request over its first thousands (30 requests, the old warm-up, measured a cold server).
    // It asks about other signers than the run (the sample's 2,000 when both are 1,000): a signer
    // asked twice takes the repeated-deny path (raising signer.gate-denied), which the run should
    // meet only as often as the seed says.
    for (let i = 0; i < WARM_UP * SERVERS; i++) await ask(REQUESTS + i);
    for (let i = 0; i < WARM_UP * SERVERS && isBaselineMeasured; i++) await health(i);
    // 10 closed-loop pipelines: each sends its next request when its previous answer arrived. The
    // gate and the baseline take turns in blocks, so both meet the same load over the run.
    const serverPids = children.map((c) => c.pid);
    const gate = tally();
    const baseline = tally();
    const BLOCKS = 10;
    const baselineRequests = Math.max(BLOCKS, Math.round(REQUESTS / 2));
    const part = (total: number, b: number, blocks: number) => Math.floor((b * total) / blocks);
    for (let b = 0; b < BLOCKS; b++) {
      const block = { pipelines: PIPELINES, serverPids };
      await closedLoop(gate, ask, { ...block, from: part(REQUESTS, b, BLOCKS), to: part(REQUESTS, b + 1, BLOCKS) });
      if (isBaselineMeasured) {
        const [from, to] = [part(baselineRequests, b, BLOCKS), part(baselineRequests, b + 1, BLOCKS)];
        await closedLoop(baseline, health, { ...block, from, to });
      }
    }
    const label = SERVERS > 1 ? `${flavour} (${SERVERS} server processes)` : flavour;
    const load = `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
    console.log(
      `${label} closed loop (saturated): ${CERTS.toLocaleString("en")} certificates, ${SIGNERS.toLocaleString("en")} signers, ${REQUESTS} gate requests from ${PIPELINES} pipelines: ${describeTally(gate)} (${JSON.stringify(gate.outcomes)}; ${load})`,
    );
    if (isBaselineMeasured)
      console.log(
        `${label} closed loop (saturated): GET /api/health, ${baselineRequests} requests from ${PIPELINES} pipelines in turns with the gate (Next.js's fixed cost per request): ${describeTally(baseline)}`,
      );
    if (PACED > 0) {
      // paced: each pipeline asks every PIPELINES / RATE seconds, gate and baseline in turns
      const intervalMs = (1000 * PIPELINES) / RATE;
      const pacedGate = tally();
      const pacedBaseline = tally();
      const PACED_BLOCKS = 5;
      for (let b = 0; b < PACED_BLOCKS; b++) {
        const [from, to] = [part(PACED, b, PACED_BLOCKS), part(PACED, b + 1, PACED_BLOCKS)];
        const block = { pipelines: PIPELINES, intervalMs, serverPids, count: to - from };
        // the signers after those of the closed loop and the warm-up
        await paced(pacedGate, ask, { ...block, from: REQUESTS + WARM_UP * SERVERS + from });
        if (isBaselineMeasured) await paced(pacedBaseline, health, { ...block, from });
      }
      const pace = `${PIPELINES} pipelines each asking every ${intervalMs.toFixed(0)} ms (${RATE} requests/s)`;
      console.log(
        `${label} paced (open loop): ${PACED} gate requests, ${pace}: ${describeTally(pacedGate)} (${JSON.stringify(pacedGate.outcomes)}; load average ${os.loadavg()[0].toFixed(1)})`,
      );
      if (isBaselineMeasured)
        console.log(
          `${label} paced (open loop): GET /api/health, ${PACED} requests, ${pace}: ${describeTally(pacedBaseline)}`,
        );
    }
  } finally {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await withBenchDatabases(only, "bench:gate", bench);
process.exit(0);
