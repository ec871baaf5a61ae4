// Builds the dashboard (`next build`) when the sources changed since the last build. Used by
// `npm start` and by `npm test` (the integration tests that drive the built app need a build).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeDarkPalette } from "./dark-palette.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// a fingerprint of everything that goes into the build
function sourceHash() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const s = fs.statSync(p);
        hash.update(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ["app", "components", "lib"]) walk(path.join(root, d));
  for (const f of [
    "next.config.js",
    "package-lock.json",
    "proxy.ts",
    "instrumentation.ts",
    "postcss.config.mjs",
    "tsconfig.json",
  ]) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) hash.update(`${f}:${fs.statSync(p).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

// One build at a time per checkout: test files running side by side (and `npm start`, the e2e
// server) may all ask at once; the others wait, then find the build done. A lock left by a process
// that died is taken over.
const lockDir = path.join(
  os.tmpdir(),
  `signet-build-${createHash("sha256").update(root).digest("hex").slice(0, 16)}.lock`,
);
const LOCK_GRACE_MS = 10_000;

function isLockHeld() {
  let pid = NaN;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
  } catch {
    // not written yet (or the lock is gone): judged by the directory's age below
  }
  // no pid yet: its owner has only just made the directory
  if (!Number.isInteger(pid) || pid <= 0)
    return Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0) < LOCK_GRACE_MS;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // alive, someone else's
  }
}

function withBuildLock(fn) {
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (isLockHeld()) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    else fs.rmSync(lockDir, { recursive: true, force: true });
  }
  try {
    fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Runs `next build` unless .next holds a build of exactly these sources; exits the process if the build fails. */
export function buildIfNeeded(env = process.env) {
  const stamp = path.join(root, ".next", "signet-build-hash");
  const isBuilt = (hash) =>
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, "utf8") === hash;
  // the generated stylesheet is brought up to date first, so the fingerprint is of what Next will compile
  writeDarkPalette();
  if (isBuilt(sourceHash())) return;
  const status = withBuildLock(() => {
    // another process may have built these sources while this one waited
    const hash = sourceHash();
    if (isBuilt(hash)) return 0;
    console.log("signet: building the dashboard (first start or changed sources)…");
    const r = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (r.status === 0) fs.writeFileSync(stamp, hash);
    return r.status ?? 1;
  });
  if (status !== 0) process.exit(status);
}
