import type { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/api/errors";
import { startWorker } from "@/lib/threads/worker";
import type {
  ImportCertificatesInput,
  ImportCertificatesOptions,
  ImportCertificatesResult,
  ImportFile,
} from "./import-certificates";

// importCertificates on a thread of its own, for bulk imports from the command line: that thread
// owns a database connection and the parse pool, so the statements, the signature checks and the
// parsing all run off the caller's thread, and a batch parses on the pool while the one before it
// is stored. Each batch is one importCertificates call, so per-file atomicity, the one-by-one
// fallback, audit events and findings are exactly the service's.
//
// The thread's heap is capped: V8 lets a heap grow to about four times what it keeps alive when
// its limit is large (the default), and a bulk import allocates fast, so the importer's thread sat
// on ~300 MB of garbage at 100,000 certificates. Below 1 GB it grows by a smaller factor; an
// import batch keeps well under 100 MB alive.
const HEAP_LIMIT_MB = 512;
// A batch's parse results and statements are garbage moments after they were made; a young
// generation larger than V8's default (16 MB semi-spaces for this heap) lets most of them die
// there instead of being promoted and marked: garbage collection was ~15% of this thread's time.
const YOUNG_GENERATION_MB = 48;

export type ThreadRequest =
  | {
      type: "import";
      id: number;
      files: ImportFile[];
      input: Omit<ImportCertificatesInput, "files">;
      options: Pick<ImportCertificatesOptions, "now" | "limits" | "isEvaluating">;
    }
  | { type: "close" };

export type ThreadReply =
  | { type: "progress"; id: number; doneFiles: number; totalFiles: number }
  | { type: "done"; id: number; result: ImportCertificatesResult }
  | { type: "failed"; id: number; error: { code?: ErrorCode; message: string } }
  | { type: "closed" };

type Pending = {
  resolve: (result: ImportCertificatesResult) => void;
  reject: (error: unknown) => void;
  onProgress?: ImportCertificatesOptions["onProgress"];
};

export class ImportThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;
  private closed: Promise<void> | null = null;
  private resolveClosed = () => {};

  /** `minFilesForWorkers`: below this many files a batch parses on the import thread itself. */
  constructor(url: string, options: { minFilesForWorkers?: number } = {}) {
    this.worker = startWorker("lib/services/import-thread-main.ts", {
      workerData: { url, minFilesForWorkers: options.minFilesForWorkers ?? 64 },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on("message", (reply: ThreadReply) => this.receive(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      this.fail(new Error(`the import thread exited (code ${code})`));
      this.resolveClosed();
    });
  }

  /**
   * Imports one batch (importCertificates' input and options, less the callbacks the thread owns).
   * Batches are stored in call order. The thread takes in a batch only between two stores (a
   * store's statements never yield) and starts parsing it then, so a caller keeps two batches sent
   * beyond the one being stored: batch k+2 goes while batch k is stored, and parses while k+1 is.
   */
  import(
    input: ImportCertificatesInput,
    options: Pick<ImportCertificatesOptions, "now" | "limits" | "isEvaluating" | "onProgress">,
  ): Promise<ImportCertificatesResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error("the import thread is closed"));
    const id = this.nextId++;
    const { files, ...rest } = input;
    const { onProgress, ...plain } = options;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ type: "import", id, files, input: rest, options: plain } satisfies ThreadRequest);
    });
  }

  /** Waits for the batches sent, then closes the thread's pool and connection. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.resolveClosed = resolve;
      if (this.failure) resolve();
      else this.worker.postMessage({ type: "close" } satisfies ThreadRequest);
    });
    return this.closed;
  }

  private receive(reply: ThreadReply) {
    if (reply.type === "closed") {
      void this.worker.terminate();
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === "progress") {
      pending.onProgress?.({ doneFiles: reply.doneFiles, totalFiles: reply.totalFiles });
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === "done") pending.resolve(reply.result);
    else
      pending.reject(
        reply.error.code ? new AppError(reply.error.code, reply.error.message) : new Error(reply.error.message),
      );
  }

  private fail(error: unknown) {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
