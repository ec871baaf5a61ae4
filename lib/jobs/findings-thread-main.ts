// Body of the findings thread (findings-thread.ts): its own database client, one whole-inventory
// evaluateFindings, the connection closed, then the result (or the error) for the caller, and the
// thread ends.
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, createDb } from "@/lib/db/client";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import type { FindingsThreadReply, FindingsThreadRequest } from "./findings-thread";

if (!parentPort) throw new Error("findings-thread-main.ts must run in a worker thread");
const port = parentPort;
const { url, nowIso } = workerData as FindingsThreadRequest;

// PostgreSQL: the sweep runs one statement at a time; two connections leave the server's pool alone
const db = createDb(url, { poolSize: 2 });
let reply: FindingsThreadReply;
try {
  reply = { type: "done", result: await evaluateFindings(db, { now: new Date(nowIso) }) };
} catch (error) {
  reply = {
    type: "failed",
    error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) },
  };
}
await closeDb(db).catch(() => {});
port.postMessage(reply);
