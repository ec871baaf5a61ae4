// Worker-thread entry for fuzz.test.ts. Plain .mjs so Node can start it without a TypeScript
// loader; it registers tsx, then loads the TS worker body (as lib/x509/parse-worker.mjs does).
import { register } from "tsx/esm/api";

register();
await import("./fuzz-worker-main.ts");
