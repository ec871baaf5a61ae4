import type { Db } from "@/lib/db/client";
import { severityRank, type Severity } from "@/lib/domain/severity";

// Rows for integration tests that build a small inventory by hand: numbered certificates with fake
// DER bytes (nothing here parses them) and keys whose age is what the test is about.

const DAY_MS = 86_400_000;

/**
 * createMany 500 rows at a time, one after another: Prisma splits a larger one into statements it
 * sends at once on one connection, which node-postgres deprecates ("already executing a query").
 */
export async function createInChunks<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await create(rows.slice(i, i + 500));
}

export type SeedKey = {
  spkiSha256: string;
  algorithm: "RSA" | "EC";
  bits?: number;
  curve?: string;
  custody?: string;
  /** How long ago Signet first saw the key. */
  ageDays: number;
};

/** Creates keys by name; the name is only the test's handle. */
export async function seedKeys<K extends string>(db: Db, now: Date, keys: Record<K, SeedKey>) {
  const created = {} as Record<K, { id: string }>;
  for (const [name, { ageDays, ...key }] of Object.entries(keys) as [K, SeedKey][])
    created[name] = await db.signingKey.create({
      data: { ...key, firstSeenAt: new Date(now.getTime() - ageDays * DAY_MS) },
    });
  return created;
}

/**
 * Certificate row number `n` (its SHA-256, serial and DER derive from n): an RSA-3072 leaf issued by
 * "CN=Issuing CA" unless `fields` says otherwise.
 */
export function numberedCertificate(
  n: number,
  fields: { keyId: string; notBefore: Date; notAfter: Date } & Record<string, unknown>,
) {
  return {
    sha256: n.toString(16).padStart(64, "0"),
    sha1: "00",
    der: new Uint8Array([n]),
    subject: `CN=cert-${n}`,
    subjectCn: `cert-${n}`,
    issuer: "CN=Issuing CA",
    issuerCn: "Issuing CA",
    serialHex: `0${n}`,
    keyAlgorithm: "RSA",
    keyBits: 3072,
    signatureAlgorithm: "sha256WithRSAEncryption",
    ...fields,
  };
}

/** An open finding row about a signer, as the engine would store it. */
export function signerFinding(signerId: string, ruleId: string, severity: Severity, message: string) {
  return {
    ruleId,
    severity,
    severityRank: severityRank(severity),
    subjectType: "signer",
    subjectId: signerId,
    signerId,
    message,
  };
}
