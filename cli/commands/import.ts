import { userInfo } from "node:os";
import { AppError, toAppError } from "@/lib/api/errors";
import { databaseFlavour, resolveDatabaseUrl, sqliteFilePath } from "@/lib/db/adapters";
import { createDb, type Db, closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { findSignerByNameOrId } from "@/lib/db/signers/signers";
import type { Actor } from "@/lib/services/audit";
import {
  BATCH_CERTIFICATES,
  importCertificates,
  MAX_FILE_BYTES,
  MAX_REQUEST_BYTES,
  type FileImportResult,
  type ImportFile,
} from "@/lib/services/import-certificates";
import { ImportThread } from "@/lib/services/import-thread";
import { ParsePool } from "@/lib/x509/parse-pool";
import { expandInputs } from "../input-files";
import { EXIT, parseCommandLine, UsageError, processIo, type Command, type Io } from "../io";

const SUMMARY = "import certificate files into the inventory (DATABASE_URL)";
const HELP = `Usage: signet import [--signer <name or id>] [--json] <file or folder>...

Imports certificate files into Signet's inventory: DATABASE_URL, or when unset the SQLite file
signet.db in SIGNET_DATA_DIR (default ./data/signet.db); pending migrations are applied first.
Folders are searched recursively in name order; symbolic links inside folders are skipped.
Importing the same file again changes nothing. Files over 1 MiB fail. A file holding a private
key is refused: nothing from it is stored, and the refusal is audited and raised as a finding.

Options:
  --signer <name or id>  link every imported certificate to this signer
  --json                 one JSON object per file on stdout: { file, status, certificates, error? }
  -h, --help             show this help

Files are stored up to a thousand certificates per transaction. If such a transaction fails it is
rolled back whole and its files are stored again one per transaction, so one bad file never
stops the others. Progress goes to stderr, the results to stdout, in input order.
Exit status: 0 when every file was imported or already known, 1 when any file failed or
was refused (or the signer or database could not be used), 2 for a usage error.`;

export const importCommand: Command = { name: "import", summary: SUMMARY, help: HELP, run: runImport };

/**
 * Files per call to the import service: the bytes limit bounds memory, this bounds latency. A call
 * of single-certificate files is one of the service's transactions.
 */
const BATCH_FILES = BATCH_CERTIFICATES;
/** Below this many files in a batch, parsing on this thread beats starting the worker pool. */
const MIN_FILES_FOR_WORKERS = 64;

async function runImport(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine({
    args,
    options: { signer: { type: "string" }, json: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (parsed.positionals.length === 0) throw new UsageError("give at least one file or folder");
  const isJson = parsed.values.json === true;

  const url = resolveDatabaseUrl(process.env);
  const target = databaseFlavour(url) === "sqlite" ? `SQLite ${sqliteFilePath(url)}` : "PostgreSQL";
  const { applied } = await applyMigrations({ url });
  if (applied.length > 0) io.stderr(`signet import: ${target}: applied ${applied.length} migration(s)`);
  const db = createDb(url);
  try {
    let signerId: string | undefined;
    if (parsed.values.signer !== undefined) {
      const signer = await findSignerByNameOrId(db, parsed.values.signer);
      if (!signer) {
        io.stderr(`signet import: no signer has the name or id "${parsed.values.signer}"`);
        return EXIT.failed;
      }
      signerId = signer.id;
    }
    const totals = await importAll(db, parsed.positionals, { io, isJson, signerId, url });
    const parts = [
      `${totals.imported} imported`,
      `${totals.known} already known`,
      ...(totals.failed ? [`${totals.failed} failed`] : []),
      ...(totals.refused ? [`${totals.refused} refused (private key)`] : []),
    ];
    io.stderr(
      `${totals.files} file${totals.files === 1 ? "" : "s"}: ${parts.join(", ")}; ${totals.certificatesImported} new certificate${totals.certificatesImported === 1 ? "" : "s"} in ${target}`,
    );
    return totals.failed + totals.refused > 0 ? EXIT.failed : EXIT.ok;
  } catch (error) {
    const e = toAppError(error);
    io.stderr(`signet import: ${e.message}`);
    if (e.code === "internal") io.stderr(String(error instanceof Error ? (error.stack ?? error.message) : error));
    return EXIT.failed;
  } finally {
    await closeDb(db);
  }
}

type Totals = {
  files: number;
  imported: number;
  known: number;
  failed: number;
  refused: number;
  certificatesImported: number;
};

async function importAll(
  db: Db,
  paths: string[],
  options: { io: Io; isJson: boolean; signerId?: string; url: string },
): Promise<Totals> {
  const { io } = options;
  const totals: Totals = { files: 0, imported: 0, known: 0, failed: 0, refused: 0, certificatesImported: 0 };
  const progress = progressReporter(io);
  const actor: Actor = { type: "system", label: `cli (${osUser()})` };
  const report = (r: FileImportResult) => {
    totals.files += 1;
    if (r.status === "imported") totals.imported += 1;
    else if (r.status === "already-known") totals.known += 1;
    else if (r.status === "failed") totals.failed += 1;
    else totals.refused += 1;
    totals.certificatesImported += r.certificates.filter((c) => c.status === "imported").length;
    progress.clear();
    io.stdout(options.isJson ? JSON.stringify(r) : describe(r));
  };

  // A run longer than one batch imports on a thread of its own (lib/services/import-thread.ts: its
  // own connection and parse pool, so the statements and signature checks leave this thread);
  // a shorter one imports here, where one pool parses a batch large enough to be worth the workers.
  let thread: ImportThread | undefined;
  let isThreadBroken = false;
  let pool: ParsePool | undefined;
  let batch: ImportFile[] = [];
  let batchBytes = 0;
  // While one batch is stored, the next two are sent (the import thread parses one while it stores
  // the other: it takes in a batch only between two stores). `storing` chains the stores (and the
  // reports, so output stays in input order); `stored` is that chain one batch shorter. The side
  // handler keeps a failure from counting as unhandled before a later flush awaits it.
  let storing: Promise<void> = Promise.resolve();
  let stored: Promise<void> = Promise.resolve();
  const chain = (step: () => Promise<void> | void) => {
    storing = storing.then(step);
    storing.catch(() => {});
  };
  const flush = async ({ isLast }: { isLast: boolean }) => {
    if (batch.length === 0) return;
    const files = batch;
    batch = [];
    batchBytes = 0;
    const input = { files, signerId: options.signerId, actor, source: "cli" as const };
    // a local import is bounded by the batch's bytes; the per-request certificate cap protects the web server
    const limits = { maxCertificatesPerRequest: Number.POSITIVE_INFINITY };
    if (!isLast && !isThreadBroken)
      thread ??= new ImportThread(options.url, { minFilesForWorkers: MIN_FILES_FOR_WORKERS });
    let done = 0;
    // the thread starts parsing this batch now; here the pool does (small batches parse faster on this thread than a worker starts)
    const importing = thread?.import(input, {
      now: io.now(),
      limits,
      onProgress: (p) => progress.update(done + p.doneFiles),
    });
    importing?.catch(() => {}); // awaited below
    const parsing =
      !importing && files.length >= MIN_FILES_FOR_WORKERS ? (pool ??= new ParsePool()).parseForStoring(files) : null;
    parsing?.catch(() => {}); // awaited by the import below
    await (importing ? stored : storing); // on the thread, at most one batch stored and two sent; here, one parsed
    stored = storing;
    const importHere = () =>
      importCertificates(db, input, {
        now: io.now(),
        limits,
        parseFiles: parsing ? () => parsing : undefined,
        // the workers then check later files' signatures against the issuers found so far
        onIssuers: (issuerDers) => pool?.addIssuers(issuerDers),
        onProgress: (p) => progress.update(done + p.doneFiles),
      });
    chain(async () => {
      done = totals.files; // the batches before this one are reported
      const result = importing
        ? await importing.catch((error: unknown) => {
            if (error instanceof AppError) throw error;
            // the thread died (or could not start): this batch and the rest import here; files it
            // committed before dying are found already known
            console.error("[signet] the import thread failed; importing on the main thread:", error);
            isThreadBroken = true;
            thread = undefined;
            return importHere();
          })
        : await importHere();
      for (const r of result.files) report(r);
    });
  };

  try {
    for (const input of expandInputs(paths)) {
      if ("error" in input) {
        const failed: FileImportResult = { file: input.path, status: "failed", certificates: [], error: input.error };
        chain(() => report(failed));
        continue;
      }
      if (batch.length > 0 && (batch.length >= BATCH_FILES || batchBytes + input.bytes.byteLength > MAX_REQUEST_BYTES))
        await flush({ isLast: false });
      batch.push({ name: input.path, bytes: input.bytes });
      batchBytes += Math.min(input.bytes.byteLength, MAX_FILE_BYTES + 1);
    }
    await flush({ isLast: true });
    await storing;
  } finally {
    await storing.catch(() => {});
    await thread?.close();
    await pool?.close();
  }
  progress.clear();
  return totals;
}

function describe(r: FileImportResult): string {
  const imported = r.certificates.filter((c) => c.status === "imported").length;
  const known = r.certificates.length - imported;
  switch (r.status) {
    case "imported":
      return `imported       ${r.file} (${imported} new${known ? `, ${known} already known` : ""})`;
    case "already-known":
      return `already known  ${r.file}${r.certificates.some((c) => c.signerLinked) ? " (linked to the signer)" : ""}`;
    case "refused-private-key":
      return `REFUSED        ${r.file}: ${r.error}`;
    default:
      return `FAILED         ${r.file}: ${r.error}`;
  }
}

/**
 * Progress on stderr: one line rewritten in place on a terminal, otherwise a line every 1,000
 * files, so logs of a CI job stay readable. Small imports print nothing.
 */
function progressReporter(io: Io) {
  const isTty = io === processIo && process.stderr.isTTY === true;
  let shown = false;
  let lastLogged = 0;
  let lastDrawnAt = 0;
  return {
    update(done: number) {
      if (isTty) {
        const at = Date.now();
        if (done < 50 || at - lastDrawnAt < 100) return;
        lastDrawnAt = at;
        process.stderr.write(`\rimporting… ${done} files done`);
        shown = true;
      } else if (done - lastLogged >= 1_000) {
        lastLogged = done;
        io.stderr(`signet import: ${done} files done`);
      }
    },
    clear() {
      if (shown) process.stderr.write("\r\x1b[K");
      shown = false;
    },
  };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown user";
  }
}
