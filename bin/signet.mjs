#!/usr/bin/env node
// `signet` bin: runs cli/signet.ts with this package's own tsx and tsconfig, so it works from
// any working directory (tsx would otherwise look for tsconfig.json, and the "@/" alias, in cwd).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(packageDir, "package.json"));
const tsxCli = require.resolve("tsx/cli");

const child = spawn(
  process.execPath,
  [tsxCli, "--tsconfig", join(packageDir, "tsconfig.json"), join(packageDir, "cli", "signet.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
