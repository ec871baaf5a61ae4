import { createHash } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { withDriverTransaction } from "@/lib/db/driver";
import type { ImportSource } from "@/lib/db/certificates/certificates";
import { raiseEventFinding, toFindingWrite } from "@/lib/db/findings/findings";
import { subjectsAffectedBy } from "@/lib/db/findings/inputs";
import { findSignerById } from "@/lib/db/signers/signers";
import { privateKeySubmittedDraft } from "@/lib/domain/findings";
import { parseCertificateFile } from "@/lib/x509";
import { createIssuerVerifier } from "@/lib/x509/verify";
import type { ParseResult, StoredCertificateFacts } from "@/lib/x509/types";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { ConcurrentImportError, storeCertificateBatch } from "./store-certificate-batch";
import { storeCertificates, type ImportedCertificate } from "./store-certificates";

export type { ImportedCertificate };

// Certificate import: many files. Readable files are stored up to a thousand certificates per
// transaction with set-based writes (store-certificate-batch.ts); if such a transaction fails it
// rolls back whole and its files are stored one per transaction (with its audit event), so a bad
// file never spoils the others or leaves half a row. Idempotent by SHA-256 of the DER.

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;
export const MAX_CERTIFICATES_PER_REQUEST = 5_000;

export type ImportLimits = { maxFileBytes: number; maxRequestBytes: number; maxCertificatesPerRequest: number };
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: MAX_FILE_BYTES,
  maxRequestBytes: MAX_REQUEST_BYTES,
  maxCertificatesPerRequest: MAX_CERTIFICATES_PER_REQUEST,
};

export type ImportFile = { name: string; bytes: Uint8Array };

export type ImportCertificatesInput = {
  files: ImportFile[];
  /** link every certificate of the batch to this signer */
  signerId?: string;
  actor: Actor;
  source: ImportSource;
};

export type ImportCertificatesOptions = {
  now: Date;
  limits?: Partial<ImportLimits>;
  /** called after each file; the CLI shows progress with it */
  onProgress?: (progress: { doneFiles: number; totalFiles: number }) => void;
  /** false skips the findings re-evaluation (the demo loader evaluates once at the end) */
  isEvaluating?: boolean;
  /**
   * Parses many files at once on lib/x509/parse-pool's worker threads: the CLI passes its own pool,
   * the upload route the server's shared pool for a large upload (requestParser). Default:
   * parseCertificateFile on this thread.
   */
  parseFiles?: (files: ImportFile[]) => Promise<ParseResult<StoredCertificateFacts>[]>;
  /**
   * Called with the issuer certificates (DER) each stored batch confirmed: a caller with a parse
   * pool passes them to ParsePool.addIssuers, so its workers check later files' signatures.
   */
  onIssuers?: (issuerDers: Uint8Array[]) => void;
};

export type FileImportStatus = "imported" | "already-known" | "failed" | "refused-private-key";

export type FileImportResult = {
  file: string;
  status: FileImportStatus;
  certificates: ImportedCertificate[];
  error?: string;
};

export type ImportCertificatesResult = {
  files: FileImportResult[];
  summary: Record<FileImportStatus, number> & { certificatesImported: number; certificatesAlreadyKnown: number };
  /** stored ids, for callers that need them (demo loader, tests) */
  certificateIds: string[];
  /**
   * false when re-evaluating findings failed after the files were stored (logged; the next
   * sweep catches up). The import itself stands either way.
   */
  isFindingsEvaluated: boolean;
};

