// Audit chain benchmark: seeds a chained audit log of 1,000,000 events into a fresh SQLite file
// (and a fresh PostgreSQL database when TEST_POSTGRES_URL is set), then times `signet audit
// verify`'s walk over it, beside a node:crypto baseline: the same two SHA-256 per event over the
// same bytes, with no database. Target (issue 14): 1M events verified in under a minute.
//
//   npm run bench:audit
//   npm run bench:audit -- --events 200000 --only sqlite
import "reflect-metadata";
import { hash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { closeDb, createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { canonicalContent, readChainPage } from "@/lib/db/audit/chain";
import { verifyAuditChain } from "@/lib/services/verify-audit-chain";
import { seedAuditChain } from "./bench/seed-audit";
import { withBenchDatabases } from "./bench/seed-inventory";
import { benchArg } from "./bench/args";

const EVENTS = Number(benchArg("events", "1000000"));
const only = process.env.TEST_POSTGRES_URL ? benchArg("only", "") : "sqlite";
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")}/s`;

/** Two SHA-256 per event (content, then link) over the stored events' bytes, nothing else. */
function hashBaseline(samples: string[], count: number): number {
  const t = performance.now();
  let prev = "0".repeat(64);
  for (let i = 0; i < count; i++) {
    const content = hash("sha256", samples[i % samples.length], "hex");
    prev = hash("sha256", `${prev}${content}${i + 1}`, "hex");
  }
  return performance.now() - t;
}

async function main() {
  await withBenchDatabases(only, "bench:audit", async (flavour, url) => {
    await applyMigrations({ url });
    const db = createDb(url);
    try {
      const t0 = performance.now();
      let shown = 0;
      await seedAuditChain(db, EVENTS, (done) => {
        if (done - shown >= 200_000 || done === EVENTS) {
          process.stderr.write(`  ${flavour}: seeded ${done.toLocaleString("en")}\n`);
          shown = done;
        }
      });
      const seedMs = performance.now() - t0;
      const samples = (await readChainPage(db, { afterSeq: 0, limit: 1_000 })).map(canonicalContent);
      const cpu0 = process.cpuUsage();
      const t1 = performance.now();
      const report = await verifyAuditChain(db);
      const verifyMs = performance.now() - t1;
      const cpu = process.cpuUsage(cpu0);
      if (!report.isIntact || report.checked !== EVENTS)
        throw new Error(`verify did not pass: ${JSON.stringify(report)}`);
      const baselineMs = hashBaseline(samples, EVENTS);
      console.log(
        [
          `${flavour}: ${EVENTS.toLocaleString("en")} events seeded in ${(seedMs / 1000).toFixed(1)} s`,
          `  verify: ${(verifyMs / 1000).toFixed(2)} s wall (${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU in this process), ${rate(EVENTS, verifyMs)} — target 1M < 60 s: ${EVENTS >= 1_000_000 ? (verifyMs < 60_000 ? "met" : "NOT met") : "scale --events to 1000000 to judge"}`,
          `  node:crypto baseline (2 × SHA-256 per event, no database): ${(baselineMs / 1000).toFixed(2)} s, ${rate(EVENTS, baselineMs)}; verify/baseline time ratio ${(verifyMs / baselineMs).toFixed(2)}`,
        ].join("\n"),
      );
    } finally {
      await closeDb(db);
    }
  });
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
