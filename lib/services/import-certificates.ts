import { createHash } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { Db, Tx } from "@/lib/db/client";
import {
  createCertificate,
  findCertificateBySha256,
  linkCertificateToSigner,
  linkIssuerBothWays,
  type ImportSource,
  type NewCertificate,
} from "@/lib/db/certificates";
import { raiseEventFinding, toFindingWrite } from "@/lib/db/findings";
import { upsertSigningKey } from "@/lib/db/keys";
import { findSignerById } from "@/lib/db/signers";
import { privateKeySubmittedDraft } from "@/lib/domain/findings";
import { parseCertificateFile, verifySignedBy } from "@/lib/x509";
import type { CertificateFacts, ParseResult } from "@/lib/x509/types";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// Certificate import: many files, each stored in its own transaction (with its audit event) so a
// bad file never spoils the others or leaves half a row. Idempotent by SHA-256 of the DER.

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
};

export type ImportedCertificate = {
  sha256: string;
  subject: string;
  status: "imported" | "already-known";
  /** sha256 of the issuer certificate it was linked to (signature verified) */
  linkedIssuer?: string;
  /** true when the link to the requested signer is new */
  signerLinked?: boolean;
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
  const parsed = input.files.map((file) => parseOne(file, limits));
  const certificateCount = parsed.reduce((n, p) => n + (p.result?.certificates.length ?? 0), 0);
  if (certificateCount > limits.maxCertificatesPerRequest) {
    throw new AppError(
      "too_large",
      `The files hold ${certificateCount} certificates; one request may hold at most ${limits.maxCertificatesPerRequest}. Split the import.`,
    );
  }

  const results: FileImportResult[] = [];
  const touched = { certificateIds: new Set<string>(), keyIds: new Set<string>(), signerIds: new Set<string>() };
  for (const [index, item] of parsed.entries()) {
    results.push(await importOne(db, item, input, options.now, touched));
    options.onProgress?.({ doneFiles: index + 1, totalFiles: parsed.length });
  }

  if (options.isEvaluating !== false && touched.certificateIds.size > 0) {
    await evaluateFindings(db, {
      now: options.now,
      certificateIds: [...touched.certificateIds],
      keyIds: [...touched.keyIds],
      signerIds: [...touched.signerIds],
    });
  }
  return { files: results, summary: summarise(results), certificateIds: [...touched.certificateIds] };
}

function assertRequestSize(files: ImportFile[], limits: ImportLimits) {
  if (files.length === 0) throw new AppError("bad_request", "No files to import");
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (total > limits.maxRequestBytes) {
    throw new AppError("too_large", `The files total ${formatBytes(total)}; one request may hold at most ${formatBytes(limits.maxRequestBytes)}. Split the import.`);
  }
}

type ParsedFile = { file: ImportFile; result?: ParseResult; error?: string };

function parseOne(file: ImportFile, limits: ImportLimits): ParsedFile {
  if (file.bytes.byteLength > limits.maxFileBytes) {
    return { file, error: `File is ${formatBytes(file.bytes.byteLength)}; the limit is ${formatBytes(limits.maxFileBytes)} per file` };
  }
  try {
    return { file, result: parseCertificateFile(file.bytes, { fileName: file.name }) };
  } catch {
    // the parser reports problems as errors; a throw is a bug there, not the user's fault, and
    // its message might quote file content, so it is not passed on
    return { file, error: "The file could not be read as a certificate (internal parser error)" };
  }
}

type Touched = { certificateIds: Set<string>; keyIds: Set<string>; signerIds: Set<string> };

async function importOne(db: Db, item: ParsedFile, input: ImportCertificatesInput, now: Date, touched: Touched): Promise<FileImportResult> {
  const name = item.file.name;
  if (item.error || !item.result) return { file: name, status: "failed", certificates: [], error: item.error };
  const result = item.result;
  if (result.hasPrivateKey) {
    await refusePrivateKey(db, item.file, input, now);
    return {
      file: name,
      status: "refused-private-key",
      certificates: [],
      error: "The file contains a private key. It was refused and not stored: upload only the certificate, and treat the key as exposed.",
    };
  }
  if (result.errors.length > 0 || result.certificates.length === 0) {
    // all or nothing per file: a partly readable bundle is reported, not half-imported
    const error = result.errors.length > 0
      ? result.errors.map((e) => (e.block ? `block ${e.block}: ${e.message}` : e.message)).join("; ")
      : "No certificate found in the file";
    return { file: name, status: "failed", certificates: [], error };
  }
  try {
    const stored = await db.$transaction(
      (tx) => storeCertificates(tx, result.certificates, { actor: input.actor, source: input.source, signerId: input.signerId, fileName: name, now }),
      { timeout: 120_000, maxWait: 30_000 },
    );
    for (const id of stored.certificateIds) touched.certificateIds.add(id);
    for (const id of stored.keyIds) touched.keyIds.add(id);
    if (input.signerId && stored.certificateIds.length > 0) touched.signerIds.add(input.signerId);
    const isNew = stored.certificates.some((c) => c.status === "imported");
    return { file: name, status: isNew ? "imported" : "already-known", certificates: stored.certificates };
  } catch (error) {
    console.error(`[signet] import of ${name} failed:`, error);
    return { file: name, status: "failed", certificates: [], error: "The file could not be stored (the error has been logged); nothing from it was kept" };
  }
}