export async function importCertificates(
  db: Db,
  input: ImportCertificatesInput,
  options: ImportCertificatesOptions,
): Promise<ImportCertificatesResult> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  assertRequestSize(input.files, limits);
  if (input.signerId && !(await findSignerById(db, input.signerId))) {
    throw new AppError("not_found", `Signer ${input.signerId} not found`);
  }
  const parsed = await parseAll(input.files, limits, { parseFiles: options.parseFiles });
  const certificateCount = parsed.reduce((n, p) => n + (p.result?.certificates.length ?? 0), 0);
  if (certificateCount > limits.maxCertificatesPerRequest) {
    throw new AppError(
      "too_large",
      `The files hold ${certificateCount} certificates; one request may hold at most ${limits.maxCertificatesPerRequest}. Split the import.`,
    );
  }

  const results = new Array<FileImportResult>(parsed.length);
  const touched = { certificateIds: new Set<string>(), keyIds: new Set<string>(), signerIds: new Set<string>() };
  const isIssuedBy = createIssuerVerifier();
  let doneFiles = 0;
  const progress = (n: number) => {
    doneFiles += n;
    options.onProgress?.({ doneFiles, totalFiles: parsed.length });
  };
  // readable files are stored many per transaction; the others are answered one by one
  let chunk: number[] = [];
  let chunkCertificates = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const indexes = chunk;
    chunk = [];
    chunkCertificates = 0;
    const stored = await storeChunk(
      db,
      indexes.map((i) => parsed[i]),
      input,
      options.now,
      { isIssuedBy, touched, onIssuers: options.onIssuers },
    );
    stored.forEach((r, k) => (results[indexes[k]] = r));
    progress(indexes.length);
  };
  for (const [index, item] of parsed.entries()) {
    if (isStorable(item)) {
      chunk.push(index);
      chunkCertificates += item.result!.certificates.length;
      if (chunkCertificates >= BATCH_CERTIFICATES) await flush();
      continue;
    }
    results[index] = await importOne(db, item, input, options.now, touched);
    progress(1);
  }
  await flush();

  let isFindingsEvaluated = true;
  if (options.isEvaluating !== false && touched.certificateIds.size > 0) {
    try {
      const affected = await subjectsAffectedBy(db, {
        certificateIds: [...touched.certificateIds],
        keyIds: [...touched.keyIds],
        signerIds: [...touched.signerIds],
      });
      await evaluateFindings(db, { now: options.now, ...affected });
    } catch (error) {
      // the files are committed; failing the request now would only invite a retry that finds
      // everything already known
      console.error("[signet] re-evaluating findings after an import failed:", error);
      isFindingsEvaluated = false;
    }
  }
  return {
    files: results,
    summary: summarise(results),
    certificateIds: [...touched.certificateIds],
    isFindingsEvaluated,
  };
}

function assertRequestSize(files: ImportFile[], limits: ImportLimits) {
  if (files.length === 0) throw new AppError("bad_request", "No files to import");
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (total > limits.maxRequestBytes) {
    throw new AppError(
      "too_large",
      `The files total ${formatBytes(total)}; one request may hold at most ${formatBytes(limits.maxRequestBytes)}. Split the import.`,
    );
  }
}

type ParsedFile = { file: ImportFile; result?: ParseResult<StoredCertificateFacts>; error?: string };

const PARSER_BUG = "The file could not be read as a certificate (internal parser error)";

async function parseAll(
  files: ImportFile[],
  limits: ImportLimits,
  options: Pick<ImportCertificatesOptions, "parseFiles">,
): Promise<ParsedFile[]> {
  const out: ParsedFile[] = files.map((file) =>
    file.bytes.byteLength > limits.maxFileBytes
      ? {
          file,
          error: `File is ${formatBytes(file.bytes.byteLength)}; the limit is ${formatBytes(limits.maxFileBytes)} per file`,
        }
      : { file },
  );
  const todo = out.filter((p) => !p.error);
  // the parser reports bad input as errors; a throw is a bug there (or a dead worker), and its
  // message might quote file content, so it is logged, not passed on
  if (options.parseFiles) {
    try {
      (await options.parseFiles(todo.map((p) => p.file))).forEach((result, i) => (todo[i].result = result));
    } catch (error) {
      console.error("[signet] certificate parse pool failed:", error);
      for (const p of todo) if (!p.result) p.error = PARSER_BUG;
    }
    return out;
  }
  for (const p of todo) {
    try {
      p.result = parseCertificateFile(p.file.bytes, { fileName: p.file.name });
    } catch (error) {
      console.error(`[signet] certificate parser failed on ${p.file.name}:`, error);
      p.error = PARSER_BUG;
    }
  }
  return out;
}

