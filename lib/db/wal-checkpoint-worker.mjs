// Worker-thread body of wal-checkpointer.ts: checkpoints a SQLite database's write-ahead log on its
// own connection, so the thread that answers requests never does. Plain .mjs with no TypeScript
// loader: it needs only better-sqlite3 and starts from the built server, tsx and vitest alike.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/** @type {{ file: string; intervalMs: number; retryMs: number; maxPasses: number }} */
const { file, intervalMs, retryMs, maxPasses } = workerData;
// no busy wait: a PASSIVE checkpoint never waits for a lock; one that found the log busy is retried
const db = new Database(file, { timeout: 0, fileMustExist: true });
let timer;

/**
 * PASSIVE copies the frames no reader still needs into the database file and syncs it, without
 * taking the write lock, so writers on other connections go on appending meanwhile. A writer rewinds
 * the log only when it begins with every frame copied, and the `log` a pass reports is the log's
 * length when it began: frames committed during the pass are left for the next. So passes follow
 * each other quickly until one finds the log no longer than the pass before it did (nothing committed
 * in between: all copied; or shorter: a writer rewound it already); the next commit then rewinds it.
 */
function checkpoint() {
  let previous = -1;
  const pass = (n) => {
    let delay = intervalMs;
    try {
      const [row] = db.pragma("wal_checkpoint(PASSIVE)");
      const isCaughtUp = !row.busy && row.checkpointed === row.log && (row.log <= previous || row.log === 0);
      if (!isCaughtUp && n < maxPasses) {
        previous = row.busy ? -1 : row.log;
        timer = setTimeout(() => pass(n + 1), retryMs);
        return;
      }
    } catch (error) {
      parentPort?.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
    }
    timer = setTimeout(checkpoint, delay);
  };
  pass(1);
}

parentPort?.on("message", (message) => {
  if (message !== "stop") return;
  clearTimeout(timer);
  db.close();
  parentPort?.close();
});
checkpoint();