export type StoreCertificatesContext = {
  actor: Actor;
  source: ImportSource;
  signerId?: string;
  fileName: string;
  now: Date;
  /** false when the caller records one audit event for a larger change (the demo loader) */
  isAudited?: boolean;
};

/**
 * Stores the certificates of one file inside the caller's transaction: the key by SPKI, the
 * certificate (unless its SHA-256 is known), issuer links both ways, the signer link, and the
 * file's audit event.
 */
export async function storeCertificates(tx: Tx, certificates: CertificateFacts[], ctx: StoreCertificatesContext) {
  const out: ImportedCertificate[] = [];
  const certificateIds: string[] = [];
  const idBySha256 = new Map<string, string>();
  const keyIds = new Set<string>();
  for (const facts of certificates) {
    const known = await findCertificateBySha256(tx, facts.sha256);
    let id: string;
    const entry: ImportedCertificate = { sha256: facts.sha256, subject: facts.subject, status: known ? "already-known" : "imported" };
    if (known) {
      id = known.id;
    } else {
      const { key } = await upsertSigningKey(tx, { spkiSha256: facts.spkiSha256, algorithm: facts.keyAlgorithm, bits: facts.keyBits, curve: facts.curve }, { now: ctx.now });
      const cert = toNewCertificate(facts);
      const created = await createCertificate(tx, cert, { keyId: key.id, importSource: ctx.source, now: ctx.now });
      id = created.id;
      keyIds.add(key.id);
      const links = await linkIssuerBothWays(tx, { id, ...cert }, { isIssuedBy: verifySignedBy });
      if (links.issuerSha256) entry.linkedIssuer = links.issuerSha256;
      certificateIds.push(id);
    }
    idBySha256.set(facts.sha256, id);
    if (ctx.signerId) {
      entry.signerLinked = await linkCertificateToSigner(tx, { signerId: ctx.signerId, certificateId: id, now: ctx.now });
      if (entry.signerLinked && known) {
        certificateIds.push(id);
        keyIds.add(known.keyId);
      }
    }
    out.push(entry);
  }
  const imported = out.filter((c) => c.status === "imported");
  const linked = out.filter((c) => c.signerLinked);
  if (ctx.isAudited !== false && (imported.length > 0 || linked.length > 0)) {
    await recordAudit(tx, {
      actor: ctx.actor,
      action: imported.length > 0 ? "certificate.imported" : "signer.certificate-linked",
      targetType: ctx.signerId ? "signer" : "certificate",
      targetId: ctx.signerId ?? (imported.length === 1 ? certificateIds[0] : undefined),
      summary: imported.length > 0
        ? `Imported ${imported.length} certificate${imported.length === 1 ? "" : "s"} from ${ctx.fileName} (${ctx.source})`
        : `Linked ${linked.length} known certificate${linked.length === 1 ? "" : "s"} from ${ctx.fileName} to a signer`,
      details: {
        fileName: ctx.fileName,
        source: ctx.source,
        signerId: ctx.signerId ?? null,
        certificates: out.map((c) => ({ sha256: c.sha256, status: c.status, signerLinked: c.signerLinked ?? false })),
      },
      at: ctx.now,
    });
  }
  return { certificates: out, certificateIds, keyIds: [...keyIds], idBySha256 };
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
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: input.actor,
      action: "certificate.private-key-refused",
      targetType: "upload",
      targetId: subjectId,
      summary: `Refused ${file.name}: it contains a private key (not stored)`,
      details: { fileName: file.name, fileSha256, fileBytes: file.bytes.byteLength, source: input.source },
      at: now,
    });
    const draft = privateKeySubmittedDraft({ keyId: subjectId, submittedAt: now, submittedBy: `${input.actor.label} (${input.source})`, fileName: file.name });
    // there is no SigningKey row behind this subject: keep the keyId link column empty
    await raiseEventFinding(tx, { ...toFindingWrite(draft), keyId: null, signerId: input.signerId ?? null, evidenceJson: JSON.stringify({ ...draft.evidence, fileSha256, source: input.source }) }, { now });
  });
}

export function toNewCertificate(f: CertificateFacts): NewCertificate {
  return {
    sha256: f.sha256,
    sha1: f.sha1,
    der: f.der,
    subject: f.subject,
    subjectCn: f.subjectCn,
    issuer: f.issuer,
    issuerCn: f.issuerCn,
    serialHex: f.serialHex,
    notBefore: f.notBefore,
    notAfter: f.notAfter,
    keyAlgorithm: f.keyAlgorithm,
    keyBits: f.keyBits,
    curve: f.curve,
    signatureAlgorithm: f.signatureAlgorithm,
    isCA: f.isCA,
    pathLength: f.pathLength,
    isSelfSigned: f.selfSigned,
    keyUsage: f.keyUsage,
    isKeyUsageCritical: f.isKeyUsageCritical,
    ekus: f.extendedKeyUsage.map((e) => e.oid),
    crlUrls: f.crlDistributionPoints,
    ocspUrls: f.ocspUrls,
    caIssuersUrls: f.caIssuersUrls,
    sans: f.sans,
    policies: f.policies,
    subjectKeyId: f.subjectKeyId,
    authorityKeyId: f.authorityKeyId,
    fulcio: f.fulcio,
  };
}

function summarise(results: FileImportResult[]): ImportCertificatesResult["summary"] {
  const summary = { imported: 0, "already-known": 0, failed: 0, "refused-private-key": 0, certificatesImported: 0, certificatesAlreadyKnown: 0 };
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
