#!/usr/bin/env node
// `npm test`: the whole suite. Unit tests, integration tests on SQLite (and PostgreSQL when
// TEST_POSTGRES_URL is set), then Playwright journeys in Debian's Chromium. Ends with one line
// "total: N passed, N failed" counted from the runners' JSON reports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "test-results");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const only = process.argv[2]; // unit | integration | e2e (optional)

function step(name, cmd, args) {
  console.log(`\n### ${name}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return r.status === 0;
}

const vitest = path.join(root, "node_modules/.bin/vitest");
let ok = true;
if (!only || only === "unit" || only === "integration") {
  // a few integration tests drive the built app behind scripts/server.mjs (and the e2e run reuses the build)
  if (only !== "unit") {
    console.log("\n### next build (if the sources changed)");
    buildIfNeeded();
  }
  const projects = only ? ["--project", only] : [];
  if (!process.env.TEST_POSTGRES_URL)
    console.log("integration: TEST_POSTGRES_URL not set, PostgreSQL tests skipped (SQLite only)");
  ok =
    step("vitest (unit + integration)", vitest, [
      "run",
      ...projects,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${path.join(out, "vitest.json")}`,
    ]) && ok;
}
if (!only || only === "e2e")
  ok = step("playwright (e2e)", process.execPath, [path.join(root, "scripts/e2e.mjs")]) && ok;

let passed = 0;
let failed = 0;
let skipped = 0;
// the names of what failed are printed again just above the total, so a log cut to its last
// lines (as CI reports keep it) still says which tests to look at
const failures = [];
const vitestReport = path.join(out, "vitest.json");
if (fs.existsSync(vitestReport)) {
  const r = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const file of r.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests) failures.push(`vitest ${rel} › ${t.fullName ?? t.title}`);
    if (file.status === "failed" && failedTests.length === 0)
      failures.push(`vitest ${rel}: ${String(file.message ?? "failed to run").split("\n")[0]}`);
  }
}
function e2eFailures(suite, flavour, titles = []) {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests ?? [])
      if (t.status === "unexpected" || t.status === "flaky")
        failures.push(
          `e2e ${flavour} ${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")} (${t.status})`,
        );
  for (const child of suite.suites ?? []) e2eFailures(child, flavour, suite.file ? [...titles] : titles);
}
for (const f of fs.readdirSync(out).filter((n) => /^e2e-.*\.json$/.test(n))) {
  const report = JSON.parse(fs.readFileSync(path.join(out, f), "utf8"));
  const s = report.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
  for (const suite of report.suites ?? []) e2eFailures(suite, f.replace(/^e2e-|\.json$/g, ""));
}
if (!ok && failed === 0) failed = 1; // a runner failed without reporting a test (crash, build error)
if (failures.length) console.log(`\nfailed:\n${failures.map((l) => `  ${l}`).join("\n")}`);
console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
