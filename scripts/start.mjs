#!/usr/bin/env node
// `npm start`: check configuration and migrate (scripts/prepare.ts), build when the sources
// changed since the last build, then serve (scripts/server.mjs, in this process). `--dev` runs
// `next dev` instead.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const isDev = process.argv.includes("--dev");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// `next start` always sets NODE_ENV=production inside the server. Only an operator who set it
// themselves runs a production deployment (explicit secret required); otherwise this is a local
// install and the generated secret in the data directory is fine.
if (process.env.NODE_ENV !== "production" && !process.env.SIGNET_ENV) env.SIGNET_ENV = "local";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

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
  for (const f of ["next.config.js", "package-lock.json", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json"]) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) hash.update(`${f}:${fs.statSync(p).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

run(bin("tsx"), ["scripts/prepare.ts"]);

const port = process.env.PORT ?? "3000";
if (isDev) {
  const child = spawn(bin("next"), ["dev", "-p", port], { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  const stamp = path.join(root, ".next", "signet-build-hash");
  const hash = sourceHash();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash;
  if (!built) {
    console.log("signet: building the dashboard (first start or changed sources)…");
    run(bin("next"), ["build"]);
    fs.writeFileSync(stamp, hash);
  }
  // serve in this process (scripts/server.mjs): a signal to `npm start` reaches the server itself,
  // with no child left behind (package.json runs this file with `exec`, so no shell sits between)
  Object.assign(process.env, env);
  process.env.NODE_ENV = "production";
  const { startServer } = await import("./server.mjs");
  await startServer({ port: Number(port), hostname: process.env.HOSTNAME || undefined });
}
