// Worker-thread entry for parse-pool.ts. Plain .mjs so Node can start it without a TypeScript
// loader (under vitest or a bundler-less server); it registers tsx, then loads the TS worker body.
// When the parent already runs under tsx the registration is simply a second, harmless hook.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker-main.ts");
