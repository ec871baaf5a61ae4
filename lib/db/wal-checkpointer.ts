import { Worker } from "node:worker_threads";
import { workerFileUrl } from "@/lib/threads/worker";
import { databaseFlavour, resolveDatabaseUrl, sqliteFilePath, walCheckpointThread } from "./adapters";

// SQLite in WAL mode checkpoints on the connection whose commit takes the log past
// wal_autocheckpoint pages (1,000 by default): it copies the log into the database file and
// fsyncs both, inside that commit, on the calling thread. On the web server that is the thread
// answering every request: with the release gate deciding 200 times a second, a checkpoint came
// every ~0.3 s and held the event loop for several ms (three fsyncs of up to 20 ms each under
// load), and the requests queued behind it were the gate's p95. The server therefore checkpoints
// on a worker thread with its own connection (wal-checkpoint-worker.mjs), and its own connections
// checkpoint only as a backstop, when the log grew far past the usual size (the thread stopped,
// or a reader kept the log from being rewound). Durability is unchanged: a commit is in the log,
// synchronous=NORMAL as before, and a checkpoint still syncs the database file, only elsewhere.

/**
 * How often the thread checkpoints (ms), and how soon it tries again after an incomplete one. Each
 * complete checkpoint lets the next commit rewind the log, and that commit syncs the log's new
 * header on its own thread: once a second keeps that to one small fsync a second on the server's
 * thread (at 100 ms it was ten), and the log to ~200 decisions at 200/s, far below the backstop.
 */
const CHECKPOINT_INTERVAL_MS = 1_000;
const CHECKPOINT_RETRY_MS = 2;
/** Passes a checkpoint may take to catch up with the writers before it waits for the next interval. */
const CHECKPOINT_MAX_PASSES = 50;
/** Plain .mjs, not the shared TypeScript entry (lib/threads/worker.ts): it needs only better-sqlite3. */
const WORKER_FILE = "lib/db/wal-checkpoint-worker.mjs";

/**
 * Starts the checkpoint thread for the process's SQLite database (DATABASE_URL), once, before the
 * server's connections open (instrumentation.ts). Does nothing on PostgreSQL or with
 * SIGNET_WAL_CHECKPOINT=inline (the way back, and the benchmark's comparison). Answers the thread.
 */
export function startWalCheckpointer(env: Record<string, string | undefined> = process.env): Worker | null {
  const url = resolveDatabaseUrl(env);
  // SIGNET_WAL_CHECKPOINT=inline: checkpoints on the committing connection, as SQLite does by default
  if (databaseFlavour(url) !== "sqlite" || env.SIGNET_WAL_CHECKPOINT === "inline") return null;
  const running = walCheckpointThread.get();
  if (running) return running as Worker;
  const worker = new Worker(/* turbopackIgnore: true */ workerFileUrl(WORKER_FILE), {
    workerData: {
      file: sqliteFilePath(url),
      intervalMs: CHECKPOINT_INTERVAL_MS,
      retryMs: CHECKPOINT_RETRY_MS,
      maxPasses: CHECKPOINT_MAX_PASSES,
    },
  });
  worker.unref();
  worker.on("message", (m: { type: string; message?: string }) => {
    if (m.type === "error") console.error("[signet] WAL checkpoint failed:", m.message);
  });
  worker.on("error", (error) => console.error("[signet] WAL checkpoint thread failed:", error.message));
  // once the thread has ended, connections opened later checkpoint as SQLite does by default
  worker.on("exit", () => {
    if (walCheckpointThread.get() === worker) walCheckpointThread.set(undefined);
  });
  walCheckpointThread.set(worker);
  return worker;
}

/** Stops the thread (tests). */
export async function stopWalCheckpointer(): Promise<void> {
  const worker = walCheckpointThread.get() as Worker | undefined;
  if (!worker) return;
  walCheckpointThread.set(undefined);
  const exited = new Promise((r) => worker.once("exit", r));
  worker.postMessage("stop");
  await exited;
}
