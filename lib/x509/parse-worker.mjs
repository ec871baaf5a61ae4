// Worker-thread entry for parse-pool.ts. Plain .mjs so Node can start it without a TypeScript
// loader (under vitest or a bundler-less server); it registers tsx, then loads the TS worker body.
// When the parent already runs under tsx the registration is simply a second, harmless hook.
// tsx is given this package's tsconfig: found from the working directory instead, the "@/" alias
// failed whenever `signet import` ran outside the checkout, and every file came back unreadable.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tsconfig.json") });
await import("./parse-worker-main.ts");
