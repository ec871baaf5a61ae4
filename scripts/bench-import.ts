// npm run bench:import [-- --count 100000 [--batch 1000] [--no-postgres]]
// Generates N code-signing certificates, imports them into a fresh SQLite database (and a fresh
// PostgreSQL database when TEST_POSTGRES_URL is set) through the real import service with parsing
// on worker threads, then re-evaluates every finding. Prints, in one run: end-to-end
// certificates/s, the one-core parse rates of Signet's parser, @peculiar/x509's class and
// node:crypto's X509Certificate as baselines, the ratios, peak RSS and the re-evaluation time.
import "reflect-metadata";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import * as x509 from "@peculiar/x509";
import { createDb, type Db, closeDb } from "../lib/db/client";
import { createTestDatabase, testPostgresUrl } from "../lib/testing/databases";
import { importCertificates } from "../lib/services/import-certificates";
import { evaluateFindings } from "../lib/services/evaluate-findings";
import { parseCertificateFile } from "../lib/x509/parse-file";
import { ParsePool } from "../lib/x509/parse-pool";
import { createKeyPool, generateBulkLeaves } from "../lib/x509/testing/bulk-leaves";
import { createTestCas } from "../lib/x509/testing/test-ca";
import { readWithNodeCrypto } from "../lib/x509/testing/node-baseline";
import type { DatabaseFlavour } from "../lib/db/adapters";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    "no-postgres": { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const batch = Number(values.batch);
const DAY = 86_400_000;

let peakRss = 0;
let phasePeak = 0;
const rssTimer = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  phasePeak = Math.max(phasePeak, rss);
}, 100);
/** Peak RSS since the last call, in MB: says which phase holds the memory. */
const phaseRss = () => {
  const mb = Math.round(Math.max(phasePeak, process.memoryUsage().rss) / 1024 / 1024);
  phasePeak = 0;
  return `${mb} MB`;
};
rssTimer.unref();

const perSecond = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function generate(): Promise<Uint8Array[]> {
  const now = Date.now();
  const { root, intermediate: issuer } = await createTestCas({ key: "P-256", notBefore: new Date(now - 400 * DAY) });
  // realistic key reuse: most signers have their own key; renewals reuse some
  const keyPool = await createKeyPool(Math.min(5_000, count), "P-256");
  const ders = [root.der, issuer.der];
  for (const leaf of generateBulkLeaves({
    issuer,
    count,
    keyPool,
    notBefore: (i) => new Date(now - ((i * 7) % 700) * DAY),
    notAfter: (i) => new Date(now - ((i * 7) % 700) * DAY + 365 * DAY),
    crlUrls: ["http://crl.example.com/code-signing.crl"],
    ocspUrls: ["http://ocsp.example.com"],
    caIssuersUrls: ["http://pki.example.com/code-signing.cer"],
  })) {
    ders.push(leaf.der);
  }
  return ders;
}

function baselines(ders: Uint8Array[]) {
  const sample = ders.slice(0, Math.min(ders.length, 10_000));
  let t = performance.now();
  for (const d of sample) parseCertificateFile(d);
  const signet = perSecond(sample.length, performance.now() - t);

  const small = sample.slice(0, Math.min(sample.length, 1_000)); // the class is slow: a smaller sample
  t = performance.now();
  for (const d of small) {
    const c = new x509.X509Certificate(d.slice());
    void [c.subject, c.issuer, c.serialNumber, c.notBefore, c.notAfter, c.publicKey.algorithm, c.extensions.length];
  }
  const peculiar = perSecond(small.length, performance.now() - t);

  t = performance.now();
  for (const d of sample) readWithNodeCrypto(d);
  const node = perSecond(sample.length, performance.now() - t);
  return { signet, peculiar, node };
}

