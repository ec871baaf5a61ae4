import { randomUUID } from "node:crypto";
import type { Tx, DbOrTx } from "@/lib/db/client";
import { insertJsonRows } from "@/lib/db/sql";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { diffGrants, type GrantSpec } from "@/lib/domain/privileges";
import { refreshLineage } from "@/lib/db/certificates/lineage";
import { personRefSelect } from "@/lib/db/people/people";
import type { SignerCredentialRef } from "@/lib/domain/signer-credentials";
import {
  insertPipelineCredentials,
  setPipelineExpiry,
  signerCredentialsInclude,
  withPipelineExpiry,
} from "./credentials";

// Writes behind signer administration: create/update rows (declared key custody included), grants,
// certificate links, and the look-ups that turn references (emails, team names, fingerprints)
// into ids in bulk.

const CHUNK = 500;

// ---------------------------------------------------------------- references

export type PersonRef = { id: string; name: string; email: string; isActive: boolean };
export type TeamRef = { id: string; name: string };
export type CertificateRef = { id: string; sha256: string; keyId: string };

/** People by id or email (an "@" marks an email); map keys are the references lowercased. */
export async function resolvePeople(db: DbOrTx, refs: Iterable<string>): Promise<Map<string, PersonRef>> {
  const list = [...new Set([...refs].map((r) => r.trim()).filter(Boolean))];
  const emails = list.filter((r) => r.includes("@")).map((r) => r.toLowerCase());
  const ids = list.filter((r) => !r.includes("@"));
  const out = new Map<string, PersonRef>();
  const select = personRefSelect;
  for (let i = 0; i < emails.length; i += CHUNK) {
    for (const p of await db.person.findMany({ where: { email: { in: emails.slice(i, i + CHUNK) } }, select }))
      out.set(p.email.toLowerCase(), p);
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const p of await db.person.findMany({ where: { id: { in: ids.slice(i, i + CHUNK) } }, select }))
      out.set(p.id.toLowerCase(), p);
  }
  return out;
}

/** Teams by id, name or email (case-insensitive); map keys are the references lowercased. */
export async function resolveTeams(db: DbOrTx, refs: Iterable<string>): Promise<Map<string, TeamRef>> {
  const wanted = new Set([...refs].map((r) => r.trim().toLowerCase()).filter(Boolean));
  const out = new Map<string, TeamRef>();
  if (wanted.size === 0) return out;
  // teams are few (tens to hundreds): one read beats case-insensitive queries that differ per database
  for (const t of await db.team.findMany({ select: { id: true, name: true, email: true } })) {
    for (const key of [t.id.toLowerCase(), t.name.toLowerCase(), t.email?.toLowerCase()]) {
      if (key && wanted.has(key)) out.set(key, { id: t.id, name: t.name });
    }
  }
  return out;
}

export async function resolveCertificates(
  db: DbOrTx,
  fingerprints: Iterable<string>,
): Promise<Map<string, CertificateRef>> {
  const list = [...new Set(fingerprints)];
  const out = new Map<string, CertificateRef>();
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows = await db.certificate.findMany({
      where: { sha256: { in: list.slice(i, i + CHUNK) } },
      select: { id: true, sha256: true, keyId: true },
    });
    for (const c of rows) out.set(c.sha256, c);
  }
  return out;
}

/** Which of these names are taken already (exact, as the unique index compares). */
export async function existingSignerNames(db: DbOrTx, names: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < names.length; i += CHUNK) {
    const rows = await db.signer.findMany({
      where: { name: { in: names.slice(i, i + CHUNK) } },
      select: { name: true },
    });
    for (const r of rows) out.add(r.name);
  }
  return out;
}

// ---------------------------------------------------------------- writes

/** A signer's own columns as the services write and read them (list columns parsed). */
export type SignerFields = {
  name: string;
  kind: string;
  platform: string;
  environments: string[];
  artifactTypes: string[];
  description: string | null;
  credentialType: string;
  /** the pipeline credential's expiry (a SignerCredential row, ./credentials.ts) */
  credentialExpiresAt: Date | null;
  /** declared key custody: hsm | cloud-kms | vault | hardware-token | software-file | unknown */
  custody: string;
  custodyEvidence: string | null;
  custodyAttestedAt: Date | null;
  /** the Sigstore keyless identity it signs as (lib/domain/keyless-signer.ts); both null when none */
  keylessIssuer: string | null;
  keylessSubjectPattern: string | null;
  primaryOwnerId: string | null;
  backupOwnerId: string | null;
  teamId: string | null;
};

