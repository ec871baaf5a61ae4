#!/usr/bin/env node
// Writes the two provider schemas from the single source (prisma/schema.base.prisma) and generates
// a Prisma client for each. The native schema engine cannot be downloaded on these machines and
// `prisma generate` does not need it, so the CLI is pointed at a harmless existing file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderProviderSchemas } from "./schema-source.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
let drift = false;
for (const { file, content } of renderProviderSchemas(root)) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  if (existing === content) continue;
  if (check) {
    console.error(
      `schema drift: ${path.relative(root, file)} differs from prisma/schema.base.prisma (run npm run db:generate)`,
    );
    drift = true;
    continue;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
if (check) process.exit(drift ? 1 : 0);

const prismaBin = path.join(root, "node_modules/.bin/prisma");
if (!fs.existsSync(prismaBin)) {
  console.error("prisma CLI not installed yet; skipping client generation");
  process.exit(0);
}
for (const provider of ["sqlite", "postgres"]) {
  const r = spawnSync(prismaBin, ["generate", "--schema", `prisma/${provider}/schema.prisma`], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout.toString() + r.stderr.toString());
    console.error(`prisma generate failed for ${provider}`);
    process.exit(1);
  }
}
console.log("prisma clients generated (sqlite, postgres)");
