// Body of a parse-pool worker: parses batches of files and sends the results back, transferring
// each certificate's DER buffer (every CertificateFacts.der owns its own ArrayBuffer).
import { parentPort } from "node:worker_threads";
import { pickCertificateFields } from "@/lib/domain/certificate-fields";
import { runAtBackgroundPriority } from "@/lib/threads/worker";
import { createIssuerChecker } from "./issuer-checks";
import { parseCertificateFile } from "./parse-file";
import type { ParseResult, StoredCertificateFacts } from "./types";

export interface WorkerRequest {
  batchId: number;
  files: { name: string; bytes: Uint8Array }[];
  maxBytes?: number;
  /** issuer certificates (DER) to check the parsed certificates against from now on (issuer-checks.ts) */
  issuers?: Uint8Array[];
  /** send only what storing reads of each certificate (StoredCertificateFacts) */
  isForStoring?: boolean;
}

export interface WorkerResponse {
  batchId: number;
  results: ParseResult<StoredCertificateFacts>[];
}

if (!parentPort) throw new Error("parse-worker-main.ts must run in a worker thread");
const port = parentPort;
// parsing is the work that can wait: the thread that stores (or serves requests) comes first
if (process.env.SIGNET_PARSE_NICE !== "off") runAtBackgroundPriority();
const issuers = createIssuerChecker();

port.on("message", (req: WorkerRequest) => {
  if (req.issuers?.length) issuers.add(req.issuers);
  const results: ParseResult<StoredCertificateFacts>[] = req.files.map((f) =>
    parseCertificateFile(f.bytes, { fileName: f.name, maxBytes: req.maxBytes }),
  );
  for (const r of results) for (const c of r.certificates) issuers.check(c);
  if (req.isForStoring) for (const r of results) r.certificates = r.certificates.map(storedFacts);
  const transfer: ArrayBuffer[] = [];
  for (const r of results)
    for (const c of r.certificates) if (ownsWholeBuffer(c.der)) transfer.push(c.der.buffer as ArrayBuffer);
  port.postMessage({ batchId: req.batchId, results } satisfies WorkerResponse, transfer);
});

/** The certificate's stored fields, key hash and signature checks, without the rest of its facts. */
function storedFacts(c: StoredCertificateFacts): StoredCertificateFacts {
  // one new object, not the picked fields spread into a second one (this runs for every certificate)
  return Object.assign(pickCertificateFields(c), { spkiSha256: c.spkiSha256, issuerChecks: c.issuerChecks });
}

function ownsWholeBuffer(u: Uint8Array): boolean {
  return u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer;
}