/** The signer's own columns every read of it selects: id, status and SignerFields' columns but the owners. */
export const signerColumnsSelect = {
  id: true,
  name: true,
  kind: true,
  platform: true,
  environmentsJson: true,
  artifactTypesJson: true,
  description: true,
  status: true,
  credentialType: true,
  credentials: signerCredentialsInclude,
  custody: true,
  custodyEvidence: true,
  custodyAttestedAt: true,
  keylessIssuer: true,
  keylessSubjectPattern: true,
} as const;

/** A signing grant as the signer page and the findings rules read it. */
export const privilegeSelect = {
  id: true,
  scope: true,
  environment: true,
  grantedAt: true,
  lastExercisedAt: true,
  removedAt: true,
  isJustInTime: true,
} as const;

/** signerColumnsSelect with the owner and team ids: all of SignerFields (lists still as JSON text). */
export const signerFieldsSelect = {
  ...signerColumnsSelect,
  primaryOwnerId: true,
  backupOwnerId: true,
  teamId: true,
} as const;

export type SignerRowWrite = SignerFields & {
  id: string;
  createdAt: Date;
  grants: GrantSpec[];
  certificateIds: string[];
};

/**
 * Inserts many signers with their grants and certificate links (bulk imports). Multi-row INSERTs:
 * Prisma's createMany goes row by row on SQLite (~1 ms a row), which dominated a 10,000-row import.
 */
