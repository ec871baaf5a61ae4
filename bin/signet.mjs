#!/usr/bin/env node
// `signet` bin: runs cli/signet.ts in THIS process, with this package's own tsx loader and
// tsconfig (so it works from any working directory: the "@/" alias resolves from the package).
// One process, not a wrapper and a child: a signal or a kill -9 aimed at `signet` stops the
// importer itself, and nothing is left writing behind a dead wrapper.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: join(packageDir, "tsconfig.json") });
await import(pathToFileURL(join(packageDir, "cli", "signet.ts")).href);
