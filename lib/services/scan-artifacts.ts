import { AppError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { findCertificatesNamedBy } from "@/lib/db/artifacts/signing-context";
import {
  artifactFacts,
  scanArtifact,
  type ReadContext,
  type ScannedSignature,
  type SignerIdentifier,
} from "@/lib/scan";
import type { Actor } from "./audit";
import { formatBytes } from "./import-certificates";
import { recordScan, type RecordScanResult, type ScanSource, type ScannedFile } from "./record-scan";

// Scans uploaded files (POST /api/v1/scans, the dashboard's upload) and records what was found.
// A detached signature (.sig, .p7s, .asc) is checked against the file of the same name without
// that extension when both came in the same request. A signature that names its signer without
// carrying its certificate (kernel modules) is read again with the inventory's certificate of
// that issuer and serial, when there is one, so it is verified and attributed like the others.

/** One file may be this large: a release binary, not a disk image. */
export const MAX_SCAN_FILE_BYTES = 64 * 1024 * 1024;
/** One request may carry this much; the CLI and the upload page send files in groups under it. */
export const MAX_SCAN_REQUEST_BYTES = 100 * 1024 * 1024;

export type ScanUpload = { name: string; bytes: Uint8Array };

const DETACHED = /\.(sig|p7s|asc)$/i;

export async function scanArtifacts(
  db: Db,
  input: { files: ScanUpload[]; actor: Actor; source: ScanSource },
  options: { now: Date },
): Promise<RecordScanResult> {
  assertSizes(input.files);
  const byName = new Map(input.files.map((f) => [f.name, f.bytes]));
  const scanned: ScannedFile[] = [];
  const namedBy = memoised((id: SignerIdentifier) => findCertificatesNamedBy(db, id));
  for (const file of input.files) {
    const detachedContent = DETACHED.test(file.name) ? byName.get(file.name.replace(DETACHED, "")) : undefined;
    const context: ReadContext = detachedContent ? { detachedContent } : {};
    let outcome = await scanArtifact(file.name, file.bytes, context);
    const named = outcome.kind === "signed" ? outcome.signatures.flatMap(certificatelessSigner) : [];
    const knownCertificates = (await Promise.all(named.map(namedBy))).flat();
    if (knownCertificates.length > 0)
      outcome = await scanArtifact(file.name, file.bytes, { ...context, knownCertificates });
    scanned.push({ facts: artifactFacts(file.name, file.bytes), outcome, path: file.name });
  }
  return recordScan(db, { files: scanned, actor: input.actor, source: input.source }, options);
}

const certificatelessSigner = (s: ScannedSignature): SignerIdentifier[] =>
  s.signerCertificate === null && s.signerId ? [s.signerId] : [];

/** One look-up per distinct signer in a request: every module of a kernel names the same key. */
function memoised<T>(find: (id: SignerIdentifier) => Promise<T>) {
  const seen = new Map<string, Promise<T>>();
  return (id: SignerIdentifier) => {
    const key = JSON.stringify([id.issuer, id.serialNumberHex, id.subjectKeyIdentifierHex]);
    let found = seen.get(key);
    if (!found) seen.set(key, (found = find(id)));
    return found;
  };
}

function assertSizes(files: ScanUpload[]) {
  if (files.length === 0) throw new AppError("bad_request", "No files to scan");
  const big = files.find((f) => f.bytes.byteLength > MAX_SCAN_FILE_BYTES);
  if (big) {
    throw new AppError(
      "too_large",
      `${big.name} is ${formatBytes(big.bytes.byteLength)}; one file may be at most ${formatBytes(MAX_SCAN_FILE_BYTES)}`,
    );
  }
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (total > MAX_SCAN_REQUEST_BYTES) {
    throw new AppError(
      "too_large",
      `The files total ${formatBytes(total)}; one scan request may hold at most ${formatBytes(MAX_SCAN_REQUEST_BYTES)}. Split the scan.`,
    );
  }
}
