// Runs parseFilesInPool from a plain `tsx` process (not vitest); parse-pool.test.ts spawns it to
// prove the worker entry loads when the caller runs under tsx. Prints one JSON summary line.
//   npx tsx lib/x509/testing/pool-smoke.ts <dir-with-files>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFilesInPool } from "../parse-pool";

const dir = process.argv[2];
const names = readdirSync(dir).sort();
const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
const results = await parseFilesInPool(files, { minFilesForWorkers: 0, size: 2 });
console.log(
  JSON.stringify(
    results.map((r) => ({
      fileName: r.fileName,
      sha256: r.certificates.map((c) => c.sha256),
      errors: r.errors.map((e) => e.code),
    })),
  ),
);