type Touched = { certificateIds: Set<string>; keyIds: Set<string>; signerIds: Set<string> };

/**
 * Certificates stored per transaction on the bulk path. Most of a bulk insert's cost on SQLite is
 * the index pages it changes and writes at commit, and several indexes are keyed by hashes: a larger
 * transaction changes each such page for more rows. Inserting into a database of 30,000
 * certificates took 131 µs of CPU a row in transactions of 500, 107 in transactions of 1,000 and 80
 * in transactions of 2,000; 2,000 took bench:import's peak RSS close to its 600 MiB target.
 */
export const BATCH_CERTIFICATES = 1_000;

function isStorable(item: ParsedFile): boolean {
  const r = item.result;
  return !item.error && !!r && !r.hasPrivateKey && r.errors.length === 0 && r.certificates.length > 0;
}

/**
 * Stores readable files many per transaction (storeCertificateBatch). If that fails for any
 * reason — a concurrent import of the same certificates, a database error, a bug — the
 * transaction rolls back whole and the files are stored one per transaction instead, so one bad
 * file still cannot spoil the others.
 */
async function storeChunk(
  db: Db,
  items: ParsedFile[],
  input: ImportCertificatesInput,
  now: Date,
  shared: {
    isIssuedBy: ReturnType<typeof createIssuerVerifier>;
    touched: Touched;
    onIssuers?: ImportCertificatesOptions["onIssuers"];
  },
): Promise<FileImportResult[]> {
  const { touched } = shared;
  try {
    // every statement of the batch is raw SQL: on the driver, not through the client's query pipeline
    // (should the client be needed after all, it keeps the batch's long timeout)
    const stored = await withDriverTransaction(
      db,
      (tx) =>
        storeCertificateBatch(
          tx,
          items.map((p) => ({ name: p.file.name, certificates: p.result!.certificates })),
          { actor: input.actor, source: input.source, signerId: input.signerId, now, isIssuedBy: shared.isIssuedBy },
        ),
      { timeout: 120_000, maxWait: 30_000 },
    );
    for (const id of [...stored.certificateIds, ...stored.adoptedIds]) touched.certificateIds.add(id);
    for (const id of stored.keyIds) touched.keyIds.add(id);
    if (input.signerId && stored.certificateIds.length > 0) touched.signerIds.add(input.signerId);
    if (stored.issuerDers.length > 0) shared.onIssuers?.(stored.issuerDers);
    return items.map((p, k) => ({
      file: p.file.name,
      status: stored.files[k].some((c) => c.status === "imported") ? "imported" : "already-known",
      certificates: stored.files[k],
    }));
  } catch (error) {
    if (!(error instanceof ConcurrentImportError))
      console.error("[signet] storing a batch of certificate files failed; storing them one by one:", error);
    const out: FileImportResult[] = [];
    for (const item of items) out.push(await importOne(db, item, input, now, touched));
    return out;
  }
}

