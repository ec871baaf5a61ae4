import {
  findCertificatesBySha256,
  findCertificatesBySubject,
  findCertificatesBySubjectKeyId,
  insertCertificates,
  type CertificateRowWrite,
} from "@/lib/db/certificates/certificate-batch";
import { linkCertificatesToSigner } from "@/lib/db/signers/signer-admin";
import { findKeyIdsBySpki, insertSigningKeys } from "@/lib/db/keys/keys";
import {
  findOrphanChildCandidates,
  setCertificateIssuer,
  type LinkCandidate,
} from "@/lib/db/certificates/certificates";
import type { Tx } from "@/lib/db/client";
import { orderedId } from "@/lib/db/ids";
import { pickCertificateFields } from "@/lib/domain/certificate-fields";
import type { StoredCertificateFacts } from "@/lib/x509/types";
import { recordAuditMany, type AuditInput } from "./audit";
import { auditOfStoredFile, type ImportedCertificate, type StoreCertificatesContext } from "./store-certificates";

// Stores the certificates of many files in one transaction with set-based reads and multi-row
// writes: the bulk path of the importer. It must reach the same end state as storing the files
// one after another with storeCertificates (the per-file path, still used when this fails):
// the same rows, issuer links confirmed by a signature check, signer links, and one audit event
// per file that changed something.

export type BatchFile = { name: string; certificates: StoredCertificateFacts[] };

export type BatchContext = Omit<StoreCertificatesContext, "fileName" | "isAudited"> & {
  /** confirms that `issuerDer`'s key signed `childDer` (lib/x509 createIssuerVerifier) */
  isIssuedBy: (childDer: Uint8Array, issuerDer: Uint8Array) => boolean;
};

export type StoredBatch = {
  /** per file, in input order */
  files: ImportedCertificate[][];
  /** certificates whose findings may change: new ones, and known ones newly linked to the signer */
  certificateIds: string[];
  keyIds: string[];
  /** already stored certificates that the batch's CA certificates turned out to have issued */
  adoptedIds: string[];
  /** DER of the certificates that signed the batch's new ones (a parse pool checks later files against them) */
  issuerDers: Uint8Array[];
};

/** Thrown when another import stored one of the batch's certificates meanwhile: the caller retries file by file. */
export class ConcurrentImportError extends Error {
  constructor() {
    super("another import stored some of these certificates meanwhile");
    this.name = "ConcurrentImportError";
  }
}

type Pending = { facts: StoredCertificateFacts; id: string; issuerId?: string; issuerSha256?: string };

