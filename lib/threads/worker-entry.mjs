// The one worker-thread entry (see startWorker in worker.ts). Plain .mjs so Node can start it
// without a TypeScript loader (the built server, vitest); it registers tsx, then loads the TS
// module the parent named as the last argument. When the parent already runs under tsx the
// registration is simply a second, harmless hook. tsx is given this package's tsconfig: found from
// the working directory instead, the "@/" alias failed whenever `signet import` ran outside the
// checkout, and every file came back unreadable.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tsconfig.json") });
await import(pathToFileURL(process.argv[process.argv.length - 1]).href);
