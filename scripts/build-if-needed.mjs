// Builds the dashboard (`next build`) when the sources changed since the last build. Used by
// `npm start` and by `npm test` (the integration tests that drive the built app need a build).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
  for (const f of ["next.config.js", "package-lock.json", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json"]) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) hash.update(`${f}:${fs.statSync(p).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Runs `next build` unless .next holds a build of exactly these sources; exits the process if the build fails. */
export function buildIfNeeded(env = process.env) {
  const stamp = path.join(root, ".next", "signet-build-hash");
  const hash = sourceHash();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash;
  if (built) return;
  console.log("signet: building the dashboard (first start or changed sources)…");
  const r = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(stamp, hash);
}
