// Parses many files on worker threads (one per core) so a bulk import is not limited by one
// core's ASN.1 decoding speed. Results come back in input order.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { parseCertificateFile } from "./parse-file";
import type { WorkerRequest, WorkerResponse } from "./parse-worker-main";
import type { ParseResult } from "./types";

export interface PoolFile {
  name: string;
  bytes: Uint8Array;
}

export interface ParsePoolOptions {
  /** called after each batch with how many files are done */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** worker count; default: available cores (2 when unknown) */
  size?: number;
  /** below this many files, parse on the calling thread (worker start-up costs ~0.3 s); default 64 */
  minFilesForWorkers?: number;
  /** passed to parseCertificateFile */
  maxBytes?: number;
}

const BATCH_FILES = 32;
const BATCH_BYTES = 1024 * 1024;
const WORKER_URL = new URL("./parse-worker.mjs", import.meta.url);

/**
 * parseCertificateFile over many files on a worker_threads pool. Input bytes are copied into
 * fresh buffers that are transferred (the caller's arrays stay usable); certificate DER comes back
 * by transfer too. Rejects only if a worker cannot start or dies; bad files are ordinary results.
 */
export async function parseFilesInPool(files: PoolFile[], opts: ParsePoolOptions = {}): Promise<ParseResult[]> {
  const total = files.length;
  const size = Math.max(1, opts.size ?? defaultPoolSize());
  if (total < (opts.minFilesForWorkers ?? 64)) {
    const results = files.map((f) => parseCertificateFile(f.bytes, { fileName: f.name, maxBytes: opts.maxBytes }));
    opts.onProgress?.({ done: total, total });
    return results;
  }
  const batches = makeBatches(files);
  const results = new Array<ParseResult>(total);
  const workers = Array.from({ length: Math.min(size, batches.length) }, () => new Worker(WORKER_URL));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finishedBatches = 0;
      const send = (w: Worker) => {
        if (next >= batches.length) return;
        const batchId = next++;
        const { start, end } = batches[batchId];
        const transfer: ArrayBuffer[] = [];
        const payload = files.slice(start, end).map((f) => {
          const copy = new Uint8Array(f.bytes); // own buffer, so transferring it detaches nothing of the caller's
          transfer.push(copy.buffer);
          return { name: f.name, bytes: copy };
        });
        w.postMessage({ batchId, files: payload, maxBytes: opts.maxBytes } satisfies WorkerRequest, transfer);
      };
      for (const w of workers) {
        w.on("message", (msg: WorkerResponse) => {
          try {
            const { start } = batches[msg.batchId];
            msg.results.forEach((r, k) => (results[start + k] = r));
            done += msg.results.length;
            finishedBatches++;
            opts.onProgress?.({ done, total });
            if (finishedBatches === batches.length) resolve();
            else send(w);
          } catch (e) {
            reject(e); // e.g. a throwing onProgress: fail this call, not the whole process
          }
        });
        w.on("error", reject);
        w.on("exit", (code) => {
          if (finishedBatches < batches.length) reject(new Error(`certificate parse worker exited early (code ${code})`));
        });
        // two batches in flight per worker keep it busy while the parent handles a reply
        send(w);
        send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function defaultPoolSize(): number {
  try {
    return availableParallelism() || 2;
  } catch {
    return 2;
  }
}

function makeBatches(files: PoolFile[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    bytes += files[i].bytes.byteLength;
    if (i + 1 - start >= BATCH_FILES || bytes >= BATCH_BYTES) {
      out.push({ start, end: i + 1 });
      start = i + 1;
      bytes = 0;
    }
  }
  if (start < files.length) out.push({ start, end: files.length });
  return out;
}
