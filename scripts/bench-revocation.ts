// Revocation-check throughput against local responders.
//   npx tsx scripts/bench-revocation.ts [--certs 10000] [--responders 20] [--concurrency 64]
//     [--per-host 4] [--delay-ms 2] [--no-db]
// Starts N test CAs with OCSP + CRL responders on 127.0.0.1 (random ports, in a child process so
// their signing does not share this event loop), issues the leaves
// round-robin (80 % OCSP + CRL, 20 % CRL only, 1 % revoked), then measures
//   1. the checker alone (RevocationChecker), and
//   2. the whole service (checkRevocation) on a fresh migrated SQLite database, writes included.
import "reflect-metadata";
import { fork } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { sqliteFilePath } from "@/lib/db/adapters";
import { createDb, closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { RevocationChecker, type CheckTarget } from "@/lib/revocation/check";
import type { ReadyMessage, StartMessage } from "@/lib/revocation/testing/responder-process";
import { checkRevocation } from "@/lib/services/check-revocation";

const { values } = parseArgs({
  options: {
    certs: { type: "string", default: "10000" },
    responders: { type: "string", default: "20" },
    concurrency: { type: "string", default: "64" },
    "per-host": { type: "string", default: "4" },
    "delay-ms": { type: "string", default: "2" },
    "no-db": { type: "boolean", default: false },
  },
});
const certs = Number(values.certs);
const responderCount = Number(values.responders);
const concurrency = Number(values.concurrency);
const perHostConcurrency = Number(values["per-host"]);
const delayMs = Number(values["delay-ms"]);
const fetch = { allowHosts: ["127.0.0.1"], timeoutMs: 10_000 };

type Leaf = CheckTarget & { serialHex: string; responder: number };
type Responder = ReadyMessage["responders"][number] & { caDer: Uint8Array };

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;

async function setUp(): Promise<{ responders: Responder[]; leaves: Leaf[] }> {
  const started = performance.now();
  child.send({ type: "start", responders: responderCount, certs, delayMs, revokedEvery: 100 } satisfies StartMessage);
  const ready = await new Promise<ReadyMessage>((resolve) => child.once("message", (m) => resolve(m as ReadyMessage)));
  const responders = ready.responders.map((r) => ({ ...r, caDer: new Uint8Array(Buffer.from(r.caDerBase64, "base64")) }));
  const leaves: Leaf[] = ready.leaves.map((l) => ({
    der: new Uint8Array(Buffer.from(l.derBase64, "base64")),
    issuerDer: responders[l.responder].caDer,
    ocspUrls: l.hasOcsp ? [responders[l.responder].ocspUrl] : [],
    crlUrls: [responders[l.responder].crlUrl],
    serialHex: l.serialHex,
    responder: l.responder,
  }));
  console.log(`set-up: ${responders.length} responders (child process), ${leaves.length.toLocaleString("en-US")} certificates in ${Math.round(performance.now() - started)} ms`);
  return { responders, leaves };
}

async function responderStats(): Promise<{ maxConcurrent: number; cpuMs: number }> {
  child.send({ type: "stats" });
  return new Promise((resolve) => child.once("message", (msg) => resolve(msg as { maxConcurrent: number; cpuMs: number })));
}

async function benchChecker(leaves: Leaf[]) {
  const checker = new RevocationChecker({ now: new Date(), concurrency, perHostConcurrency, fetch });
  const before = await responderStats();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.all(leaves.map((l) => checker.check(l)));
  const ms = performance.now() - started;
  const clientCpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
  const after = await responderStats();
  const outcomes: Record<string, number> = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const stats = checker.scheduler.stats();
  console.log("\n1. checker only (RevocationChecker)");
  console.log(`   ${leaves.length.toLocaleString("en-US")} certificates in ${Math.round(ms)} ms = ${rate(leaves.length, ms)}`);
  console.log(`   outcomes ${JSON.stringify(outcomes)}; HTTP requests ${stats.requests}; CRL downloads ${checker.crls.stats().fetched}`);
  console.log(`   max in flight: ${stats.maxInFlight} overall (limit ${concurrency}), ${Math.max(...Object.values(stats.maxInFlightByHost))} per host (limit ${perHostConcurrency}); responders saw at most ${after.maxConcurrent} concurrent`);
  console.log(`   CPU: checker ${clientCpuMs} ms (${(clientCpuMs / leaves.length).toFixed(2)} ms/certificate), responders ${after.cpuMs - before.cpuMs} ms`);
  const firstError = results.find((r) => r.outcome === "error");
  if (firstError) console.log(`   first error: ${firstError.outcome === "error" ? firstError.error : ""}`);
}

async function benchService(responders: Responder[], leaves: Leaf[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-bench-revocation-"));
  const url = `file:${path.join(dir, "signet.db")}`;
  try {
    await applyMigrations({ url });
    // Seeding straight through better-sqlite3, stored the way Prisma stores values (ISO text dates,
    // 0/1 booleans, BLOB bytes): the benchmark measures the check, not the seeding.
    const sqlite = new Database(sqliteFilePath(url));
    const stamp = new Date().toISOString().replace("Z", "+00:00");
    const keyId = "bench-key";
    const caIds = new Map<number, string>();
    sqlite.transaction(() => {
      sqlite.prepare(`INSERT INTO "SigningKey" (id, spkiSha256, algorithm, firstSeenAt, updatedAt) VALUES (?, 'bench', 'EC', ?, ?)`).run(keyId, stamp, stamp);
      const cert = sqlite.prepare(
        `INSERT INTO "Certificate" (id, sha256, sha1, der, subject, subjectCn, issuer, serialHex, notBefore, notAfter, keyAlgorithm, signatureAlgorithm,
           isCA, isSelfSigned, ocspUrlsJson, crlUrlsJson, keyId, issuerCertId, importedAt)
         VALUES (@id, @sha256, @sha1, @der, @subject, @subjectCn, @issuer, @serialHex, @notBefore, @notAfter, @keyAlgorithm, @signatureAlgorithm,
           @isCA, @isSelfSigned, @ocspUrlsJson, @crlUrlsJson, @keyId, @issuerCertId, @importedAt)`,
      );
      const insert = (row: ReturnType<typeof certRow>) => {
        const id = `c${randomUUID().replaceAll("-", "")}`;
        cert.run({
          ...row,
          id,
          der: Buffer.from(row.der),
          notBefore: row.notBefore.toISOString().replace("Z", "+00:00"),
          notAfter: row.notAfter.toISOString().replace("Z", "+00:00"),
          isCA: row.isCA ? 1 : 0,
          isSelfSigned: row.isSelfSigned ? 1 : 0,
          issuerCertId: row.issuerCertId ?? null,
          importedAt: stamp,
        });
        return id;
      };
      for (const [i, r] of responders.entries()) caIds.set(i, insert(certRow(r.caDer, `CA ${i}`, keyId, { isCA: true })));
      let n = 0;
      for (const l of leaves) {
        insert(certRow(l.der, `leaf ${n++}`, keyId, { issuerCertId: caIds.get(l.responder), ocspUrls: l.ocspUrls, crlUrls: l.crlUrls, serialHex: l.serialHex }));
      }
    })();
    sqlite.close();
    const db = createDb(url);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await checkRevocation(db, { now: new Date(), concurrency, perHostConcurrency, fetchOptions: fetch });
    const ms = performance.now() - started;
    const cpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
    console.log("\n2. service (checkRevocation, SQLite, results stored)");
    console.log(`   ${summary.checked.toLocaleString("en-US")} certificates in ${Math.round(ms)} ms = ${rate(summary.checked, ms)}`);
    const { maxInFlightByHost, ...rest } = summary;
    console.log(`   ${JSON.stringify(rest)}`);
    console.log(`   max in flight per host: ${Math.max(...Object.values(maxInFlightByHost))} (limit ${perHostConcurrency})`);
    console.log(`   CPU: service ${cpuMs} ms (${(cpuMs / summary.checked).toFixed(2)} ms/certificate, database writes included)`);
    const again = await checkRevocation(db, { now: new Date(Date.now() + 3_600_000), concurrency, perHostConcurrency, fetchOptions: fetch });
    console.log(`   re-run an hour later: ${again.checked} due (expected 0)`);
    await closeDb(db);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function certRow(
  der: Uint8Array,
  label: string,
  keyId: string,
  opts: { isCA?: boolean; issuerCertId?: string; ocspUrls?: string[]; crlUrls?: string[]; serialHex?: string },
) {
  return {
    sha256: createHash("sha256").update(der).digest("hex"),
    sha1: createHash("sha1").update(der).digest("hex"),
    der: Uint8Array.from(der),
    subject: `CN=${label}`,
    subjectCn: label,
    issuer: "CN=bench",
    serialHex: opts.serialHex ?? "01",
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    keyAlgorithm: "EC",
    signatureAlgorithm: "ecdsa-with-SHA256",
    isCA: opts.isCA ?? false,
    isSelfSigned: opts.isCA ?? false,
    ocspUrlsJson: JSON.stringify(opts.ocspUrls ?? []),
    crlUrlsJson: JSON.stringify(opts.crlUrls ?? []),
    keyId,
    issuerCertId: opts.issuerCertId,
  };
}

const child = fork(path.join(import.meta.dirname, "../lib/revocation/testing/responder-process.ts"), { execArgv: ["--import", "tsx"] });
try {
  const { responders, leaves } = await setUp();
  await benchChecker(leaves);
  if (!values["no-db"]) await benchService(responders, leaves);
} finally {
  child.send({ type: "stop" });
}
// wall-clock figures depend on what else runs on the machine; CPU per certificate much less so
console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
process.exit(0);
