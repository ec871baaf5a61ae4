import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import { insertArtifactSignatures, upsertArtifact, type ArtifactSignatureWrite } from "@/lib/db/artifacts/artifacts";
import { upsertIdentity } from "@/lib/db/artifacts/discovery";
import {
  loadSignerForDiscovery,
  loadSigningCertificateContext,
  type SigningCertificateContext,
  listKeylessDeclarations,
} from "@/lib/db/artifacts/signing-context";
import {
  createScanBatch,
  finishScanBatch,
  insertScanFile,
  type ScanFileOutcome,
  type ScanFileWrite,
} from "@/lib/db/artifacts/scans";
import type { ImportSource } from "@/lib/db/certificates/certificates";
import { raiseEventFinding, toFindingWrite } from "@/lib/db/findings/findings";
import { subjectsAffectedBy } from "@/lib/db/findings/inputs";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { artifactSignatureDrafts, unregisteredDraft } from "@/lib/domain/findings/artifact-rules";
import { isProductionEnvironment } from "@/lib/domain/findings/shared";
import { matchKeylessSigner } from "@/lib/domain/keyless-signer";
import type { FindingsPolicy } from "@/lib/domain/policy";
import type { ArtifactFacts, ScanOutcome, ScannedSignature } from "@/lib/scan";
import { decodeCertificate } from "@/lib/x509";
import type { CertificateFacts } from "@/lib/x509/types";
import { recordAudit, recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { storeCertificates } from "./store-certificates";

// Records what a scan found (lib/scan read the files; this stores them). One transaction per
// file: the artifact by SHA-256 (idempotent: a repeat scan marks it seen again and keeps the
// signatures stored the first time), the certificates the signatures carry through the
// certificate import path (issuer links, keys, their own audit), the discovery queue entry for a
// signer certificate or keyless identity no registered signer uses, the discovery findings, the
// file's outcome and its audit event. A file that fails is recorded as failed in a transaction of
// its own; the others stand. The batch's counts and audit event close the scan.

export type ScanSource = Exclude<ImportSource, "demo">;

export type ScannedFile = {
  facts: ArtifactFacts;
  outcome: ScanOutcome;
  /** the name as given, path included */ path?: string;
};

export type RecordedSignature = {
  location: string;
  format: string;
  signerCertificateSha256: string | null;
  signer: { id: string; name: string } | null;
  /** the discovery queue entry, when no registered signer uses the certificate or identity */
  discovery: { id: string; state: string; isNew: boolean } | null;
  verification: ScannedSignature["verification"];
  timestampAt: string | null;
  findings: string[];
};

export type RecordedFile = Omit<ScanFileWrite, "signatureCount" | "artifactId"> & {
  isAlreadyKnown: boolean;
  signatures: RecordedSignature[];
};

export type RecordScanResult = {
  batchId: string;
  files: RecordedFile[];
  summary: Record<ScanFileOutcome, number> & { signatures: number; discovered: number };
  /** files with no signature: a release folder should have none */
  unsigned: { name: string; sha256: string }[];
};

const FAILED = "The file could not be recorded (internal error); the other files were kept";

export async function recordScan(
  db: Db,
  input: { files: ScannedFile[]; actor: Actor; source: ScanSource },
  options: { now: Date; onProgress?: (p: { doneFiles: number; totalFiles: number }) => void },
): Promise<RecordScanResult> {
  const { now } = options;
  const batchId = await withTransaction(db, (tx) =>
    createScanBatch(tx, { actor: input.actor, source: input.source, totalFiles: input.files.length, now }),
  );
  const { policy } = await loadCurrentPolicy(db);
  const touchedCertificateIds = new Set<string>();
  const files: RecordedFile[] = [];
  for (const file of input.files) {
    try {
      // certificates are decoded before the transaction opens: it holds only database work
      const decoded = file.outcome.kind === "signed" ? file.outcome.signatures.map(decodeAll) : [];
      files.push(
        await withTransaction(
          db,
          (tx) => recordFile(tx, file, decoded, { ...input, batchId, now, policy, touchedCertificateIds }),
          { timeout: 60_000, maxWait: 30_000 },
        ),
      );
    } catch (error) {
      console.error(`[signet] recording scanned file ${file.facts.name} failed:`, error);
      files.push(await recordFailure(db, batchId, file));
    }
    options.onProgress?.({ doneFiles: files.length, totalFiles: input.files.length });
  }
  const summary = summarise(files);
  await withTransaction(db, async (tx) => {
    await finishScanBatch(
      tx,
      batchId,
      {
        signedFiles: summary.signed,
        unsignedFiles: summary.unsigned,
        malformedFiles: summary.malformed,
        failedFiles: summary.failed,
        signatureCount: summary.signatures,
      },
      now,
    );
    await recordAudit(tx, {
      actor: input.actor,
      action: "scan.recorded",
      targetType: "scan",
      targetId: batchId,
      summary: `Scanned ${input.files.length} file${input.files.length === 1 ? "" : "s"} (${input.source}): ${summary.signed} signed, ${summary.unsigned} unsigned, ${summary.malformed} malformed${summary.failed ? `, ${summary.failed} failed` : ""}`,
      details: { source: input.source, ...summary },
      at: now,
    });
  });
  await evaluateTouched(db, touchedCertificateIds, now);
  return {
    batchId,
    files,
    summary,
    unsigned: files.filter((f) => f.outcome === "unsigned").map((f) => ({ name: f.name, sha256: f.sha256 })),
  };
}

type FileContext = {
  actor: Actor;
  source: ScanSource;
  batchId: string;
  now: Date;
  policy: FindingsPolicy;
  touchedCertificateIds: Set<string>;
};

type DecodedCertificates = { facts: CertificateFacts; isSigner: boolean }[];

async function recordFile(
  tx: Tx,
  file: ScannedFile,
  decoded: DecodedCertificates[],
  ctx: FileContext,
): Promise<RecordedFile> {
  const { facts, outcome } = file;
  const name = file.path ?? facts.name;
  const note = outcome.kind === "unsigned" ? outcome.note : outcome.kind === "malformed" ? outcome.reason : null;
  const artifact = await upsertArtifact(
    tx,
    {
      sha256: facts.sha256,
      name: facts.name,
      size: facts.size,
      format: outcome.format,
      outcome: outcome.kind,
      note,
      scanSource: ctx.source,
    },
    ctx.now,
  );
  const signatures: RecordedSignature[] = [];
  const writes: ArtifactSignatureWrite[] = [];
  if (outcome.kind === "signed") {
    for (const [index, signature] of outcome.signatures.entries()) {
      const recorded = await recordSignature(tx, signature, decoded[index], {
        ...ctx,
        fileName: name,
        artifactSha256: facts.sha256,
      });
      signatures.push(recorded.view);
      writes.push(recorded.write);
    }
    if (!artifact.hasSignatures) await insertArtifactSignatures(tx, artifact.id, writes, ctx.now);
  }
  const scanned = {
    name,
    sha256: facts.sha256,
    size: facts.size,
    outcome: outcome.kind,
    format: outcome.format,
    reason: note,
  };
  await insertScanFile(tx, ctx.batchId, { ...scanned, signatureCount: signatures.length, artifactId: artifact.id });
  await recordAuditBy(tx, ctx, {
    action: "artifact.scanned",
    targetType: "artifact",
    targetId: artifact.id,
    summary: `Scanned ${name}: ${outcome.kind}${signatures.length ? ` (${signatures.length} signature${signatures.length === 1 ? "" : "s"})` : ""}${artifact.isNew ? "" : ", already known"}`,
    details: {
      sha256: facts.sha256,
      format: outcome.format,
      outcome: outcome.kind,
      reason: note,
      batchId: ctx.batchId,
    },
  });
  return { ...scanned, isAlreadyKnown: !artifact.isNew, signatures };
}

async function recordSignature(
  tx: Tx,
  signature: ScannedSignature,
  decoded: DecodedCertificates,
  ctx: FileContext & { fileName: string; artifactSha256: string },
): Promise<{ view: RecordedSignature; write: ArtifactSignatureWrite }> {
  const stored = await storeCertificates(
    tx,
    decoded.map((d) => d.facts),
    {
      actor: ctx.actor,
      source: ctx.source,
      fileName: ctx.fileName,
      now: ctx.now,
    },
  );
  for (const id of stored.certificateIds) ctx.touchedCertificateIds.add(id);
  const signerFacts = signature.signerCertificate ? decoded.find((d) => d.isSigner)?.facts : undefined;
  const certificateId = signerFacts ? (stored.idBySha256.get(signerFacts.sha256) ?? null) : null;
  const cert = certificateId ? await loadSigningCertificateContext(tx, certificateId) : null;
  const keyless = signature.keyless;
  const timestamp = signature.timestamp?.verified ? signature.timestamp : null;

  // who signed: the registered signer using the certificate, else the queue's decision
  let signer = cert?.signers.length === 1 ? cert.signers[0] : null;
  let discovery: RecordedSignature["discovery"] = null;
  const findings: string[] = [];
  // a signer's declared keyless identity names the signer of a keyless signature before the queue is asked
  if (!signer && keyless) {
    const match = matchKeylessSigner(keyless, await listKeylessDeclarations(tx));
    if (match) signer = await loadSignerForDiscovery(tx, match.signer.id);
  }
  if (cert && !signer && (cert.signers.length === 0 || keyless)) {
    const { identity, isNew } = await upsertIdentity(
      tx,
      {
        kind: keyless ? "keyless" : "certificate",
        identityKey: keyless ? `${keyless.issuer} ${keyless.subject}` : cert.sha256,
        label: keyless ? keyless.subject : certificateName(cert),
        certificateId: cert.id,
        keylessIssuer: keyless?.issuer ?? null,
        keylessSubject: keyless?.subject ?? null,
      },
      ctx.now,
    );
    discovery = { id: identity.id, state: identity.state, isNew };
    if (identity.state === "linked" && identity.signerId && !signer) {
      signer = await loadSignerForDiscovery(tx, identity.signerId);
    }
    if (identity.state === "new") {
      const draft = unregisteredDraft({
        certificateId: cert.id,
        keyId: cert.keyId,
        identityId: identity.id,
        identityLabel: identity.label,
        kind: identity.kind,
        artifactName: ctx.fileName,
        artifactSha256: ctx.artifactSha256,
        seenAt: ctx.now,
      });
      await raiseEventFinding(tx, toFindingWrite(draft), { now: ctx.now });
      findings.push(draft.ruleId);
    }
  }
  if (cert) {
    const drafts = artifactSignatureDrafts({
      artifactSha256: ctx.artifactSha256,
      artifactName: ctx.fileName,
      location: signature.location,
      certificate: { ...cert, label: certificateName(cert) },
      timestampAt: timestamp?.time ?? null,
      claimedSigningAt: signature.claimedSigningTime,
      isKeyless: keyless !== null,
      custody: cert.keyCustody !== "unknown" ? cert.keyCustody : (signer?.custody ?? "unknown"),
      signer: signer
        ? {
            id: signer.id,
            name: signer.name,
            isProduction: signer.environments.some((e) =>
              isProductionEnvironment(e, ctx.policy.signers.productionEnvironments),
            ),
          }
        : null,
      scannedAt: ctx.now,
    });
    for (const d of drafts) {
      await raiseEventFinding(tx, toFindingWrite(d), { now: ctx.now });
      findings.push(d.ruleId);
    }
  }
  const write: ArtifactSignatureWrite = {
    location: signature.location,
    format: signature.format,
    certificateId,
    certificateSha256s: decoded.map((d) => d.facts.sha256),
    digestAlgorithm: signature.digestAlgorithm,
    claimedSigningAt: signature.claimedSigningTime,
    timestampKind: signature.timestamp?.kind ?? null,
    timestampAuthority: signature.timestamp?.authority ?? null,
    timestampAt: signature.timestamp?.time ?? null,
    isTimestampVerified: signature.timestamp?.verified ?? false,
    verificationStatus: signature.verification.status,
    verificationReason: "reason" in signature.verification ? signature.verification.reason : null,
    keylessIssuer: keyless?.issuer ?? null,
    keylessSubject: keyless?.subject ?? null,
    keylessWorkflow: keyless?.workflow ?? null,
    keylessRepository: keyless?.repository ?? null,
    logIndex: keyless?.logIndex ?? null,
    integratedAt: keyless?.integratedTime ?? null,
    discoveredIdentityId: discovery?.id ?? null,
  };
  return {
    write,
    view: {
      location: signature.location,
      format: signature.format,
      signerCertificateSha256: cert?.sha256 ?? null,
      signer: signer ? { id: signer.id, name: signer.name } : null,
      discovery,
      verification: signature.verification,
      timestampAt: timestamp?.time.toISOString() ?? null,
      findings,
    },
  };
}

/**
 * The signature's certificates as facts, the signer's first; a certificate that cannot be decoded
 * is left out (the signature is still recorded, without it).
 */
function decodeAll(signature: ScannedSignature): DecodedCertificates {
  const ders = signature.signerCertificate
    ? [signature.signerCertificate, ...signature.certificates]
    : signature.certificates;
  const out: DecodedCertificates = [];
  const seen = new Set<string>();
  ders.forEach((der, index) => {
    try {
      const facts = decodeCertificate(der);
      if (seen.has(facts.sha256)) return;
      seen.add(facts.sha256);
      out.push({ facts, isSigner: index === 0 && signature.signerCertificate !== null });
    } catch {
      // an undecodable certificate in a signature is the reader's finding to report, not ours
    }
  });
  return out;
}

function certificateName(c: Pick<SigningCertificateContext, "subject" | "subjectCn" | "sha256">): string {
  const name = c.subjectCn?.trim() || c.subject || `certificate ${c.sha256.slice(0, 12)}…`;
  return `Certificate “${name}”`;
}

async function recordFailure(db: Db, batchId: string, file: ScannedFile): Promise<RecordedFile> {
  const name = file.path ?? file.facts.name;
  const row = {
    name,
    sha256: file.facts.sha256,
    size: file.facts.size,
    outcome: "failed" as const,
    format: file.outcome.format,
    reason: FAILED,
    signatureCount: 0,
    artifactId: null,
  };
  await withTransaction(db, (tx) => insertScanFile(tx, batchId, row));
  return { ...row, isAlreadyKnown: false, signatures: [] };
}

function summarise(files: RecordedFile[]): RecordScanResult["summary"] {
  const out = { signed: 0, unsigned: 0, malformed: 0, failed: 0, signatures: 0, discovered: 0 };
  for (const f of files) {
    out[f.outcome] += 1;
    out.signatures += f.signatures.length;
    out.discovered += f.signatures.filter((s) => s.discovery?.isNew).length;
  }
  return out;
}

async function evaluateTouched(db: Db, certificateIds: Set<string>, now: Date) {
  if (certificateIds.size === 0) return;
  try {
    const affected = await subjectsAffectedBy(db, { certificateIds: [...certificateIds], keyIds: [], signerIds: [] });
    await evaluateFindings(db, { now, ...affected });
  } catch (error) {
    // the scan is committed; the next findings sweep catches up
    console.error("[signet] re-evaluating findings after a scan failed:", error);
  }
}
