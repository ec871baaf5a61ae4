import { Prisma } from "./generated/sqlite/client";
import type { Tx } from "./client";
import { ISSUER_CANDIDATE_LIMIT, type ImportSource, type LinkCandidate, type NewCertificate } from "./certificates";
import type { KeyFacts } from "./keys";

// Set-based reads and multi-row writes for bulk certificate imports (lib/services/store-certificate-batch.ts).
// Prisma's create/createMany go row by row on SQLite (~1 ms a row with the adapter); one
// statement per few hundred rows is what lets an import keep up with the parser. The columns are
// the ones createCertificate / upsertSigningKey write, so rows look the same whichever path made them.

/** Rows per INSERT: 36 parameters a certificate row stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS = 200;
/** Values per IN (...) list. */
const IN_CHUNK = 500;

export type KnownCertificate = { id: string; sha256: string; keyId: string };

export async function findCertificatesBySha256(tx: Tx, sha256s: string[]): Promise<KnownCertificate[]> {
  const out: KnownCertificate[] = [];
  for (let i = 0; i < sha256s.length; i += IN_CHUNK) {
    const chunk = sha256s.slice(i, i + IN_CHUNK);
    out.push(...(await tx.$queryRaw<KnownCertificate[]>`SELECT "id", "sha256", "keyId" FROM "Certificate" WHERE "sha256" IN (${Prisma.join(chunk)})`));
  }
  return out;
}

export async function findKeyIdsBySpki(tx: Tx, spkiSha256s: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < spkiSha256s.length; i += IN_CHUNK) {
    const chunk = spkiSha256s.slice(i, i + IN_CHUNK);
    const rows = await tx.$queryRaw<{ id: string; spkiSha256: string }[]>`SELECT "id", "spkiSha256" FROM "SigningKey" WHERE "spkiSha256" IN (${Prisma.join(chunk)})`;
    for (const r of rows) out.set(r.spkiSha256, r.id);
  }
  return out;
}

/**
 * Inserts keys first seen now (firstSeenAt = now, custody unknown). A key another import inserted
 * meanwhile is skipped, not overwritten; callers read the ids back with findKeyIdsBySpki.
 */
export async function insertSigningKeys(tx: Tx, keys: (KeyFacts & { id: string })[], now: Date): Promise<void> {
  for (let i = 0; i < keys.length; i += ROWS) {
    const values = keys.slice(i, i + ROWS).map((k) => Prisma.sql`(${k.id}, ${k.spkiSha256}, ${k.algorithm}, ${k.bits}, ${k.curve}, ${now}, ${now})`);
    await tx.$executeRaw`INSERT INTO "SigningKey" ("id", "spkiSha256", "algorithm", "bits", "curve", "firstSeenAt", "updatedAt") VALUES ${Prisma.join(values)} ON CONFLICT ("spkiSha256") DO NOTHING`;
  }
}

export type CertificateRowWrite = NewCertificate & { id: string; keyId: string; issuerCertId: string | null };

/**
 * Inserts certificates; returns the sha256 of the rows actually inserted (one another import
 * stored meanwhile is skipped by the unique index, and the caller decides what that means).
 */
export async function insertCertificates(tx: Tx, rows: CertificateRowWrite[], options: { importSource: ImportSource; now: Date }): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += ROWS) {
    const values = rows.slice(i, i + ROWS).map(
      (c) => Prisma.sql`(${c.id}, ${c.sha256}, ${c.sha1}, ${c.der}, ${c.subject}, ${c.subjectCn}, ${c.issuer}, ${c.issuerCn}, ${c.serialHex}, ${c.notBefore}, ${c.notAfter}, ${c.keyAlgorithm}, ${c.keyBits}, ${c.curve}, ${c.signatureAlgorithm}, ${c.isCA}, ${c.pathLength}, ${c.isSelfSigned}, ${JSON.stringify(c.keyUsage)}, ${c.isKeyUsageCritical}, ${JSON.stringify(c.ekus)}, ${JSON.stringify(c.crlUrls)}, ${JSON.stringify(c.ocspUrls)}, ${JSON.stringify(c.caIssuersUrls)}, ${JSON.stringify(c.sans)}, ${JSON.stringify(c.policies)}, ${c.subjectKeyId}, ${c.authorityKeyId}, ${c.fulcio == null ? null : JSON.stringify(c.fulcio)}, ${c.keyId}, ${c.issuerCertId}, ${options.importSource}, ${options.now})`,
    );
    const returned = await tx.$queryRaw<{ sha256: string }[]>`INSERT INTO "Certificate" ("id", "sha256", "sha1", "der", "subject", "subjectCn", "issuer", "issuerCn", "serialHex", "notBefore", "notAfter", "keyAlgorithm", "keyBits", "curve", "signatureAlgorithm", "isCA", "pathLength", "isSelfSigned", "keyUsageJson", "isKeyUsageCritical", "ekuJson", "crlUrlsJson", "ocspUrlsJson", "caIssuersUrlsJson", "sansJson", "policiesJson", "subjectKeyId", "authorityKeyId", "fulcioJson", "keyId", "issuerCertId", "importSource", "importedAt") VALUES ${Prisma.join(values)} ON CONFLICT ("sha256") DO NOTHING RETURNING "sha256"`;
    for (const r of returned) inserted.add(r.sha256);
  }
  return inserted;
}

/** Links certificates to a signer; returns the certificate ids whose link is new. */
export async function linkCertificatesToSigner(tx: Tx, signerId: string, certificateIds: string[], now: Date): Promise<Set<string>> {
  const linked = new Set<string>();
  for (let i = 0; i < certificateIds.length; i += ROWS) {
    const values = certificateIds.slice(i, i + ROWS).map((id) => Prisma.sql`(${signerId}, ${id}, ${now})`);
    const returned = await tx.$queryRaw<{ certificateId: string }[]>`INSERT INTO "SignerCertificate" ("signerId", "certificateId", "addedAt") VALUES ${Prisma.join(values)} ON CONFLICT ("signerId", "certificateId") DO NOTHING RETURNING "certificateId"`;
    for (const r of returned) linked.add(r.certificateId);
  }
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