export async function storeCertificateBatch(tx: Tx, files: BatchFile[], ctx: BatchContext): Promise<StoredBatch> {
  // the first occurrence of each certificate in the batch is the one that may be new
  const firstBySha = new Map<string, StoredCertificateFacts>();
  for (const f of files) for (const c of f.certificates) if (!firstBySha.has(c.sha256)) firstBySha.set(c.sha256, c);

  const known = new Map((await findCertificatesBySha256(tx, [...firstBySha.keys()])).map((k) => [k.sha256, k]));
  const fresh = new Map<string, Pending>();
  for (const [sha, facts] of firstBySha) if (!known.has(sha)) fresh.set(sha, { facts, id: orderedId() });

  const keyIds = await storeKeys(
    tx,
    [...fresh.values()].map((p) => p.facts),
    ctx.now,
  );
  const issuerDers = await linkIssuers(tx, fresh, ctx);
  const adoptions = await findAdoptions(tx, fresh, ctx);

  // one object per row, the picked fields with the row's own columns added (a thousand rows a batch:
  // spreading the ~30 fields into a second object cost more than the rest of building the row)
  const rows: CertificateRowWrite[] = [...fresh.values()].map((p) =>
    Object.assign(pickCertificateFields(p.facts), {
      id: p.id,
      keyId: keyIds.get(p.facts.spkiSha256)!,
      issuerCertId: p.issuerId ?? null,
    }),
  );
  const idOf = (sha: string) => fresh.get(sha)?.id ?? known.get(sha)!.id;
  const inserting = insertCertificates(tx, rows, { importSource: ctx.source, now: ctx.now });
  // Without a signer the files' results and audit events do not depend on the insert: they are
  // worked out, and the audit statements queued, while the database inserts the certificates (on
  // PostgreSQL that is a third of a batch's time). A conflict found below still rolls back all.
  let results: FileResults | undefined;
  let auditing: Promise<void> = Promise.resolve();
  if (!ctx.signerId) {
    results = fileResults(files, { fresh, idOf, linkedIds: new Set() }, ctx);
    auditing = recordAuditMany(tx, results.audits);
  }
  // both settle before either's error is passed on: a statement queued after the caller's ROLLBACK
  // would run outside the transaction
  const [insertedOrError, audited] = await Promise.allSettled([inserting, auditing]);
  if (insertedOrError.status === "rejected") throw insertedOrError.reason;
  if (audited.status === "rejected") throw audited.reason;
  const inserted = insertedOrError.value;
  // a row skipped by the unique index was stored by a concurrent import; links computed for this
  // batch may point at it under an id that never existed, so the whole batch goes the slow way
  if (inserted.size !== rows.length) throw new ConcurrentImportError();
  for (const a of adoptions) await setCertificateIssuer(tx, a.childId, a.issuerId);
  const adoptedIds = adoptions.map((a) => a.childId);

  const linkedIds = ctx.signerId
    ? await linkCertificatesToSigner(tx, ctx.signerId, [...firstBySha.keys()].map(idOf), ctx.now)
    : new Set<string>();

  const certificateIds = new Set(rows.map((r) => r.id));
  const touchedKeys = new Set(rows.map((r) => r.keyId));
  for (const k of known.values()) {
    if (linkedIds.has(k.id)) {
      certificateIds.add(k.id);
      touchedKeys.add(k.keyId);
    }
  }
  if (!results) {
    results = fileResults(files, { fresh, idOf, linkedIds }, ctx);
    await recordAuditMany(tx, results.audits);
  }
  return {
    files: results.files,
    certificateIds: [...certificateIds],
    keyIds: [...touchedKeys],
    adoptedIds,
    issuerDers,
  };
}

type FileResults = { files: ImportedCertificate[][]; audits: AuditInput[] };

/** Per-file results as sequential per-file storing would report them, and each file's audit event. */
function fileResults(
  files: BatchFile[],
  batch: { fresh: Map<string, Pending>; idOf: (sha: string) => string; linkedIds: Set<string> },
  ctx: BatchContext,
): FileResults {
  const { fresh, idOf, linkedIds } = batch;
  const claimed = new Set<string>();
  const claimedLinks = new Set<string>();
  const audits: AuditInput[] = [];
  const out = files.map((f) => {
    const entries = f.certificates.map((facts): ImportedCertificate => {
      const id = idOf(facts.sha256);
      const isNew = fresh.has(facts.sha256) && !claimed.has(facts.sha256);
      claimed.add(facts.sha256);
      const entry: ImportedCertificate = {
        sha256: facts.sha256,
        subject: facts.subject,
        status: isNew ? "imported" : "already-known",
      };
      const issuerSha256 = isNew ? fresh.get(facts.sha256)!.issuerSha256 : undefined;
      if (issuerSha256) entry.linkedIssuer = issuerSha256;
      if (ctx.signerId) {
        entry.signerLinked = linkedIds.has(id) && !claimedLinks.has(id);
        claimedLinks.add(id);
      }
      return entry;
    });
    const newIds = entries.filter((e) => e.status === "imported").map((e) => idOf(e.sha256));
    const audit = auditOfStoredFile(entries, newIds, { ...ctx, fileName: f.name });
    if (audit) audits.push(audit);
    return entries;
  });
  return { files: out, audits };
}