async function importOne(
  db: Db,
  item: ParsedFile,
  input: ImportCertificatesInput,
  now: Date,
  touched: Touched,
): Promise<FileImportResult> {
  const name = item.file.name;
  if (item.error || !item.result) return { file: name, status: "failed", certificates: [], error: item.error };
  const result = item.result;
  if (result.hasPrivateKey) {
    try {
      await refusePrivateKey(db, item.file, input, now);
    } catch (error) {
      // refused all the same; only the record of it is missing
      console.error(`[signet] recording the refused private key in ${name} failed:`, error);
    }
    return {
      file: name,
      status: "refused-private-key",
      certificates: [],
      error:
        "The file contains a private key. It was refused and not stored: upload only the certificate, and treat the key as exposed.",
    };
  }
  if (result.errors.length > 0 || result.certificates.length === 0) {
    // all or nothing per file: a partly readable bundle is reported, not half-imported
    const error =
      result.errors.length > 0
        ? result.errors.map((e) => (e.block ? `block ${e.block}: ${e.message}` : e.message)).join("; ")
        : "No certificate found in the file";
    return { file: name, status: "failed", certificates: [], error };
  }
  const store = () =>
    withTransaction(
      db,
      (tx) =>
        storeCertificates(tx, result.certificates, {
          actor: input.actor,
          source: input.source,
          signerId: input.signerId,
          fileName: name,
          now,
        }),
      { timeout: 120_000, maxWait: 30_000 },
    );
  try {
    // a concurrent import of the same certificate or key may commit first: once more, it is known
    const stored = await store().catch((error: { code?: string }) =>
      error?.code === "P2002" ? store() : Promise.reject(error),
    );
    for (const id of [...stored.certificateIds, ...stored.adoptedIds]) touched.certificateIds.add(id);
    for (const id of stored.keyIds) touched.keyIds.add(id);
    if (input.signerId && stored.certificateIds.length > 0) touched.signerIds.add(input.signerId);
    const isNew = stored.certificates.some((c) => c.status === "imported");
    return { file: name, status: isNew ? "imported" : "already-known", certificates: stored.certificates };
  } catch (error) {
    console.error(`[signet] import of ${name} failed:`, error);
    return {
      file: name,
      status: "failed",
      certificates: [],
      error: "The file could not be stored (the error has been logged); nothing from it was kept",
    };
  }
}

/**
 * A private key in an upload is refused before anything from the file is stored. The audit event
 * and the finding identify the file only by its SHA-256, so the key bytes reach neither the
 * database nor the log. Finding subject: key "upload:<sha256 of the whole file>" — there is no
 * SigningKey row to point at (we never derive anything from the key), and the same file uploaded
 * again lands on the same finding.
 */
async function refusePrivateKey(db: Db, file: ImportFile, input: ImportCertificatesInput, now: Date) {
  const fileSha256 = createHash("sha256").update(file.bytes).digest("hex");
  const subjectId = `upload:${fileSha256}`;
  await withTransaction(db, async (tx) => {
    await recordAudit(tx, {
      actor: input.actor,
      action: "certificate.private-key-refused",
      targetType: "upload",
      targetId: subjectId,
      summary: `Refused ${file.name}: it contains a private key (not stored)`,
      details: { fileName: file.name, fileSha256, fileBytes: file.bytes.byteLength, source: input.source },
      at: now,
    });
    const draft = privateKeySubmittedDraft({
      keyId: subjectId,
      submittedAt: now,
      submittedBy: `${input.actor.label} (${input.source})`,
      fileName: file.name,
    });
    // there is no SigningKey row behind this subject: keep the keyId link column empty
    await raiseEventFinding(
      tx,
      {
        ...toFindingWrite(draft),
        keyId: null,
        signerId: input.signerId ?? null,
        evidenceJson: JSON.stringify({ ...draft.evidence, fileSha256, source: input.source }),
      },
      { now },
    );
  });
}

function summarise(results: FileImportResult[]): ImportCertificatesResult["summary"] {
  const summary = {
    imported: 0,
    "already-known": 0,
    failed: 0,
    "refused-private-key": 0,
    certificatesImported: 0,
    certificatesAlreadyKnown: 0,
  };
  for (const r of results) {
    summary[r.status] += 1;
    for (const c of r.certificates) {
      if (c.status === "imported") summary.certificatesImported += 1;
      else summary.certificatesAlreadyKnown += 1;
    }
  }
  return summary;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}
