// Body of the import thread (import-thread.ts): its own database connection and parse pool (one
// core left to this thread, which stores one batch while the pool parses the next), and
// importCertificates for each batch it is sent, in order. A batch starts parsing when it arrives,
// while the one before it is stored.
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "@/lib/api/errors";
import { closeDb, createDb } from "@/lib/db/client";
import { startWalCheckpointer, stopWalCheckpointer } from "@/lib/db/wal-checkpointer";
import { ParsePool, poolSizeBesideBusyThread } from "@/lib/x509/parse-pool";
import { importCertificates } from "./import-certificates";
import type { ThreadReply, ThreadRequest } from "./import-thread";

if (!parentPort) throw new Error("import-thread-main.ts must run in a worker thread");
const port = parentPort;
const { url, minFilesForWorkers } = workerData as { url: string; minFilesForWorkers: number };
// SQLite's page cache for this connection. Each certificate lands in a dozen indexes, several of
// them keyed by hashes (sha256, serial, subject key id, expiry), so inserts touch pages all over
// those indexes; with SQLite's default 16 MiB many had been evicted and were read back from the
// file. bench:import, 100,000 certificates, alternated runs: 29.0-29.1 s with 16 MiB, 26.2-27.0 s
// with 32, 24.6-26.6 s with 64, which took peak RSS over its 600 MiB target. The cache grows only
// as pages are read, and the thread's connection closes with the import.
const IMPORT_SQLITE_CACHE_MIB = 32;
// SQLite: the log is checkpointed on a thread of its own (as the web server's is), started before the
// connection opens so that it checkpoints only as a backstop: copying the log into the database
// file and syncing it was a third of this thread's time inside its commits
startWalCheckpointer({ ...process.env, DATABASE_URL: url });
const db = createDb(url, { sqliteCacheMiB: IMPORT_SQLITE_CACHE_MIB });
let pool: ParsePool | undefined;
let storing: Promise<void> = Promise.resolve();
// a batch's parse chunks all go to the workers when it arrives (no limit per worker): this thread's
// event loop turns only between stores, too seldom to hand them over a few at a time
const startPool = () => new ParsePool(poolSizeBesideBusyThread(), { inFlightPerWorker: Number.POSITIVE_INFINITY });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const reply = (message: ThreadReply) => port.postMessage(message);

port.on("message", (request: ThreadRequest) => {
  if (request.type === "close") {
    storing = storing.then(async () => {
      await pool?.close();
      await closeDb(db);
      await stopWalCheckpointer();
      reply({ type: "closed" });
    });
    return;
  }
  const { id, files, input, options } = request;
  const parsing = files.length >= minFilesForWorkers ? (pool ??= startPool()).parseForStoring(files) : null;
  parsing?.catch(() => {}); // awaited by the import below
  // a turn of the event loop between batches: batches that arrived while the last one was stored
  // (its statements never yield) start parsing now, not when the chain of stores runs dry
  storing = storing.then(nextTurn).then(async () => {
    try {
      const result = await importCertificates(
        db,
        { ...input, files },
        {
          ...options,
          parseFiles: parsing ? () => parsing : undefined,
          onIssuers: (issuerDers) => pool?.addIssuers(issuerDers),
          onProgress: (p) => reply({ type: "progress", id, ...p }),
        },
      );
      reply({ type: "done", id, result });
    } catch (error) {
      reply({
        type: "failed",
        id,
        error:
          error instanceof AppError
            ? { code: error.code, message: error.message }
            : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      });
    }
  });
});
