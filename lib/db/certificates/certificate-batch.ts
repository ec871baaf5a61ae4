import type { Tx } from "@/lib/db/client";
import {
  findLinkCandidates,
  ISSUER_CANDIDATE_LIMIT,
  type ImportSource,
  type LinkCandidate,
  type NewCertificate,
} from "./certificates";
import { insertJsonRows, Prisma, selectWhereIn, type Columns } from "@/lib/db/sql";
import { CERTIFICATE_FIELD_COLUMN_TYPES, CERTIFICATE_FIELD_OF_COLUMN } from "./columns";
import { refreshLineage } from "./lineage";

// Set-based reads and multi-row writes for bulk certificate imports (lib/services/store-certificate-batch.ts).
// Prisma's create/createMany go row by row on SQLite (~1 ms a row with the adapter), and a raw
// INSERT with a parameter per value spends most of its time binding them; rows go as one JSON
// parameter instead (json-rows.ts). The columns are the ones createCertificate / upsertSigningKey
// write, so rows look the same whichever path made them.

export type KnownCertificate = { id: string; sha256: string; keyId: string };

export async function findCertificatesBySha256(tx: Tx, sha256s: string[]): Promise<KnownCertificate[]> {
  return selectWhereIn<KnownCertificate>(tx, {
    select: `"id", "sha256", "keyId"`,
    table: "Certificate",
    column: "sha256",
    values: sha256s,
  });
}

export type CertificateRowWrite = NewCertificate & { id: string; keyId: string; issuerCertId: string | null };

// the fields' columns (columns.ts) plus the record columns this writer sets; revocation keeps its defaults
const CERTIFICATE_COLUMNS: Columns = {
  id: "text",
  ...CERTIFICATE_FIELD_COLUMN_TYPES,
  keyId: "text",
  issuerCertId: "text",
  importSource: "text",
  importedAt: "timestamp",
};

/**
 * Inserts certificates; returns the sha256 of the rows actually inserted (one another import
 * stored meanwhile is skipped by the unique index, and the caller decides what that means).
 */
export async function insertCertificates(
  tx: Tx,
  rows: CertificateRowWrite[],
  options: { importSource: ImportSource; now: Date },
): Promise<Set<string>> {
  const returned = await insertJsonRows<{ sha256: string }>(tx, {
    table: "Certificate",
    columns: CERTIFICATE_COLUMNS,
    // the rows' fields as they are, written to their columns as certificateColumnValues would write them
    rows,
    fieldOf: CERTIFICATE_FIELD_OF_COLUMN,
    shared: { importSource: options.importSource, importedAt: options.now },
    onConflict: `("sha256") DO NOTHING`,
    returning: `"sha256"`,
  });
  const inserted = new Set(returned.map((r) => r.sha256));
  const insertedRows = rows.filter((r) => inserted.has(r.sha256));
  await refreshLineage(tx, { certificateIds: insertedRows.map((r) => r.id), inserted: insertedRows });
  return inserted;
}

/** Possible issuers by subject key id (the child's AKI); the caller confirms each by signature. */
export async function findCertificatesBySubjectKeyId(tx: Tx, subjectKeyId: string): Promise<LinkCandidate[]> {
  return findLinkCandidates(tx, Prisma.sql`"subjectKeyId" = ${subjectKeyId}`, { limit: ISSUER_CANDIDATE_LIMIT });
}

/** Possible issuers by subject DN (the child's issuer DN); the caller confirms each by signature. */
export async function findCertificatesBySubject(tx: Tx, subject: string): Promise<LinkCandidate[]> {
  return findLinkCandidates(tx, Prisma.sql`"subject" = ${subject}`, { limit: ISSUER_CANDIDATE_LIMIT });
}
