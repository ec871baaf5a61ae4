// Parses many files on worker threads (one per core) so a bulk import is not limited by one
// core's ASN.1 decoding speed. Results come back in input order.
//
// A ParsePool keeps its workers between calls: starting one costs 0.3-1 s (tsx and the ASN.1
// libraries load in every worker), which dominated imports that parse in many small calls.
// Calls may overlap; their batches queue in call order, so a caller can hand over chunk k+1
// while it stores chunk k (see lib/services/import-certificates.ts).
import { availableParallelism } from "node:os";
import { createHash } from "node:crypto";
import type { Worker } from "node:worker_threads";
import { startWorker } from "@/lib/threads/worker";
import { MAX_KNOWN_ISSUERS } from "./issuer-checks";
import { parseCertificateFile } from "./parse-file";
import type { WorkerRequest, WorkerResponse } from "./parse-worker-main";
import type { ParseResult, StoredCertificateFacts } from "./types";

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
// A worker's garbage is a batch's parse, dead once the results are sent: a small young generation
// collects it as often and as cheaply, where V8's default (sized for a main thread) let each worker
// hold ~40 MB more. bench:import at 100,000: peak RSS 563-593 → 532-537 MiB, the same time.
const WORKER_YOUNG_GENERATION_MB = 12;

type Job = {
  request: Omit<WorkerRequest, "batchId">;
  transfer: ArrayBuffer[];
  resolve: (results: ParseResult<StoredCertificateFacts>[]) => void;
  reject: (error: unknown) => void;
};

