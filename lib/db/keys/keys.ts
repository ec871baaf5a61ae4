import type { DbOrTx, Tx } from "@/lib/db/client";
import { insertJsonRows, selectWhereIn, type Columns } from "@/lib/db/sql";

// Signing keys, identified by the SHA-256 of their SubjectPublicKeyInfo. A renewed certificate
// that reuses the key lands on the same row, so firstSeenAt is the key's age for rotation rules
// and is never reset once set.

/** What every view of a key carries: its identity, algorithm and recorded custody. */
export type KeyIdentity = {
  id: string;
  spkiSha256: string;
  algorithm: string;
  bits: number | null;
  curve: string | null;
  custody: string;
};

export type SigningKeyRecord = KeyIdentity & {
  custodyEvidence: string | null;
  custodyAttestedAt: Date | null;
  firstSeenAt: Date;
  createdAt: Date | null;
};

export const keySelect = {
  id: true,
  spkiSha256: true,
  algorithm: true,
  bits: true,
  curve: true,
  custody: true,
  custodyEvidence: true,
  custodyAttestedAt: true,
  firstSeenAt: true,
  createdAt: true,
} as const;

export type KeyFacts = { spkiSha256: string; algorithm: string; bits: number | null; curve: string | null };

/**
 * The key row for these facts, created on first sight with firstSeenAt = now. An existing row is
 * returned untouched: neither firstSeenAt nor recorded custody change on re-import.
 */
export async function upsertSigningKey(
  tx: DbOrTx,
  facts: KeyFacts,
  options: { now: Date },
): Promise<{ key: SigningKeyRecord; isNew: boolean }> {
  const existing = await tx.signingKey.findUnique({ where: { spkiSha256: facts.spkiSha256 }, select: keySelect });
  if (existing) return { key: existing, isNew: false };
  // upsert, not create: a concurrent import of another certificate with the same key may have
  // inserted the row since the read above
  const key = await tx.signingKey.upsert({
    where: { spkiSha256: facts.spkiSha256 },
    create: {
      spkiSha256: facts.spkiSha256,
      algorithm: facts.algorithm,
      bits: facts.bits,
      curve: facts.curve,
      firstSeenAt: options.now,
    },
    update: {},
    select: keySelect,
  });
  return { key, isNew: true };
}

export type KeyCustodyUpdate = {
  /** hsm | cloud-kms | vault | hardware-token | software-file | unknown */
  custody: string;
  custodyEvidence?: string | null;
  custodyAttestedAt?: Date | null;
  /** the creation date recorded by the key's owner, when known */
  createdAt?: Date | null;
};

export async function setKeyCustody(db: DbOrTx, id: string, update: KeyCustodyUpdate): Promise<SigningKeyRecord> {
  return db.signingKey.update({
    where: { id },
    data: {
      custody: update.custody,
      custodyEvidence: update.custodyEvidence ?? null,
      custodyAttestedAt: update.custodyAttestedAt ?? null,
      ...(update.createdAt !== undefined ? { createdAt: update.createdAt } : {}),
    },
    select: keySelect,
  });
}

export async function correctKeyCustody(tx: Tx, keyId: string, data: { custody: string; evidence: string; now: Date }) {
  await tx.signingKey.update({
    where: { id: keyId },
    data: { custody: data.custody, custodyEvidence: data.evidence, custodyAttestedAt: data.now },
  });
}

/** The owner confirmed how these keys are held. */
export async function stampKeysCustodyAttested(tx: Tx, keyIds: string[], now: Date): Promise<void> {
  if (keyIds.length)
    await tx.signingKey.updateMany({ where: { id: { in: keyIds } }, data: { custodyAttestedAt: now } });
}

const KEY_COLUMNS: Columns = {
  id: "text",
  spkiSha256: "text",
  algorithm: "text",
  bits: "int",
  curve: "text",
  firstSeenAt: "timestamp",
  updatedAt: "timestamp",
};

export async function findKeyIdsBySpki(tx: Tx, spkiSha256s: string[]): Promise<Map<string, string>> {
  const rows = await selectWhereIn<{ id: string; spkiSha256: string }>(tx, {
    select: `"id", "spkiSha256"`,
    table: "SigningKey",
    column: "spkiSha256",
    values: spkiSha256s,
  });
  return new Map(rows.map((r) => [r.spkiSha256, r.id]));
}

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
