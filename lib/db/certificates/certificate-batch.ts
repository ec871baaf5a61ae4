import type { Tx } from "@/lib/db/client";
import { ISSUER_CANDIDATE_LIMIT, type ImportSource, type LinkCandidate, type NewCertificate } from "./certificates";
import { insertJsonRows, selectWhereIn, type Columns } from "@/lib/db/json-rows";
import type { KeyFacts } from "@/lib/db/keys/keys";
import { refreshLineage } from "./lineage";

// Set-based reads and multi-row writes for bulk certificate imports (lib/services/store-certificate-batch.ts).
// Prisma's create/createMany go row by row on SQLite (~1 ms a row with the adapter), and a raw
// INSERT with a parameter per value spends most of its time binding them; rows go as one JSON
// parameter instead (json-rows.ts). The columns are the ones createCertificate / upsertSigningKey
// write, so rows look the same whichever path made them.

export type KnownCertificate = { id: string; sha256: string; keyId: string };

export async function findCertificatesBySha256(tx: Tx, sha256s: string[]): Promise<KnownCertificate[]> {
  return selectWhereIn<KnownCertificate>(tx, { select: `"id", "sha256", "keyId"`, table: "Certificate", column: "sha256", values: sha256s });
}

export async function findKeyIdsBySpki(tx: Tx, spkiSha256s: string[]): Promise<Map<string, string>> {
  const rows = await selectWhereIn<{ id: string; spkiSha256: string }>(tx, { select: `"id", "spkiSha256"`, table: "SigningKey", column: "spkiSha256", values: spkiSha256s });
  return new Map(rows.map((r) => [r.spkiSha256, r.id]));
}

const KEY_COLUMNS: Columns = { id: "text", spkiSha256: "text", algorithm: "text", bits: "int", curve: "text", firstSeenAt: "timestamp", updatedAt: "timestamp" };

/**
 * Inserts keys first seen now (firstSeenAt = now, custody unknown). A key another import inserted
 * meanwhile is skipped, not overwritten; callers read the ids back with findKeyIdsBySpki.
 */
export async function insertSigningKeys(tx: Tx, keys: (KeyFacts & { id: string })[], now: Date): Promise<void> {
  await insertJsonRows(tx, {
    table: "SigningKey",
    columns: KEY_COLUMNS,
    rows: keys.map((k) => ({ ...k, firstSeenAt: now, updatedAt: now })),
    onConflict: `("spkiSha256") DO NOTHING`,
  });
}

export type CertificateRowWrite = NewCertificate & { id: string; keyId: string; issuerCertId: string | null };

const CERTIFICATE_COLUMNS: Columns = {
  id: "text", sha256: "text", sha1: "text", der: "bytes", subject: "text", subjectCn: "text", issuer: "text", issuerCn: "text",
  serialHex: "text", notBefore: "timestamp", notAfter: "timestamp", keyAlgorithm: "text", keyBits: "int", curve: "text",
  signatureAlgorithm: "text", isCA: "bool", pathLength: "int", isSelfSigned: "bool", keyUsageJson: "text", isKeyUsageCritical: "bool",
  ekuJson: "text", crlUrlsJson: "text", ocspUrlsJson: "text", caIssuersUrlsJson: "text", sansJson: "text", policiesJson: "text",
  subjectKeyId: "text", authorityKeyId: "text", fulcioJson: "text", keyId: "text", issuerCertId: "text", importSource: "text", importedAt: "timestamp",
};

/**
 * Inserts certificates; returns the sha256 of the rows actually inserted (one another import
 * stored meanwhile is skipped by the unique index, and the caller decides what that means).
 */
export async function insertCertificates(tx: Tx, rows: CertificateRowWrite[], options: { importSource: ImportSource; now: Date }): Promise<Set<string>> {
  const returned = await insertJsonRows<{ sha256: string }>(tx, {
    table: "Certificate",
    columns: CERTIFICATE_COLUMNS,
    rows: rows.map((c) => ({
      ...c,
      keyUsageJson: JSON.stringify(c.keyUsage),
      ekuJson: JSON.stringify(c.ekus),
      crlUrlsJson: JSON.stringify(c.crlUrls),
      ocspUrlsJson: JSON.stringify(c.ocspUrls),
      caIssuersUrlsJson: JSON.stringify(c.caIssuersUrls),
      sansJson: JSON.stringify(c.sans),
      policiesJson: JSON.stringify(c.policies),
      fulcioJson: c.fulcio == null ? null : JSON.stringify(c.fulcio),
      importSource: options.importSource,
      importedAt: options.now,
    })),
    onConflict: `("sha256") DO NOTHING`,
    returning: `"sha256"`,
  });
  const inserted = new Set(returned.map((r) => r.sha256));
  await refreshLineage(tx, { certificateIds: rows.filter((r) => inserted.has(r.sha256)).map((r) => r.id) });
  return inserted;
}

/** Links certificates to a signer; returns the certificate ids whose link is new. */
export async function linkCertificatesToSigner(tx: Tx, signerId: string, certificateIds: string[], now: Date): Promise<Set<string>> {
  const returned = await insertJsonRows<{ certificateId: string }>(tx, {
    table: "SignerCertificate",
    columns: { signerId: "text", certificateId: "text", addedAt: "timestamp" },
    rows: certificateIds.map((certificateId) => ({ signerId, certificateId, addedAt: now })),
    onConflict: `("signerId", "certificateId") DO NOTHING`,
    returning: `"certificateId"`,
  });
  const linked = new Set(returned.map((r) => r.certificateId));
  await refreshLineage(tx, { certificateIds: [...linked] });
  return linked;
}

/** Possible issuers by subject key id (the child's AKI); the caller confirms each by signature. */
export async function findCertificatesBySubjectKeyId(tx: Tx, subjectKeyId: string): Promise<LinkCandidate[]> {
  return tx.certificate.findMany({ where: { subjectKeyId }, select: { id: true, sha256: true, der: true }, take: ISSUER_CANDIDATE_LIMIT });
}

/** Possible issuers by subject DN (the child's issuer DN); the caller confirms each by signature. */
export async function findCertificatesBySubject(tx: Tx, subject: string): Promise<LinkCandidate[]> {
  return tx.certificate.findMany({ where: { subject }, select: { id: true, sha256: true, der: true }, take: ISSUER_CANDIDATE_LIMIT });
}