/**
 * A long-lived pool of parse workers. `parse` may be called many times and concurrently; `close`
 * stops the workers (pending calls reject). A worker that dies fails the calls it was serving and
 * the pool: later calls reject at once rather than hang.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly inFlight = new Map<number, Job>();
  private readonly busy = new Map<Worker, Set<number>>();
  private nextBatchId = 0;
  /** issuer certificates for the workers' signature checks, and how many of them each worker has */
  private readonly issuers: Uint8Array[] = [];
  private readonly issuerHashes = new Set<string>();
  private readonly issuersSent = new Map<Worker, number>();
  private failure: Error | null = null;
  private isClosed = false;

  /**
   * `inFlightPerWorker`: how many batches each worker may hold at once. Two keep a worker busy
   * while its parent answers the previous result, when the parent's event loop is free. A caller
   * whose thread is busy between turns (the import thread runs a batch's statements synchronously
   * for hundreds of milliseconds) passes more, so the workers parse the whole next chunk instead
   * of waiting for the parent to hand them its batches one by one.
   */
  constructor(
    readonly size: number = defaultPoolSize(),
    private readonly options: { inFlightPerWorker?: number } = {},
  ) {
    if (!(size >= 1)) throw new Error("a parse pool needs at least one worker");
  }

  /** Parses `files` on the workers; results in input order. Bad files are ordinary results. */
  parse(files: PoolFile[], opts: Pick<ParsePoolOptions, "onProgress" | "maxBytes"> = {}): Promise<ParseResult[]> {
    // asked for whole facts, the workers send whole CertificateFacts
    return this.run(files, opts, false) as Promise<ParseResult[]>;
  }

  /**
   * `parse` for an importer: each certificate comes back with only what storing reads
   * (StoredCertificateFacts), which costs the receiving thread less to take in.
   */
  parseForStoring(
    files: PoolFile[],
    opts: Pick<ParsePoolOptions, "onProgress" | "maxBytes"> = {},
  ): Promise<ParseResult<StoredCertificateFacts>[]> {
    return this.run(files, opts, true);
  }

  private run(
    files: PoolFile[],
    opts: Pick<ParsePoolOptions, "onProgress" | "maxBytes">,
    isForStoring: boolean,
  ): Promise<ParseResult<StoredCertificateFacts>[]> {
    if (this.isClosed) return Promise.reject(new Error("the parse pool is closed"));
    if (this.failure) return Promise.reject(this.failure);
    const total = files.length;
    if (total === 0) return Promise.resolve([]);
    const batches = makeBatches(files);
    const results = new Array<ParseResult<StoredCertificateFacts>>(total);
    let done = 0;
    let finished = 0;
    let isSettled = false;
    return new Promise<ParseResult<StoredCertificateFacts>[]>((resolve, reject) => {
      const fail = (error: unknown) => {
        if (isSettled) return;
        isSettled = true;
        reject(error);
      };
      for (const { start, end } of batches) {
        const transfer: ArrayBuffer[] = [];
        const payload = files.slice(start, end).map((f) => {
          const copy = new Uint8Array(f.bytes); // own buffer, so transferring it detaches nothing of the caller's
          transfer.push(copy.buffer);
          return { name: f.name, bytes: copy };
        });
        this.queue.push({
          request: { files: payload, maxBytes: opts.maxBytes, isForStoring },
          transfer,
          reject: fail,
          resolve: (batchResults) => {
            if (isSettled) return;
            batchResults.forEach((r, k) => (results[start + k] = r));
            done += batchResults.length;
            finished++;
            try {
              opts.onProgress?.({ done, total });
            } catch (e) {
              fail(e); // e.g. a throwing progress sink: fail this call, not the pool
              return;
            }
            if (finished === batches.length) {
              isSettled = true;
              resolve(results);
            }
          },
        });
      }
      this.pump();
    });
  }

  /**
   * Issuer certificates (DER) the workers check later files' certificates against while parsing
   * (issuer-checks.ts): an importer passes the issuers its stored batches confirmed. Each worker
   * receives them with its next batch.
   */
  addIssuers(ders: readonly Uint8Array[]): void {
    for (const der of ders) {
      if (this.issuers.length >= MAX_KNOWN_ISSUERS) return;
      const hash = createHash("sha256").update(der).digest("hex");
      if (this.issuerHashes.has(hash)) continue;
      this.issuerHashes.add(hash);
      this.issuers.push(new Uint8Array(der));
    }
  }

  /** batches handed to the workers and not yet answered */
  get batchesInFlight(): number {
    return this.inFlight.size;
  }

  /** false once the pool is closed or a worker died (make a new one) */
  get isUsable(): boolean {
    return !this.isClosed && !this.failure;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.failAll(new Error("the parse pool was closed"));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump() {
    while (this.queue.length > 0 && !this.failure) {
      let worker = this.idle.pop();
      if (!worker && this.workers.length < this.size) worker = this.spawn();
      if (!worker) {
        // every worker is busy: queue more on the least loaded one, up to the limit, so none waits on the parent
        const limit = this.options.inFlightPerWorker ?? 2;
        for (const w of this.workers) {
          const load = this.busy.get(w)!.size;
          if (load < limit && (!worker || load < this.busy.get(worker)!.size)) worker = w;
        }
        if (!worker) return;
      }
      const job = this.queue.shift()!;
      const batchId = this.nextBatchId++;
      this.inFlight.set(batchId, job);
      this.busy.get(worker)!.add(batchId);
      worker.ref();
      const sent = this.issuersSent.get(worker) ?? 0;
      const issuers = sent < this.issuers.length ? this.issuers.slice(sent) : undefined;
      this.issuersSent.set(worker, this.issuers.length);
      worker.postMessage({ batchId, ...job.request, issuers } satisfies WorkerRequest, job.transfer);
    }
  }

  private spawn(): Worker {
    const worker = startWorker("lib/x509/parse-worker-main.ts", {
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.workers.push(worker);
    this.busy.set(worker, new Set());
    worker.on("message", (msg: WorkerResponse) => {
      const job = this.inFlight.get(msg.batchId);
      this.inFlight.delete(msg.batchId);
      const mine = this.busy.get(worker)!;
      mine.delete(msg.batchId);
      if (mine.size === 0) {
        if (!this.idle.includes(worker)) this.idle.push(worker);
        worker.unref(); // an idle pool must not keep the process alive
      }
      job?.resolve(msg.results);
      this.pump();
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      if (!this.isClosed) this.failAll(new Error(`certificate parse worker exited early (code ${code})`));
    });
    return worker;
  }

  private failAll(error: unknown) {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    for (const job of [...this.inFlight.values(), ...this.queue]) job.reject(this.failure);
    this.inFlight.clear();
    this.queue.length = 0;
    if (!this.isClosed) {
      this.isClosed = true;
      void Promise.all(this.workers.map((w) => w.terminate()));
    }
  }
}

/**
 * parseCertificateFile over many files on a one-off worker pool (started and stopped by this
 * call). Input bytes are copied into fresh buffers that are transferred (the caller's arrays stay
 * usable); certificate DER comes back by transfer too. Rejects only if a worker cannot start or
 * dies; bad files are ordinary results. Callers that parse repeatedly should keep a ParsePool.
 */
export async function parseFilesInPool(files: PoolFile[], opts: ParsePoolOptions = {}): Promise<ParseResult[]> {
  const total = files.length;
  if (total < (opts.minFilesForWorkers ?? 64)) {
    const results = files.map((f) => parseCertificateFile(f.bytes, { fileName: f.name, maxBytes: opts.maxBytes }));
    opts.onProgress?.({ done: total, total });
    return results;
  }
  const pool = new ParsePool(Math.max(1, Math.min(opts.size ?? defaultPoolSize(), Math.ceil(total / BATCH_FILES))));
  try {
    return await pool.parse(files, opts);
  } finally {
    await pool.close();
  }
}

const shared = globalThis as unknown as { __signetParsePool?: ParsePool };

/**
 * The server's pool for parsing uploads off the request thread, so other requests stay fast while
 * a large upload parses. Started on first use and kept (idle workers do not keep the process
 * alive); one core is left to the server. A pool whose worker died is replaced on the next call.
 */
export function sharedParsePool(): ParsePool {
  if (!shared.__signetParsePool?.isUsable) shared.__signetParsePool = new ParsePool(poolSizeBesideBusyThread(4));
  return shared.__signetParsePool;
}

/** Uploads at least this large (files or bytes) parse on the shared pool; smaller ones inline. */
export const POOL_THRESHOLD = { files: 64, bytes: 256 * 1024 };

/**
 * parseFiles for importCertificates in a request: the shared pool for a large upload, else none
 * (inline). SIGNET_PARSE_POOL=off parses every upload inline (the load run compares the two).
 */
export function requestParser(
  files: PoolFile[],
): ((files: PoolFile[]) => Promise<ParseResult<StoredCertificateFacts>[]>) | undefined {
  if (process.env.SIGNET_PARSE_POOL === "off") return undefined;
  const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (files.length < POOL_THRESHOLD.files && bytes < POOL_THRESHOLD.bytes) return undefined;
  return async (todo) => {
    try {
      return await sharedParsePool().parseForStoring(todo);
    } catch (error) {
      // a pool that cannot start or whose worker died must not fail the upload: parse here instead
      console.error("[signet] certificate parse pool failed; parsing the upload on the request thread:", error);
      return todo.map((f) => parseCertificateFile(f.bytes, { fileName: f.name }));
    }
  };
}

/**
 * A pool that works beside a thread which is itself busy (the server's request thread, the import
 * thread storing the batch before): one core is left to that thread. Each worker holds its own
 * heap (~45 MiB with the parser loaded), so a worker with no core to run on costs memory for nothing.
 */
export function poolSizeBesideBusyThread(max = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(max, defaultPoolSize() - 1));
}

export function defaultPoolSize(): number {
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
