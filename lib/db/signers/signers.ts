import type { DbOrTx, Tx } from "@/lib/db/client";
import { parseStringArray } from "@/lib/db/certificates/columns";
import { signerScopeWhere, certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { signerFieldsSelect, type SignerFields } from "./signer-admin";
import { withPipelineExpiry } from "./credentials";
import { PIPELINE_CREDENTIAL_NAME, type SignerCredentialRef } from "@/lib/domain/signer-credentials";

// Signers (service identities that sign software), their privileges and signing events.
// Owner scoping lives in ./scope (one definition for every list and API read); it is re-exported
// here because callers think of it as "which signers may this user see".
export { signerScopeWhere, certificateScopeWhere, type ScopeUser };

export type SignerRecord = SignerFields & { id: string; status: string; lastUsedAt: Date | null; createdAt: Date };

const signerSelect = { ...signerFieldsSelect, lastUsedAt: true, createdAt: true } as const;

type SignerRow = {
  environmentsJson: string;
  artifactTypesJson: string;
  credentials: SignerCredentialRef[];
} & Omit<SignerRecord, "environments" | "artifactTypes" | "credentialExpiresAt">;

function toRecord({ environmentsJson, artifactTypesJson, ...rest }: SignerRow): SignerRecord {
  const { credentials: _credentials, ...fields } = withPipelineExpiry(rest);
  return {
    ...fields,
    environments: parseStringArray(environmentsJson),
    artifactTypes: parseStringArray(artifactTypesJson),
  };
}

export type NewSigner = {
  name: string;
  /** ci-pipeline | build-service | release-bot | automation-account | other */
  kind: string;
  /** github-actions | gitlab-ci | jenkins | azure-pipelines | buildkite | other */
  platform?: string;
  environments?: string[];
  artifactTypes?: string[];
  description?: string | null;
  /** active | suspended | decommissioned */
  status?: string;
  statusChangedAt?: Date | null;
  /** oidc | static-secret | certificate | none */
  credentialType?: string;
  credentialExpiresAt?: Date | null;
  /** declared key custody (default unknown) */
  custody?: string;
  custodyEvidence?: string | null;
  custodyAttestedAt?: Date | null;
  primaryOwnerId?: string | null;
  backupOwnerId?: string | null;
  teamId?: string | null;
  createdAt?: Date;
};

export async function createSigner(db: DbOrTx, input: NewSigner): Promise<SignerRecord> {
  const row = await db.signer.create({
    data: {
      name: input.name,
      kind: input.kind,
      platform: input.platform ?? "other",
      environmentsJson: JSON.stringify(input.environments ?? []),
      artifactTypesJson: JSON.stringify(input.artifactTypes ?? []),
      description: input.description ?? null,
      status: input.status ?? "active",
      statusChangedAt: input.statusChangedAt ?? null,
      credentialType: input.credentialType ?? "none",
      ...(input.credentialExpiresAt
        ? {
            credentials: {
              create: {
                kind: input.credentialType === "certificate" ? "certificate" : "signing-service",
                name: PIPELINE_CREDENTIAL_NAME,
                expiresAt: input.credentialExpiresAt,
                isPipeline: true,
              },
            },
          }
        : {}),
      custody: input.custody ?? "unknown",
      custodyEvidence: input.custodyEvidence ?? null,
      custodyAttestedAt: input.custodyAttestedAt ?? null,
      primaryOwnerId: input.primaryOwnerId ?? null,
      backupOwnerId: input.backupOwnerId ?? null,
      teamId: input.teamId ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
    select: signerSelect,
  });
  return toRecord(row);
}

export async function countSigners(db: DbOrTx): Promise<number> {
  return db.signer.count();
}

export async function findSignerById(db: DbOrTx, id: string): Promise<SignerRecord | null> {
  const row = await db.signer.findUnique({ where: { id }, select: signerSelect });
  return row ? toRecord(row) : null;
}

/** Signers that may still be chosen in a form (not decommissioned), by name. */
export async function listSignerOptions(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.signer.findMany({
    where: { status: { not: "decommissioned" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** Whether the certificate is one of the signer's. */
export async function isCertificateOfSigner(db: DbOrTx, signerId: string, certificateId: string): Promise<boolean> {
  const link = await db.signerCertificate.findUnique({
    where: { signerId_certificateId: { signerId, certificateId } },
    select: { signerId: true },
  });
  return link !== null;
}

/** By id first, then by (unique) name: the CLI accepts either. */
export async function findSignerByNameOrId(db: DbOrTx, nameOrId: string): Promise<SignerRecord | null> {
  const row =
    (await db.signer.findUnique({ where: { id: nameOrId }, select: signerSelect })) ??
    (await db.signer.findUnique({ where: { name: nameOrId }, select: signerSelect }));
  return row ? toRecord(row) : null;
}

// ---------------------------------------------------------------- privileges

/** Privilege.environment of a grant not limited to one environment (the column is part of a unique key, so not NULL). */
export const ANY_ENVIRONMENT = "any";

export type NewPrivilege = {
  signerId: string;
  /** e.g. sign:release/production, repo:acme/payments, approve:release, * */
  scope: string;
  /** null or omitted: any environment */
  environment?: string | null;
  grantedAt: Date;
  lastExercisedAt?: Date | null;
};

export async function addPrivilege(db: DbOrTx, input: NewPrivilege): Promise<{ id: string }> {
  return db.privilege.create({
    data: { ...input, environment: input.environment ?? ANY_ENVIRONMENT },
    select: { id: true },
  });
}

/** Moves lastExercisedAt forward (events may arrive out of order). */
export async function markGrantsExercised(tx: Tx, privilegeIds: string[], at: Date): Promise<void> {
  if (privilegeIds.length === 0) return;
  await tx.privilege.updateMany({
    where: { id: { in: privilegeIds }, OR: [{ lastExercisedAt: null }, { lastExercisedAt: { lt: at } }] },
    data: { lastExercisedAt: at },
  });
}

/** Marks a grant in force just-in-time; false when it was already, or is gone. */
export async function makePrivilegeJustInTime(tx: Tx, privilegeId: string): Promise<boolean> {
  const r = await tx.privilege.updateMany({
    where: { id: privilegeId, removedAt: null, isJustInTime: false },
    data: { isJustInTime: true },
  });
  return r.count === 1;
}

/** A grant with its signer, for the approval and conversion services. */
export async function findPrivilege(db: DbOrTx, privilegeId: string) {
  return db.privilege.findUnique({
    where: { id: privilegeId },
    select: {
      id: true,
      signerId: true,
      scope: true,
      environment: true,
      isJustInTime: true,
      removedAt: true,
      signer: { select: { name: true } },
    },
  });
}

export async function grantsInForce(db: DbOrTx, signerId: string) {
  return db.privilege.findMany({
    where: { signerId, removedAt: null },
    select: { id: true, scope: true, environment: true },
  });
}

// ---------------------------------------------------------------- last use

/** Moves the signer's lastUsedAt forward to `at`, never back (signing events may arrive out of order). */
export async function advanceSignerLastUsed(tx: DbOrTx, signerId: string, at: Date): Promise<void> {
  await tx.signer.updateMany({
    where: { id: signerId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
    data: { lastUsedAt: at },
  });
}

export async function suspendSignerIfActive(tx: Tx, signerId: string, now: Date): Promise<boolean> {
  const r = await tx.signer.updateMany({
    where: { id: signerId, status: "active" },
    data: { status: "suspended", statusChangedAt: now },
  });
  return r.count === 1;
}

/** Carries out an accepted grant removal; false when the grant was already gone. */
export async function removePrivilege(tx: Tx, privilegeId: string, now: Date): Promise<boolean> {
  const r = await tx.privilege.updateMany({ where: { id: privilegeId, removedAt: null }, data: { removedAt: now } });
  return r.count === 1;
}

/** The owner confirmed the signer's declared custody (an unknown custody stays unattested). */
export async function stampSignerCustodyAttested(tx: Tx, signerId: string, now: Date): Promise<void> {
  await tx.signer.updateMany({
    where: { id: signerId, custody: { not: "unknown" } },
    data: { custodyAttestedAt: now },
  });
}

export type OwnershipRow = {
  id: string;
  name: string;
  primaryOwnerId: string | null;
  backupOwnerId: string | null;
  teamId: string | null;
};

export async function loadOwnership(db: DbOrTx, where: { ids?: string[]; personId?: string }): Promise<OwnershipRow[]> {
  const select = { id: true, name: true, primaryOwnerId: true, backupOwnerId: true, teamId: true } as const;
  if (where.personId)
    return db.signer.findMany({
      where: { OR: [{ primaryOwnerId: where.personId }, { backupOwnerId: where.personId }] },
      select,
    });
  const ids = where.ids ?? [];
  const out: OwnershipRow[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(...(await db.signer.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select })));
  return out;
}

export async function setOwnership(tx: Tx, id: string, data: Partial<Omit<OwnershipRow, "id" | "name">>) {
  await tx.signer.update({ where: { id }, data });
}
