import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const ENTRY = "worker-entry.mjs";

/**
 * The checkout the worker's sources are read from. Next.js bundles this module into a server
 * chunk, whose import.meta.url is not lib/threads': the worker then runs from the sources beside
 * the build (`npm start` serves from the checkout, and tsx, a runtime dependency, loads them).
 * The magic comments keep the bundler from trying to bundle the worker (a dynamic worker path
 * would pull in the whole tree).
 */
function sourceRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (fs.existsSync(path.join(/* turbopackIgnore: true */ here, ENTRY))) return path.join(here, "..", "..");
  return process.cwd();
}

/**
 * The file URL of a worker file (a path from the checkout's root), under tsx, vitest or the built
 * server: the shared entry, or a plain .mjs worker that needs no TypeScript loader.
 */
export function workerFileUrl(file: string): URL {
  return pathToFileURL(path.join(/* turbopackIgnore: true */ sourceRoot(), file));
}

/** The file URL of the one worker entry (worker-entry.mjs). */
export function workerEntryUrl(): URL {
  return workerFileUrl(`lib/threads/${ENTRY}`);
}

/**
 * A worker thread running the TypeScript module `main` (a path from the checkout's root, e.g.
 * "lib/x509/parse-worker-main.ts") through the shared entry, with the given Worker options.
 */
export function startWorker(main: string, options: Omit<WorkerOptions, "argv"> = {}): Worker {
  const mainPath = path.join(/* turbopackIgnore: true */ sourceRoot(), main);
  return new Worker(/* turbopackIgnore: true */ workerEntryUrl(), { ...options, argv: [mainPath] });
}

/** The niceness a background thread takes: it runs when the process's other threads leave it a core. */
const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority, so that on a busy machine the process's other
 * threads (the import thread storing a batch, the web server answering requests) get the cores
 * first and this one takes what they leave. On Linux a thread is a task with a niceness of its own
 * (setpriority on its thread id); elsewhere, or if the system refuses, nothing changes.
 */
export function runAtBackgroundPriority(): void {
  if (process.platform !== "linux") return;
  try {
    const tid = Number(path.basename(fs.readlinkSync("/proc/thread-self")));
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.max(os.getPriority(tid), BACKGROUND_NICE));
  } catch {
    // a best effort: the thread keeps its priority
  }
}
