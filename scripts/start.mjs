#!/usr/bin/env node
// `npm start`: check configuration and migrate (scripts/prepare.ts), build when the sources
// changed since the last build, then serve (scripts/server.mjs, in this process). `--dev` runs
// `next dev` instead.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfNeeded } from "./build-if-needed.mjs";

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

run(bin("tsx"), ["scripts/prepare.ts"]);

const port = process.env.PORT ?? "3000";
if (isDev) {
  const child = spawn(bin("next"), ["dev", "-p", port], { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  buildIfNeeded(env);
  // serve in this process (scripts/server.mjs): a signal to `npm start` reaches the server itself,
  // with no child left behind (package.json runs this file with `exec`, so no shell sits between)
  Object.assign(process.env, env);
  process.env.NODE_ENV = "production";
  const { startServer } = await import("./server.mjs");
  await startServer({ port: Number(port), hostname: process.env.HOSTNAME || undefined });
}
