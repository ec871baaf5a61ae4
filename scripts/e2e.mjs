#!/usr/bin/env node
// Runs the Playwright suite in Debian's Chromium against a freshly started Signet, once on a new
// SQLite database and, when TEST_POSTGRES_URL is set, once more on a new PostgreSQL database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(
    `e2e: Chromium not found at ${chromium}. Install Debian's package: apt-get update && apt-get install -y chromium`,
  );
  process.exit(1);
}

const extraArgs = process.argv.slice(2);
// E2E_BASE_PORT moves the servers (app on base / base+1, and the test's own SMTP/OIDC servers
// derived from those) so two checkouts can run the suite side by side
const basePort = Number(process.env.E2E_BASE_PORT ?? 3100);
const results = [];

async function withPostgresDatabase(baseUrl, fn) {
  const u = new URL(baseUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(u.hostname))
    throw new Error(`refusing to use non-local PostgreSQL ${u.hostname} for e2e`);
  const name = `signet_e2e_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }
}

// Both flavours run at once (E2E_SERIAL=1: one after the other): each has its own server, database,
// ports and result folder, and together they take the time of the longer (SQLite runs the full
// responsive matrix) instead of the sum. Each line of the list reporter names its flavour.
const isSerial = process.env.E2E_SERIAL === "1";

function runPlaywright(flavour, env) {
  console.log(`\n=== e2e on ${flavour}${isSerial ? "" : " (beside the other flavour)"} ===`);
  const child = spawn(path.join(root, "node_modules/.bin/playwright"), ["test", ...extraArgs], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, E2E_FLAVOUR: flavour, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`e2e ${flavour}: playwright did not start: ${error.message}`);
      results.push({ flavour, ok: false });
      resolve();
    });
    child.on("exit", (code) => {
      results.push({ flavour, ok: code === 0 });
      resolve();
    });
  });
}

async function runSqlite() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-e2e-sqlite-"));
  try {
    await runPlaywright("sqlite", {
      SIGNET_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "signet.db")}`,
      E2E_PORT: String(basePort),
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres() {
  const pgDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-e2e-pg-"));
  try {
    await withPostgresDatabase(process.env.TEST_POSTGRES_URL, (url) =>
      runPlaywright("postgres", { SIGNET_DATA_DIR: pgDataDir, DATABASE_URL: url, E2E_PORT: String(basePort + 1) }),
    );
  } finally {
    fs.rmSync(pgDataDir, { recursive: true, force: true });
  }
}

const runs = [runSqlite];
if (process.env.TEST_POSTGRES_URL) runs.push(runPostgres);
else console.log("e2e: TEST_POSTGRES_URL not set, PostgreSQL journey skipped");
if (isSerial) for (const run of runs) await run();
else await Promise.all(runs.map((run) => run()));

for (const r of results) if (!r.ok) console.log(`e2e on ${r.flavour}: failed`);
process.exit(results.length === runs.length && results.every((r) => r.ok) ? 0 : 1);
