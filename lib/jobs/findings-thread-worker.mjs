// Worker-thread entry for findings-thread.ts. Plain .mjs so Node can start it without a TypeScript
// loader (the built server, vitest); it registers tsx with this package's tsconfig (the "@/" alias
// must resolve whatever the working directory), then loads the TS body, as parse-worker.mjs does.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tsconfig.json") });
await import("./findings-thread-main.ts");
