#!/usr/bin/env node
// Runs the Playwright suite in Debian's Chromium against a freshly started Signet, once on a new
// SQLite database and, when TEST_POSTGRES_URL is set, once more on a new PostgreSQL database.
import { spawnSync } from "node:child_process";
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

function runPlaywright(flavour, env) {
  console.log(`\n=== e2e on ${flavour} ===`);
  const r = spawnSync(path.join(root, "node_modules/.bin/playwright"), ["test", ...extraArgs], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, E2E_FLAVOUR: flavour, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" },
  });
  results.push({ flavour, ok: r.status === 0 });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-e2e-sqlite-"));
runPlaywright("sqlite", {
  SIGNET_DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "signet.db")}`,
  E2E_PORT: String(basePort),
});
fs.rmSync(dataDir, { recursive: true, force: true });

if (process.env.TEST_POSTGRES_URL) {
  const pgDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-e2e-pg-"));
  await withPostgresDatabase(process.env.TEST_POSTGRES_URL, async (url) =>
    runPlaywright("postgres", { SIGNET_DATA_DIR: pgDataDir, DATABASE_URL: url, E2E_PORT: String(basePort + 1) }),
  );
  fs.rmSync(pgDataDir, { recursive: true, force: true });
} else {
  console.log("e2e: TEST_POSTGRES_URL not set, PostgreSQL journey skipped");
}

process.exit(results.every((r) => r.ok) ? 0 : 1);