export async function insertSigners(tx: Tx, rows: SignerRowWrite[]): Promise<void> {
  const ROWS = 200;
  for (let i = 0; i < rows.length; i += ROWS) {
    const values = rows
      .slice(i, i + ROWS)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.name}, ${r.kind}, ${r.platform}, ${JSON.stringify(r.environments)}, ${JSON.stringify(r.artifactTypes)}, ${r.description}, 'active', ${r.createdAt}, ${r.credentialType}, ${r.custody}, ${r.custodyEvidence}, ${r.custodyAttestedAt}, ${r.keylessIssuer}, ${r.keylessSubjectPattern}, ${r.primaryOwnerId}, ${r.backupOwnerId}, ${r.teamId}, ${r.createdAt}, ${r.createdAt})`,
      );
    await tx.$executeRaw`INSERT INTO "Signer" ("id", "name", "kind", "platform", "environmentsJson", "artifactTypesJson", "description", "status", "statusChangedAt", "credentialType", "custody", "custodyEvidence", "custodyAttestedAt", "keylessIssuer", "keylessSubjectPattern", "primaryOwnerId", "backupOwnerId", "teamId", "createdAt", "updatedAt") VALUES ${Prisma.join(values)}`;
  }
  await insertPipelineCredentials(
    tx,
    rows.map((r) => ({
      signerId: r.id,
      expiresAt: r.credentialExpiresAt,
      credentialType: r.credentialType,
      createdAt: r.createdAt,
    })),
  );
  const grants = rows.flatMap((r) =>
    r.grants.map((g) => Prisma.sql`(${randomUUID()}, ${r.id}, ${g.scope}, ${g.environment}, ${r.createdAt})`),
  );
  for (let i = 0; i < grants.length; i += ROWS) {
    await tx.$executeRaw`INSERT INTO "Privilege" ("id", "signerId", "scope", "environment", "grantedAt") VALUES ${Prisma.join(grants.slice(i, i + ROWS))}`;
  }
  const links = rows.flatMap((r) =>
    r.certificateIds.map((certificateId) => ({ signerId: r.id, certificateId, addedAt: r.createdAt })),
  );
  for (let i = 0; i < links.length; i += CHUNK)
    await tx.signerCertificate.createMany({ data: links.slice(i, i + CHUNK) });
  await refreshLineage(tx, { certificateIds: links.map((l) => l.certificateId) });
}

export type SignerFieldsWrite = Partial<SignerFields>;

export async function updateSignerRow(tx: Tx, id: string, fields: SignerFieldsWrite): Promise<void> {
  const { environments, artifactTypes, credentialExpiresAt, ...rest } = fields;
  if (credentialExpiresAt !== undefined) {
    const credentialType =
      rest.credentialType ??
      (await tx.signer.findUniqueOrThrow({ where: { id }, select: { credentialType: true } })).credentialType;
    await setPipelineExpiry(tx, id, { expiresAt: credentialExpiresAt, credentialType });
  }
  await tx.signer.update({
    where: { id },
    data: {
      ...rest,
      ...(environments ? { environmentsJson: JSON.stringify(environments) } : {}),
      ...(artifactTypes ? { artifactTypesJson: JSON.stringify(artifactTypes) } : {}),
    },
  });
}

export type SignerState = SignerFields & {
  id: string;
  credentials: SignerCredentialRef[];
  status: string;
  grants: { id: string; scope: string; environment: string; removedAt: Date | null; lastExercisedAt: Date | null }[];
  certificateIds: string[];
  keyIds: string[];
};

/** The signer as an edit sees it: fields, every grant row (removed too), certificate and key ids. */
export async function loadSignerState(db: DbOrTx, id: string): Promise<SignerState | null> {
  const s = await db.signer.findUnique({
    where: { id },
    select: {
      ...signerFieldsSelect,
      privileges: { select: { id: true, scope: true, environment: true, removedAt: true, lastExercisedAt: true } },
      certificates: { select: { certificateId: true, certificate: { select: { keyId: true } } } },
    },
  });
  if (!s) return null;
  const { environmentsJson, artifactTypesJson, privileges, certificates, ...rest } = s;
  return {
    ...withPipelineExpiry(rest),
    environments: JSON.parse(environmentsJson) as string[],
    artifactTypes: JSON.parse(artifactTypesJson) as string[],
    grants: privileges,
    certificateIds: certificates.map((c) => c.certificateId),
    keyIds: [...new Set(certificates.map((c) => c.certificate.keyId))],
  };
}

/** Makes the signer's grants equal to `wanted`: new rows, restored rows, removedAt on the rest. */
export async function replaceGrants(
  tx: Tx,
  signerId: string,
  current: SignerState["grants"],
  wanted: GrantSpec[],
  now: Date,
) {
  const d = diffGrants(current, wanted);
  if (d.add.length)
    await tx.privilege.createMany({
      data: d.add.map((g) => ({ signerId, scope: g.scope, environment: g.environment, grantedAt: now })),
    });
  // a restored grant is a new grant: its clock starts again
  if (d.restore.length)
    await tx.privilege.updateMany({
      where: { id: { in: d.restore.map((g) => g.id) } },
      data: { removedAt: null, grantedAt: now, lastExercisedAt: null },
    });
  if (d.remove.length)
    await tx.privilege.updateMany({ where: { id: { in: d.remove.map((g) => g.id) } }, data: { removedAt: now } });
  return d;
}

export async function linkCertificates(tx: Tx, signerId: string, certificateIds: string[], now: Date) {
  if (certificateIds.length === 0) return;
  await tx.signerCertificate.createMany({
    data: certificateIds.map((certificateId) => ({ signerId, certificateId, addedAt: now })),
  });
  await refreshLineage(tx, { certificateIds });
}

export async function unlinkCertificates(tx: Tx, signerId: string, certificateIds: string[]) {
  if (certificateIds.length === 0) return;
  await tx.signerCertificate.deleteMany({ where: { signerId, certificateId: { in: certificateIds } } });
  await refreshLineage(tx, { certificateIds, signerIds: [signerId] });
}

export async function setSignerStatus(tx: Tx, id: string, status: string, now: Date) {
  await tx.signer.update({ where: { id }, data: { status, statusChangedAt: now } });
}

/** Links certificates to a signer; returns the certificate ids whose link is new. */
export async function linkCertificatesToSigner(
  tx: Tx,
  signerId: string,
  certificateIds: string[],
  now: Date,
): Promise<Set<string>> {
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

/** Links a certificate to a signer; true when the link is new. */
export async function linkCertificateToSigner(
  tx: DbOrTx,
  input: { signerId: string; certificateId: string; now: Date },
): Promise<boolean> {
  const existing = await tx.signerCertificate.findUnique({
    where: { signerId_certificateId: { signerId: input.signerId, certificateId: input.certificateId } },
    select: { signerId: true },
  });
  if (existing) return false;
  await tx.signerCertificate.create({
    data: { signerId: input.signerId, certificateId: input.certificateId, addedAt: input.now },
  });
  await refreshLineage(tx, { certificateIds: [input.certificateId] });
  return true;
}
