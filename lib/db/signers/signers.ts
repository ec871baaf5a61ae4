import type { Db, Tx } from "@/lib/db/client";
import { signerScopeWhere, certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import type { SignerFields } from "./signer-admin";

// Signers (service identities that sign software), their privileges and signing events.
// Owner scoping lives in ./scope (one definition for every list and API read); it is re-exported
// here because callers think of it as "which signers may this user see".
export { signerScopeWhere, certificateScopeWhere, type ScopeUser };

export type SignerRecord = SignerFields & { id: string; status: string; lastUsedAt: Date | null; createdAt: Date };

const signerSelect = {
  id: true, name: true, kind: true, platform: true, environmentsJson: true, artifactTypesJson: true,
  description: true, status: true, lastUsedAt: true, credentialType: true, credentialExpiresAt: true,
  custody: true, custodyEvidence: true, custodyAttestedAt: true, primaryOwnerId: true, backupOwnerId: true, teamId: true, createdAt: true,
} as const;

type SignerRow = {
  environmentsJson: string;
  artifactTypesJson: string;
} & Omit<SignerRecord, "environments" | "artifactTypes">;

function toRecord({ environmentsJson, artifactTypesJson, ...rest }: SignerRow): SignerRecord {
  return { ...rest, environments: strings(environmentsJson), artifactTypes: strings(artifactTypesJson) };
}

function strings(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
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

export async function createSigner(db: Db | Tx, input: NewSigner): Promise<SignerRecord> {
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
      credentialExpiresAt: input.credentialExpiresAt ?? null,
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

export async function countSigners(db: Db | Tx): Promise<number> {
  return db.signer.count();
}

export async function findSignerById(db: Db | Tx, id: string): Promise<SignerRecord | null> {
  const row = await db.signer.findUnique({ where: { id }, select: signerSelect });
  return row ? toRecord(row) : null;
}

/** By id first, then by (unique) name: the CLI accepts either. */
export async function findSignerByNameOrId(db: Db | Tx, nameOrId: string): Promise<SignerRecord | null> {
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

export async function addPrivilege(db: Db | Tx, input: NewPrivilege): Promise<{ id: string }> {
  return db.privilege.create({
    data: {
      signerId: input.signerId,
      scope: input.scope,
      environment: input.environment ?? ANY_ENVIRONMENT,
      grantedAt: input.grantedAt,
      lastExercisedAt: input.lastExercisedAt ?? null,
    },
    select: { id: true },
  });
}

// ---------------------------------------------------------------- signing events

export type NewSigningEvent = {
  signerId: string;
  certificateId?: string | null;
  signedAt: Date;
  environment?: string | null;
  artifactName: string;
  artifactDigest?: string | null;
  isInteractive?: boolean;
  ciRunUrl?: string | null;
  scope?: string | null;
  recordedAt?: Date;
};

/**
 * Stores signing events and moves each signer's lastUsedAt forward to its latest event (never
 * back: events may arrive out of order).
 */
export async function recordSigningEvents(tx: Tx | Db, events: NewSigningEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const CHUNK = 500;
  for (let i = 0; i < events.length; i += CHUNK) {
    await tx.signingEvent.createMany({
      data: events.slice(i, i + CHUNK).map((e) => ({
        signerId: e.signerId,
        certificateId: e.certificateId ?? null,
        signedAt: e.signedAt,
        environment: e.environment ?? null,
        artifactName: e.artifactName,
        artifactDigest: e.artifactDigest ?? null,
        isInteractive: e.isInteractive ?? false,
        ciRunUrl: e.ciRunUrl ?? null,
        scope: e.scope ?? null,
        ...(e.recordedAt ? { recordedAt: e.recordedAt } : {}),
      })),
    });
  }
  const latest = new Map<string, Date>();
  for (const e of events) {
    const seen = latest.get(e.signerId);
    if (!seen || e.signedAt > seen) latest.set(e.signerId, e.signedAt);
  }
  for (const [signerId, at] of latest) {
    await tx.signer.updateMany({
      where: { id: signerId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
      data: { lastUsedAt: at },
    });
  }
  return events.length;
}
