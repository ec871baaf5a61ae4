// Worker-thread entry for import-thread.ts (not import-thread.mjs: "./import-thread" would resolve
// to that). Plain .mjs so Node can start it without a TypeScript loader; it registers tsx with this
// package's tsconfig (the "@/" alias must resolve whatever the working directory), then loads the
// TS body.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tsconfig.json") });
await import("./import-thread-main.ts");
