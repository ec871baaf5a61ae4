// The gate's path in-process, without the built server: POST /api/v1/gate's handler (route(), token
// check, the service, the stored and audited decision) called by 10 concurrent callers on a seeded
// SQLite inventory (the seed cache of seed-inventory.ts). Prints the process's CPU per decision,
// the figure that compares between runs on a shared machine, and p50/p95. No build needed, so a
// change to the path can be compared before/after in minutes (bench:gate measures the real server).
//
//   npx tsx scripts/bench/gate-probe.ts [--certificates 20000] [--signers 2000] [--requests 500] [--pipelines 10]
//   --cpu-prof FILE: a V8 CPU profile of the measured requests alone (not the seed or the warm-up)
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { NextRequest } from "next/server";
import { createDb, closeDb } from "@/lib/db/client";
import { seedGateBench } from "./seed-gate";
import { migrateAndSeedCached } from "./seed-inventory";
import { benchArg } from "./args";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => benchArg(name, fallback, args);
const CERTS = Number(arg("certificates", "20000"));
const SIGNERS = Number(arg("signers", String(CERTS / 10)));
const REQUESTS = Number(arg("requests", "500"));
const PIPELINES = Number(arg("pipelines", "10"));
const cpuProfileFile = arg("cpu-prof", "");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-gate-probe-"));
const url = process.env.PROBE_URL ?? `file:${path.join(dir, "bench.db")}`;
if (!process.env.PROBE_URL)
  await migrateAndSeedCached("sqlite", url, {
    now: new Date(),
    certificates: CERTS,
    signers: SIGNERS,
    isCacheUsed: true,
  });
const db = createDb(url);
const { sample, token } = await seedGateBench(db);
await closeDb(db);
process.env.DATABASE_URL = url;
process.env.SIGNET_SECRET ??= "probe-secret-not-for-production-0123456789";
const { POST } = await import("@/app/api/v1/gate/route");
const decisions: Record<string, number> = {};
const ask = async (i: number) => {
  const s = sample[(i * 7919) % sample.length];
  const req = new NextRequest("http://localhost/api/v1/gate", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ signer: s.name, environment: "production", action: "sign", triggeredBy: "bench" }),
  });
  const t = performance.now();
  const res = await POST(req, { params: Promise.resolve({}) });
  const body = (await res.json()) as { decision?: string };
  if (!res.ok || !body.decision) throw new Error(JSON.stringify(body));
  decisions[body.decision] = (decisions[body.decision] ?? 0) + 1;
  return performance.now() - t;
};
for (let i = 0; i < 50; i++) await ask(i);
for (const k of Object.keys(decisions)) delete decisions[k];
const times: number[] = [];
let next = 0;
const profiler = cpuProfileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const cpu0 = process.cpuUsage();
const wall = performance.now();
await Promise.all(
  Array.from({ length: PIPELINES }, async () => {
    while (next < REQUESTS) times.push(await ask(next++));
  }),
);
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - wall) / 1000;
if (profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  fs.writeFileSync(cpuProfileFile, JSON.stringify(profile));
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(
  `probe ${CERTS} certs: cpu/decision ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(2)} ms (user ${(cpu.user / 1000 / REQUESTS).toFixed(2)}), p50 ${p(0.5)} p95 ${p(0.95)} ms, ${(REQUESTS / seconds).toFixed(0)}/s, ${JSON.stringify(decisions)}, load average ${os.loadavg()[0].toFixed(1)}`,
);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
