import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { artifactFacts, scanArtifact, type ReadContext, type ScanOutcome, type ScannedSignature } from "@/lib/scan";
import { decodeCertificate, parseCertificateFile, PRIVATE_KEY_MESSAGE } from "@/lib/x509";
import { expandInputs } from "../input-files";
import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";
import { postScanGroup, serverOf, type ScanUpload } from "./scan-server";

// `signet scan`: finds the signatures in signed artifacts, file by file (one file in memory at a
// time, at most 64 MiB each), with progress on stderr. Unsigned files are counted, not listed;
// malformed ones are reported with the reader's reason. With --server the files are also sent to
// Signet (POST /api/v1/scans) in groups, which records them and queues unregistered signers.

const SUMMARY = "find the signatures in signed artifacts and who made them (optionally record them in Signet)";
const HELP = `Usage: signet scan <files or folders>... [--json] [--server <Signet URL>] [--certificates <file>]

Finds the signatures in signed artifacts (Authenticode PE, CMS/PKCS#7, JAR/APK/XPI, NuGet,
Sigstore bundles, kernel modules) and prints who signed each. Folders are walked recursively.

Options:
  --json             one JSON line per signature found, with the sha256Fingerprint of each certificate
  --server <url>     also record the scan in Signet (or SIGNET_URL); needs SIGNET_TOKEN (scope ingest)
  --certificates <file>
                     PEM or DER certificates that may have made signatures carrying no certificate
                     (a kernel's module signing certificate): the signer is found and verified
                     (repeatable)
  -h, --help         show this help

Environment:
  SIGNET_TOKEN   an API token with the scope "ingest" (never pass tokens on the command line)

Exit status: 0 done (unsigned and malformed files included), 1 a file could not be read or
Signet refused the scan, 2 usage error.`;

export const MAX_SCAN_FILE_BYTES = 64 * 1024 * 1024;
const PROGRESS_EVERY = 100;
const DETACHED = /\.(sig|p7s|asc)$/i;

export const scanCommand: Command = { name: "scan", summary: SUMMARY, help: HELP, run: runScan };

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      json: { type: "boolean", default: false },
      server: { type: "string" },
      certificates: { type: "string", multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
}

type Counts = {
  files: number;
  signed: number;
  unsigned: number;
  malformed: number;
  unreadable: number;
  signatures: number;
};

async function runScan(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args);
  if (positionals.length === 0) throw new UsageError("give at least one file or folder");
  const server = v.server || process.env.SIGNET_URL ? serverOf(v.server) : null;
  const counts: Counts = { files: 0, signed: 0, unsigned: 0, malformed: 0, unreadable: 0, signatures: 0 };
  const uploads = server ? new UploadQueue(server, io) : null;
  const knownCertificates = (v.certificates ?? []).flatMap(readCertificates);
  for (const input of expandInputs(positionals, { maxBytes: MAX_SCAN_FILE_BYTES })) {
    counts.files++;
    if ("error" in input) {
      counts.unreadable++;
      io.stderr(`${input.path}: ${input.error}`);
      continue;
    }
    const outcome = await scanArtifact(input.path, input.bytes, contextFor(input.path, knownCertificates));
    const facts = artifactFacts(input.path, input.bytes);
    report(io, input.path, facts.sha256, outcome, counts, v.json === true);
    if (uploads) await uploads.add({ name: input.path, bytes: input.bytes });
    if (counts.files % PROGRESS_EVERY === 0) io.stderr(`scanned ${counts.files} files…`);
  }
  if (uploads) await uploads.flush();
  io.stderr(
    `scanned ${counts.files} file${counts.files === 1 ? "" : "s"}: ${counts.signed} signed (${counts.signatures} signature${counts.signatures === 1 ? "" : "s"}), ${counts.unsigned} unsigned, ${counts.malformed} malformed${counts.unreadable ? `, ${counts.unreadable} unreadable` : ""}${uploads ? `; recorded in Signet: ${uploads.summary()}` : ""}`,
  );
  return counts.unreadable > 0 || uploads?.hasFailed ? EXIT.failed : EXIT.ok;
}

