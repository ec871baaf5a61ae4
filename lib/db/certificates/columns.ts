import type { Certificate as CertificateModel } from "@/lib/db/generated/sqlite/client";
import { toBool, toDate, toNumber, type ColumnType, type Columns } from "@/lib/db/sql";
import type { CertificateFieldName, CertificateFields } from "@/lib/domain/certificate-fields";

// Where each field of the one certificate shape (lib/domain/certificate-fields.ts) is stored. The
// single writer (createCertificate), the bulk writer (insertCertificates), the detail view and the
// findings loader all go through this map, so a field has one column and one encoding. Lists and
// the Fulcio claims are JSON text in a *Json column.

type CertificateColumn = keyof CertificateModel;

/** The columns certificateName (lib/domain/certificate-name.ts) names a certificate by: select them with it. */
export const certificateNameSelect = { subjectCn: true, subject: true } as const;

/** Field → its Certificate column and how it is stored. */
export const CERTIFICATE_FIELD_COLUMNS = {
  der: { column: "der", type: "bytes" },
  sha256: { column: "sha256", type: "text" },
  sha1: { column: "sha1", type: "text" },
  subject: { column: "subject", type: "text" },
  subjectCn: { column: "subjectCn", type: "text" },
  issuer: { column: "issuer", type: "text" },
  issuerCn: { column: "issuerCn", type: "text" },
  serialHex: { column: "serialHex", type: "text" },
  notBefore: { column: "notBefore", type: "timestamp" },
  notAfter: { column: "notAfter", type: "timestamp" },
  keyAlgorithm: { column: "keyAlgorithm", type: "text" },
  keyBits: { column: "keyBits", type: "int" },
  curve: { column: "curve", type: "text" },
  signatureAlgorithm: { column: "signatureAlgorithm", type: "text" },
  isCA: { column: "isCA", type: "bool" },
  pathLength: { column: "pathLength", type: "int" },
  isSelfSigned: { column: "isSelfSigned", type: "bool" },
  keyUsage: { column: "keyUsageJson", type: "json" },
  isKeyUsageCritical: { column: "isKeyUsageCritical", type: "bool" },
  ekus: { column: "ekuJson", type: "json" },
  crlUrls: { column: "crlUrlsJson", type: "json" },
  ocspUrls: { column: "ocspUrlsJson", type: "json" },
  caIssuersUrls: { column: "caIssuersUrlsJson", type: "json" },
  sans: { column: "sansJson", type: "json" },
  policies: { column: "policiesJson", type: "json" },
  subjectKeyId: { column: "subjectKeyId", type: "text" },
  authorityKeyId: { column: "authorityKeyId", type: "text" },
  fulcio: { column: "fulcioJson", type: "json" },
  isKeyless: { column: "isKeyless", type: "bool" },
} as const satisfies Record<CertificateFieldName, { column: CertificateColumn; type: ColumnType }>;

type FieldColumns = typeof CERTIFICATE_FIELD_COLUMNS;
type FieldColumn = FieldColumns[CertificateFieldName]["column"];

/** The Certificate columns that are not the certificate's own content: identity, links, import, revocation, findings job, lineage. */
type RecordColumn =
  | "id"
  | "keyId"
  | "issuerCertId"
  | "importSource"
  | "importedAt"
  | "revocationStatus"
  | "revocationReason"
  | "revokedAt"
  | "revocationCheckedAt"
  | "revocationSource"
  | "revocationThisUpdate"
  | "revocationNextUpdate"
  | "revocationError"
  | "nextEvaluationAt"
  | "supersededAt"
  | "supersededById";

// The other way round: every column of the Prisma model is a field's or a record column (a column
// added to the schema must be placed here), and every record column exists. Fails to compile otherwise.
type Unplaced = [Exclude<CertificateColumn, FieldColumn | RecordColumn>, Exclude<RecordColumn, CertificateColumn>];
const _everyColumnPlaced: Unplaced extends [never, never] ? true : false = true;
void _everyColumnPlaced;

/** The stored values of a certificate's fields, by column (JSON encoded where the column is JSON text). */
export type CertificateColumnValues = Omit<Pick<CertificateModel, FieldColumn>, "der"> & { der: Uint8Array };

export function certificateColumnValues(c: CertificateFields): CertificateColumnValues {
  const out: Record<string, unknown> = {};
  for (const [field, { column, type }] of Object.entries(CERTIFICATE_FIELD_COLUMNS)) {
    const value = c[field as CertificateFieldName];
    out[column] = type === "json" ? (value == null ? null : JSON.stringify(value)) : value;
  }
  return out as CertificateColumnValues;
}

/** The bulk writer's column types for the fields (lib/db/sql `Columns`). */
export const CERTIFICATE_FIELD_COLUMN_TYPES: Columns = Object.fromEntries(
  Object.values(CERTIFICATE_FIELD_COLUMNS).map(({ column, type }) => [column, type]),
);

/** The field each column holds, for the bulk writer to read rows of fields (insertJsonRows' `fieldOf`). */
export const CERTIFICATE_FIELD_OF_COLUMN: Readonly<Record<string, CertificateFieldName>> = Object.fromEntries(
  Object.entries(CERTIFICATE_FIELD_COLUMNS).map(([field, { column }]) => [column, field as CertificateFieldName]),
);

/** The columns holding these fields (for a raw SELECT). */
export function certificateColumnList(fields: readonly CertificateFieldName[]): string[] {
  return fields.map((f) => CERTIFICATE_FIELD_COLUMNS[f].column);
}

/**
 * These fields from a stored row, by their columns: a Prisma result or a raw-SQL row (SQLite gives
 * 0/1 and text dates there, so values are converted by the column's type either way).
 */
export function readCertificateFields<const K extends CertificateFieldName>(
  row: Record<string, unknown>,
  fields: readonly K[],
): Pick<CertificateFields, K> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const { column, type } = CERTIFICATE_FIELD_COLUMNS[field];
    out[field] = readValue(row[column], type, field);
  }
  return out as Pick<CertificateFields, K>;
}

function readValue(value: unknown, type: ColumnType, field: CertificateFieldName): unknown {
  switch (type) {
    case "bool":
      return toBool(value);
    case "int":
      return toNumber(value);
    case "timestamp":
      return toDate(value);
    case "json":
      return field === "fulcio" ? parseJsonObject(value as string | null) : parseStringArray(value as string | null);
    default:
      return value ?? null;
  }
}

export function parseJsonArray(text: string | null | undefined): unknown[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export function parseStringArray(text: string | null | undefined): string[] {
  return parseJsonArray(text).filter((v): v is string => typeof v === "string");
}

function parseJsonObject(text: string | null | undefined): Record<string, string | null> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, string | null>)
      : null;
  } catch {
    return null;
  }
}