async function importInto(flavour: DatabaseFlavour, ders: Uint8Array[]) {
  const database = await createTestDatabase(flavour);
  const db: Db = createDb(database.url);
  try {
    const now = new Date();
    const pool = new ParsePool();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let imported = 0;
    let failed = 0;
    const batches: { name: string; bytes: Uint8Array }[][] = [];
    for (let i = 0; i < ders.length; i += batch)
      batches.push(ders.slice(i, i + batch).map((bytes, j) => ({ name: `cert-${i + j}.der`, bytes })));
    // as the CLI does: the workers parse batch k+1 while this thread stores batch k
    const parse = (k: number) => {
      const parsing = pool.parse(batches[k]);
      parsing.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      return parsing;
    };
    let next = batches.length > 0 ? parse(0) : null;
    try {
      for (let k = 0; k < batches.length; k++) {
        const parsing = next!;
        next = k + 1 < batches.length ? parse(k + 1) : null;
        const result = await importCertificates(
          db,
          { files: batches[k], actor: { type: "system", label: "bench" }, source: "cli" },
          { now, isEvaluating: false, parseFiles: () => parsing, limits: { maxCertificatesPerRequest: batch * 2 } },
        );
        for (const r of result.files) {
          if (r.status === "imported") imported++;
          else if (r.status !== "already-known") failed++;
        }
        if (k % 20 === 0)
          process.stderr.write(`\r  ${flavour}: ${fmt(k * batch + batches[k].length)} / ${fmt(ders.length)} files`);
      }
    } finally {
      await pool.close();
    }
    process.stderr.write("\n");
    const importMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const importCpuMs = (cpu.user + cpu.system) / 1000; // every thread of the process: main and parse workers
    const importRss = phaseRss();
    const evalStarted = performance.now();
    const evalCpuStarted = process.cpuUsage();
    const evaluation = await evaluateFindings(db, { now });
    const evalMs = performance.now() - evalStarted;
    const evalCpu = process.cpuUsage(evalCpuStarted);
    const evalCpuMs = (evalCpu.user + evalCpu.system) / 1000;
    return { imported, failed, importMs, importCpuMs, importRss, evalMs, evalCpuMs, evalRss: phaseRss(), evaluation };
  } finally {
    await closeDb(db);
    await database.cleanup();
  }
}

async function main() {
  console.log(`bench:import — ${fmt(count)} certificates, batches of ${batch} files, Node ${process.version}`);
  const genStarted = performance.now();
  const ders = await generate();
  console.log(
    `generated ${fmt(ders.length)} certificates in ${((performance.now() - genStarted) / 1000).toFixed(1)} s (peak RSS ${phaseRss()})`,
  );

  const base = baselines(ders);
  console.log(
    `parse rate, one core: Signet parser ${fmt(base.signet)}/s · @peculiar/x509 X509Certificate ${fmt(base.peculiar)}/s · node:crypto X509Certificate ${fmt(base.node)}/s (peak RSS ${phaseRss()})`,
  );

  const flavours: DatabaseFlavour[] = [
    "sqlite",
    ...(testPostgresUrl() && !values["no-postgres"] ? (["postgres"] as const) : []),
  ];
  for (const flavour of flavours) {
    const r = await importInto(flavour, ders);
    const e2e = perSecond(r.imported, r.importMs);
    console.log(
      `${flavour}: imported ${fmt(r.imported)} (${r.failed} failed) in ${(r.importMs / 1000).toFixed(1)} s = ${fmt(e2e)} certificates/s end to end ` +
        `(target ≥ 1,500/s on SQLite) · ratio to one-core parse ${(e2e / base.signet).toFixed(2)}, to node:crypto ${(e2e / base.node).toFixed(2)}`,
    );
    console.log(
      `${flavour}: import used ${(r.importCpuMs / 1000).toFixed(1)} CPU s (all threads) = ${fmt(perSecond(r.imported, r.importCpuMs))} certificates per CPU second; ` +
        `CPU-bound ceiling on 2 idle cores ${fmt(perSecond(r.imported, r.importCpuMs) * Math.min(2, availableParallelism()))}/s`,
    );
    console.log(`${flavour}: peak RSS importing ${r.importRss}, re-evaluating ${r.evalRss}`);
    console.log(
      `${flavour}: re-evaluated all findings in ${(r.evalMs / 1000).toFixed(1)} s wall, ${(r.evalCpuMs / 1000).toFixed(1)} CPU s (target ≤ 10 s for 100,000 certificates) — ${JSON.stringify({ created: r.evaluation.created, resolved: r.evaluation.resolved })}`,
    );
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    `peak RSS ${fmt(peakRss / 1024 / 1024)} MB (main thread and workers; target ≤ 1 GB); load average ${(
      await import("node:os")
    )
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