/** Key ids by SPKI hash for every certificate, inserting the keys seen for the first time. */
async function storeKeys(tx: Tx, certificates: StoredCertificateFacts[], now: Date): Promise<Map<string, string>> {
  const spkis = [...new Set(certificates.map((c) => c.spkiSha256))];
  const ids = await findKeyIdsBySpki(tx, spkis);
  const missing = new Map<string, StoredCertificateFacts>();
  for (const c of certificates) if (!ids.has(c.spkiSha256) && !missing.has(c.spkiSha256)) missing.set(c.spkiSha256, c);
  if (missing.size === 0) return ids;
  await insertSigningKeys(
    tx,
    [...missing.values()].map((c) => ({
      id: orderedId(),
      spkiSha256: c.spkiSha256,
      algorithm: c.keyAlgorithm,
      bits: c.keyBits,
      curve: c.curve,
    })),
    now,
  );
  // read back: a key inserted by a concurrent import keeps that import's id
  for (const [spki, id] of await findKeyIdsBySpki(tx, [...missing.keys()])) ids.set(spki, id);
  return ids;
}

/**
 * Finds each new certificate's issuer among the stored certificates and the batch itself, the way
 * linkIssuerBothWays does one at a time: candidates by AKI = SKI, or by issuer DN = subject when
 * none match by key id, each confirmed by a signature check. Stored candidates are looked up once
 * per distinct AKI and issuer DN, so a batch of leaves from one CA costs a query or two and one
 * cached issuer key. A check a parse worker already made (facts.issuerChecks) stands for the
 * signature check. Returns the DER of the issuers found.
 */
async function linkIssuers(tx: Tx, fresh: Map<string, Pending>, ctx: BatchContext): Promise<Uint8Array[]> {
  const issuers = new Map<string, Uint8Array>();
  const bySki = new Map<string, Pending[]>();
  const bySubject = new Map<string, Pending[]>();
  for (const p of fresh.values()) {
    if (p.facts.subjectKeyId) push(bySki, p.facts.subjectKeyId, p);
    push(bySubject, p.facts.subject, p);
  }
  const storedByKeyId = new Map<string, LinkCandidate[]>();
  const storedBySubject = new Map<string, LinkCandidate[]>();
  const inBatch = (list: Pending[] | undefined, self: Pending): LinkCandidate[] =>
    (list ?? []).filter((c) => c !== self).map((c) => ({ id: c.id, sha256: c.facts.sha256, der: c.facts.der }));
  for (const p of fresh.values()) {
    if (p.facts.isSelfSigned) continue;
    const { authorityKeyId: aki, issuer } = p.facts;
    let candidates: LinkCandidate[] = [];
    if (aki) {
      let stored = storedByKeyId.get(aki);
      if (!stored) storedByKeyId.set(aki, (stored = await findCertificatesBySubjectKeyId(tx, aki)));
      candidates = [...stored, ...inBatch(bySki.get(aki), p)];
    }
    if (candidates.length === 0) {
      let stored = storedBySubject.get(issuer);
      if (!stored) storedBySubject.set(issuer, (stored = await findCertificatesBySubject(tx, issuer)));
      candidates = [...stored, ...inBatch(bySubject.get(issuer), p)];
    }
    for (const candidate of candidates) {
      if (candidate.sha256 === p.facts.sha256) continue;
      const checked = p.facts.issuerChecks?.find((c) => c.issuerSha256 === candidate.sha256);
      if (checked ? checked.isSignedBy : ctx.isIssuedBy(p.facts.der, candidate.der)) {
        p.issuerId = candidate.id;
        p.issuerSha256 = candidate.sha256;
        issuers.set(candidate.sha256, candidate.der);
        break;
      }
    }
  }
  return [...issuers.values()];
}

/** Stored certificates still waiting for an issuer that a new CA certificate of the batch signed. */
async function findAdoptions(
  tx: Tx,
  fresh: Map<string, Pending>,
  ctx: BatchContext,
): Promise<{ childId: string; issuerId: string }[]> {
  const adoptions: { childId: string; issuerId: string }[] = [];
  const adopted = new Set<string>();
  for (const p of fresh.values()) {
    if (!p.facts.isCA) continue;
    // the batch is not inserted yet, so every candidate is a stored certificate
    for (const child of await findOrphanChildCandidates(tx, {
      id: p.id,
      subject: p.facts.subject,
      subjectKeyId: p.facts.subjectKeyId,
    })) {
      if (adopted.has(child.id)) continue;
      if (ctx.isIssuedBy(child.der, p.facts.der)) {
        adoptions.push({ childId: child.id, issuerId: p.id });
        adopted.add(child.id);
      }
    }
  }
  return adoptions;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
