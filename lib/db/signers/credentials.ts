import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { insertJsonRows } from "@/lib/db/sql";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import {
  PIPELINE_CREDENTIAL_NAME,
  pipelineCredentialExpiresAt,
  type SignerCredentialRef,
} from "@/lib/domain/signer-credentials";

// A signer's credentials (SignerCredential): what and where each is and when it expires, never its
// value. The signers aggregate writes them; the legacy single-credential field credentialExpiresAt
// reads and writes the one pipeline credential (isPipeline) through pipelineExpiry/setPipelineExpiry.

export const credentialSelect = {
  id: true,
  kind: true,
  name: true,
  location: true,
  expiresAt: true,
  lastRotatedAt: true,
  isPipeline: true,
} as const;

/** How every read of a signer includes its credentials: the pipeline credential first, then by name. */
export const signerCredentialsInclude = {
  select: credentialSelect,
  orderBy: [{ isPipeline: "desc" as const }, { name: "asc" as const }],
};

/** A signer row read with `credentials: signerCredentialsInclude`, with the legacy credentialExpiresAt added. */
export function withPipelineExpiry<T extends { credentials: SignerCredentialRef[] }>(
  row: T,
): T & { credentialExpiresAt: Date | null } {
  return { ...row, credentialExpiresAt: pipelineCredentialExpiresAt(row.credentials) };
}

export type CredentialWrite = {
  kind: string;
  name: string;
  location?: string | null;
  expiresAt?: Date | null;
  lastRotatedAt?: Date | null;
};

export async function listSignerCredentials(db: DbOrTx, signerId: string): Promise<SignerCredentialRef[]> {
  return db.signerCredential.findMany({ where: { signerId }, ...signerCredentialsInclude });
}

/** The credential if it belongs to the signer, else null (ids of another signer's credentials do not exist here). */
export async function findSignerCredential(db: DbOrTx, signerId: string, id: string) {
  return db.signerCredential.findFirst({ where: { id, signerId }, select: credentialSelect });
}

export async function countSignerCredentials(db: DbOrTx, signerId: string): Promise<number> {
  return db.signerCredential.count({ where: { signerId } });
}

export async function insertSignerCredential(
  tx: Tx,
  signerId: string,
  c: CredentialWrite & { isPipeline?: boolean },
): Promise<SignerCredentialRef> {
  return tx.signerCredential.create({
    // a field left out takes the column's default: null, and false for isPipeline
    data: { signerId, ...c },
    select: credentialSelect,
  });
}

export async function updateSignerCredentialRow(
  tx: Tx,
  id: string,
  fields: Partial<CredentialWrite>,
): Promise<SignerCredentialRef> {
  return tx.signerCredential.update({ where: { id }, data: fields, select: credentialSelect });
}

export async function deleteSignerCredentialRow(tx: Tx, id: string): Promise<void> {
  await tx.signerCredential.delete({ where: { id } });
}

/**
 * The legacy credentialExpiresAt write: sets the pipeline credential's expiry, creating that
 * credential when an expiry is given and there is none yet (a null expiry creates nothing).
 */
export async function setPipelineExpiry(
  tx: Tx,
  signerId: string,
  options: { expiresAt: Date | null; credentialType: string },
): Promise<void> {
  const existing = await tx.signerCredential.findFirst({ where: { signerId, isPipeline: true }, select: { id: true } });
  if (existing) {
    await tx.signerCredential.update({ where: { id: existing.id }, data: { expiresAt: options.expiresAt } });
    return;
  }
  if (!options.expiresAt) return;
  await tx.signerCredential.create({ data: { signerId, ...pipelineRow(options) } });
}

/** The pipeline credentials of newly inserted signers (bulk import, create): one JSON statement per 500 rows. */
export async function insertPipelineCredentials(
  tx: Tx,
  rows: { signerId: string; expiresAt: Date | null; credentialType: string; createdAt: Date }[],
): Promise<void> {
  const data = rows
    .filter((r) => r.expiresAt)
    .map((r) => ({
      id: randomUUID(),
      signerId: r.signerId,
      ...pipelineRow(r),
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
    }));
  if (data.length === 0) return;
  await insertJsonRows(tx, { table: "SignerCredential", columns: CREDENTIAL_COLUMNS, rows: data });
}

const CREDENTIAL_COLUMNS = {
  id: "text",
  signerId: "text",
  kind: "text",
  name: "text",
  expiresAt: "timestamp",
  isPipeline: "bool",
  createdAt: "timestamp",
  updatedAt: "timestamp",
} as const;

function pipelineRow(o: { expiresAt: Date | null; credentialType: string }) {
  return {
    kind: o.credentialType === "certificate" ? "certificate" : "signing-service",
    name: PIPELINE_CREDENTIAL_NAME,
    expiresAt: o.expiresAt,
    isPipeline: true,
  };
}

/** The signer credentials are managed on, if `user` may see it (null: not found for them). */
export async function findCredentialSigner(db: DbOrTx, signerId: string, user?: ScopeUser) {
  return db.signer.findFirst({
    where: { AND: [{ id: signerId }, user ? signerScopeWhere(user) : {}] },
    select: { id: true, name: true },
  });
}

export async function findSignerCredentialByName(db: DbOrTx, signerId: string, name: string) {
  return db.signerCredential.findFirst({ where: { signerId, name }, select: { id: true } });
}