/** --certificates: every certificate in the file, or a usage error naming the file and why. */
function readCertificates(path: string): Uint8Array[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(
      `--certificates ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
    );
  }
  const parsed = parseCertificateFile(new Uint8Array(bytes), { fileName: path });
  if (parsed.hasPrivateKey) throw new UsageError(`--certificates ${path}: ${PRIVATE_KEY_MESSAGE}`);
  if (parsed.certificates.length === 0)
    throw new UsageError(`--certificates ${path}: ${parsed.errors[0]?.message ?? "no certificate in the file"}`);
  return parsed.certificates.map((c) => c.der);
}

/**
 * The detached signature's content (the file of the same name without .sig/.p7s/.asc beside it)
 * and the certificates given with --certificates.
 */
function contextFor(path: string, knownCertificates: Uint8Array[]): ReadContext {
  const context: ReadContext = knownCertificates.length > 0 ? { knownCertificates } : {};
  if (!DETACHED.test(path)) return context;
  const content = path.replace(DETACHED, "");
  if (!existsSync(content) || statSync(content).size > MAX_SCAN_FILE_BYTES) return context;
  return { ...context, detachedContent: new Uint8Array(readFileSync(content)) };
}

function report(io: Io, path: string, sha256: string, outcome: ScanOutcome, counts: Counts, isJson: boolean) {
  if (outcome.kind === "unsigned") {
    counts.unsigned++;
    return;
  }
  if (outcome.kind === "malformed") {
    counts.malformed++;
    io.stderr(`${path}: malformed${outcome.format ? ` ${outcome.format}` : ""}: ${outcome.reason}`);
    return;
  }
  counts.signed++;
  counts.signatures += outcome.signatures.length;
  if (!isJson)
    io.stdout(
      `${path}  ${outcome.format}, ${outcome.signatures.length} signature${outcome.signatures.length === 1 ? "" : "s"}`,
    );
  for (const s of outcome.signatures) {
    if (isJson) io.stdout(JSON.stringify(signatureJson(path, sha256, s)));
    else io.stdout(`  ${s.location}: ${signatureLine(s)}`);
  }
}

function describe(der: Uint8Array) {
  try {
    const c = decodeCertificate(der);
    return { sha256Fingerprint: c.sha256, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter.toISOString() };
  } catch {
    return { sha256Fingerprint: artifactFacts("certificate", der).sha256, subject: null, issuer: null, notAfter: null };
  }
}

export function signatureJson(path: string, sha256: string, s: ScannedSignature) {
  return {
    file: path,
    name: basename(path),
    sha256,
    format: s.format,
    location: s.location,
    signer: s.signerCertificate ? describe(s.signerCertificate) : null,
    /** how the signature names its signer: the only name when it carries no certificate (kernel modules) */
    signerId: s.signerId ?? null,
    certificates: s.certificates.map(describe),
    digestAlgorithm: s.digestAlgorithm,
    claimedSigningTime: s.claimedSigningTime?.toISOString() ?? null,
    timestamp: s.timestamp
      ? {
          kind: s.timestamp.kind,
          time: s.timestamp.time.toISOString(),
          authority: s.timestamp.authority,
          verified: s.timestamp.verified,
        }
      : null,
    verification: s.verification,
    keyless: s.keyless ? { ...s.keyless, integratedTime: s.keyless.integratedTime?.toISOString() ?? null } : null,
  };
}

/** A signer named only by the signature (no certificate found): issuer and serial, or key id. */
function signerIdText(s: ScannedSignature): string {
  const id = s.signerId;
  if (id?.issuer && id.serialNumberHex) return `issuer ${id.issuer}, serial ${id.serialNumberHex}`;
  if (id?.subjectKeyIdentifierHex) return `key id ${id.subjectKeyIdentifierHex}`;
  return "unknown signer";
}

function signatureLine(s: ScannedSignature): string {
  const who = s.keyless
    ? `${s.keyless.subject} (keyless, ${s.keyless.issuer})`
    : s.signerCertificate
      ? describe(s.signerCertificate).subject
      : signerIdText(s);
  const stamp = s.timestamp
    ? `, ${s.timestamp.kind} ${s.timestamp.time.toISOString()}${s.timestamp.verified ? "" : " (unverified)"}`
    : "";
  const verified =
    s.verification.status === "verified" ? "verified" : `${s.verification.status}: ${s.verification.reason}`;
  return `${who}; ${verified}${stamp}`;
}

/** Sends files to Signet in groups under the server's request limit; holds at most one group. */
class UploadQueue {
  private group: ScanUpload[] = [];
  private bytes = 0;
  private totals = { signed: 0, unsigned: 0, malformed: 0, failed: 0, discovered: 0 };
  hasFailed = false;

  constructor(
    private readonly server: ReturnType<typeof serverOf>,
    private readonly io: Io,
  ) {}

  async add(file: ScanUpload) {
    if (this.group.length >= 50 || this.bytes + file.bytes.byteLength > 90 * 1024 * 1024) await this.flush();
    this.group.push(file);
    this.bytes += file.bytes.byteLength;
  }

  async flush() {
    if (this.group.length === 0) return;
    const group = this.group;
    this.group = [];
    this.bytes = 0;
    const answer = await postScanGroup(this.server, group);
    if ("error" in answer) {
      this.hasFailed = true;
      this.io.stderr(`signet scan: Signet did not record ${group.length} file(s): ${answer.error}`);
      return;
    }
    for (const k of Object.keys(this.totals) as (keyof typeof this.totals)[]) this.totals[k] += answer.summary[k] ?? 0;
    for (const f of answer.files) if (f.outcome === "failed") this.io.stderr(`${f.name}: not recorded: ${f.reason}`);
  }

  summary(): string {
    const t = this.totals;
    return `${t.signed} signed, ${t.unsigned} unsigned, ${t.malformed} malformed, ${t.failed} failed, ${t.discovered} new unregistered signer${t.discovered === 1 ? "" : "s"}`;
  }
}
