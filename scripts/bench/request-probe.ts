// Requests served while bench:findings runs the findings job: a small HTTP server in the benchmark's
// process (so it shares the process, and the event loop and database client with a job run on the
// calling thread, as the web server does when the scheduler runs in-process) answering page-like
// reads and a small audited-style write, and a client in another process (http-probe.mjs) asking
// every 100 ms.
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { withTransaction, type Db } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { createSetting, deleteSetting } from "@/lib/db/settings/settings";
import { certificateFiltersSchema, findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";

const ADMIN = { role: "admin" as const, personId: null };

/** The routes: the findings list's first page, the certificates list's first page, a one-row write in a transaction. */
async function serve(db: Db, url: string, i: number): Promise<unknown> {
  const now = new Date();
  if (url === "/findings") return (await listFindingPage(db, ADMIN, parseFilters(findingFiltersSchema, {}), now)).total;
  if (url === "/certificates")
    return (await listCertificatePage(db, ADMIN, parseFilters(certificateFiltersSchema, {}), now)).total;
  await withTransaction(db, async (tx) => {
    await createSetting(tx, `bench.probe.${i}`, i);
    await deleteSetting(tx, `bench.probe.${i}`);
  });
  return 1;
}

export type ProbeStats = {
  requests: number;
  failures: number;
  p50: number;
  p95: number;
  max: number;
  /** the server's longest event-loop stall while the probe ran */
  loopMaxMs: number;
  byRoute: Record<string, { p50: number; p95: number }>;
};

const quantile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** Starts the server; `probe()` runs the client until the returned stop function is called. */
export async function startRequestServer(db: Db) {
  let i = 0;
  const server = http.createServer((req, res) => {
    serve(db, req.url ?? "/", i++).then(
      (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)),
      (error) => {
        console.error("probe request failed:", error);
        res.writeHead(500).end();
      },
    );
  });
  // BENCH_PORT: a fixed port where only some are free to use (default: any free port)
  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const routes = ["/findings", "/certificates", "/write"];

  function probe(intervalMs = 100) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const here = path.dirname(fileURLToPath(import.meta.url));
    const child = fork(
      path.join(here, "http-probe.mjs"),
      [JSON.stringify(routes.map((r) => base + r)), String(intervalMs)],
      {
        execArgv: [],
      },
    );
    return () =>
      new Promise<ProbeStats>((resolve, reject) => {
        child.once("message", (m) => {
          loop.disable();
          const { samples, failures, unanswered } = m as {
            samples: { url: string; ms: number }[];
            failures: number;
            unanswered: number;
          };
          const all = samples.map((s) => s.ms).sort((a, b) => a - b);
          const byRoute = Object.fromEntries(
            routes.map((r) => {
              const s = samples
                .filter((x) => x.url.endsWith(r))
                .map((x) => x.ms)
                .sort((a, b) => a - b);
              return [r, { p50: quantile(s, 0.5), p95: quantile(s, 0.95) }];
            }),
          );
          resolve({
            requests: all.length,
            failures: failures + unanswered,
            p50: quantile(all, 0.5),
            p95: quantile(all, 0.95),
            max: all[all.length - 1] ?? 0,
            loopMaxMs: loop.max / 1e6,
            byRoute,
          });
        });
        child.once("error", reject);
        child.send("stop");
      });
  }

  return { probe, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs `work` with the probe beside it. */
export async function withProbe<T>(
  server: Awaited<ReturnType<typeof startRequestServer>>,
  work: () => Promise<T>,
): Promise<{ result: T; probe: ProbeStats }> {
  const stop = server.probe();
  // let the client start before the work does
  await new Promise((r) => setTimeout(r, 300));
  const result = await work();
  return { result, probe: await stop() };
}

/** The probe alone for `ms`: request latencies with nothing else running. */
export async function idleProbe(server: Awaited<ReturnType<typeof startRequestServer>>, ms: number) {
  return (await withProbe(server, () => new Promise((r) => setTimeout(r, ms)))).probe;
}

/**
 * A fixed amount of CPU work (20,000 SHA-256 digests of 1 KiB with node:crypto), timed: on a shared
 * machine every figure is best read as a multiple of this, measured in the same run.
 */
export function cryptoBaselineMs(): number {
  const data = Buffer.alloc(1024, 7);
  const t = performance.now();
  for (let i = 0; i < 20_000; i++) createHash("sha256").update(data).digest();
  return performance.now() - t;
}

/** The database's plan for a query (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN), one line. */
export async function queryPlan(db: Db, flavour: "sqlite" | "postgres", sql: string, ...values: unknown[]) {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `${flavour === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN"} ${sql}`,
    ...values,
  );
  return rows
    .map((r) => String(flavour === "sqlite" ? r.detail : r["QUERY PLAN"]).trim())
    .filter(Boolean)
    .join(" | ");
}
