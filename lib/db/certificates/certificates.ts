import type { DbOrTx } from "@/lib/db/client";
import { refreshLineage } from "./lineage";
import type { CertificateFields } from "@/lib/domain/certificate-fields";
import { certificateColumnValues } from "./columns";
import { Prisma } from "@/lib/db/sql";

// Certificates. Arrays live in *Json text columns; columns.ts parses and serialises them so the
// rest of the code sees plain arrays. The DER is kept (it is public) so that signatures can be
// re-verified when issuers arrive later.

/** What createCertificate stores of a certificate: its own fields, the one certificate shape. */
export type NewCertificate = CertificateFields;

export type ImportSource = "cli" | "api" | "upload" | "demo";

const refSelect = { id: true, sha256: true, subject: true, keyId: true, issuerCertId: true } as const;

export type StoredCertificateRef = Prisma.CertificateGetPayload<{ select: typeof refSelect }>;

export async function findCertificateBySha256(db: DbOrTx, sha256: string): Promise<StoredCertificateRef | null> {
  return db.certificate.findUnique({ where: { sha256 }, select: refSelect });
}

/** The signing key of a stored certificate. */
export async function certificateKeyId(db: DbOrTx, id: string): Promise<string> {
  return (await db.certificate.findUniqueOrThrow({ where: { id }, select: { keyId: true } })).keyId;
}

export async function createCertificate(
  tx: DbOrTx,
  cert: NewCertificate,
  options: { keyId: string; importSource: ImportSource; now: Date },
): Promise<StoredCertificateRef> {
  const created = await tx.certificate.create({
    data: {
      ...certificateColumnValues(cert),
      der: Uint8Array.from(cert.der),
      keyId: options.keyId,
      importSource: options.importSource,
      importedAt: options.now,
    },
    select: refSelect,
  });
  await refreshLineage(tx, { certificateIds: [created.id] });
  return created;
}

// ---------------------------------------------------------------- issuer links

export type LinkCandidate = { id: string; sha256: string; der: Uint8Array };

/** Candidates looked at per issuer lookup: names and key ids rarely collide more than this. */
export const ISSUER_CANDIDATE_LIMIT = 20;

/**
 * Link candidates by a condition, as raw statements: the importer's batches run in a driver
 * transaction (lib/db/driver.ts), where the client's model methods are not available.
 */
export async function findLinkCandidates(
  db: DbOrTx,
  where: Prisma.Sql,
  options: { limit?: number } = {},
): Promise<LinkCandidate[]> {
  const limit = options.limit ? Prisma.raw(` LIMIT ${Math.trunc(options.limit)}`) : Prisma.empty;
  const rows = await db.$queryRaw<
    LinkCandidate[]
  >`SELECT "id", "sha256", "der" FROM "Certificate" WHERE ${where}${limit}`;
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, der: r.der }));
}

const notSelf = (id?: string) => (id ? Prisma.sql` AND "id" <> ${id}` : Prisma.empty);

/**
 * Possible issuers of a certificate: CA certificates whose subjectKeyId equals its authorityKeyId,
 * or, when none match that way (or there is no AKI), whose subject equals its issuer DN. The caller
 * confirms each with a signature check: names and key ids alone can be forged or collide.
 */
export async function findIssuerCandidates(
  db: DbOrTx,
  child: { id?: string; issuer: string; authorityKeyId: string | null },
): Promise<LinkCandidate[]> {
  const limit = { limit: ISSUER_CANDIDATE_LIMIT };
  if (child.authorityKeyId) {
    const byKeyId = await findLinkCandidates(
      db,
      Prisma.sql`"subjectKeyId" = ${child.authorityKeyId}${notSelf(child.id)}`,
      limit,
    );
    if (byKeyId.length > 0) return byKeyId;
  }
  return findLinkCandidates(db, Prisma.sql`"subject" = ${child.issuer}${notSelf(child.id)}`, limit);
}

/**
 * Certificates without an issuer link that this (CA) certificate may have issued: by AKI = its SKI,
 * or by issuer DN = its subject. The caller confirms each with a signature check.
 */
export async function findOrphanChildCandidates(
  db: DbOrTx,
  parent: { id: string; subject: string; subjectKeyId: string | null },
): Promise<LinkCandidate[]> {
  const matches = parent.subjectKeyId
    ? Prisma.sql`("authorityKeyId" = ${parent.subjectKeyId} OR "issuer" = ${parent.subject})`
    : Prisma.sql`"issuer" = ${parent.subject}`;
  return findLinkCandidates(db, Prisma.sql`"issuerCertId" IS NULL AND "id" <> ${parent.id} AND ${matches}`);
}

export async function setCertificateIssuer(tx: DbOrTx, childId: string, issuerId: string) {
  await tx.$executeRaw`UPDATE "Certificate" SET "issuerCertId" = ${issuerId} WHERE "id" = ${childId}`;
}

// ---------------------------------------------------------------- signer links

export { parseJsonArray, parseStringArray } from "./columns";

// ---------------------------------------------------------------- issuer linking

/** Confirms that `issuerDer`'s key signed `childDer`. */
export type IssuedByCheck = (childDer: Uint8Array, issuerDer: Uint8Array) => boolean | Promise<boolean>;

/**
 * Links a freshly stored certificate into the chain both ways: to its issuer (when the issuer is
 * already known) and, for a CA, to already-stored children still waiting for their issuer. Every
 * link is confirmed by a signature check. Returns the issuer's sha256 and the adopted children.
 */
export async function linkIssuerBothWays(
  tx: DbOrTx,
  cert: Pick<
    CertificateFields,
    "der" | "subject" | "issuer" | "isCA" | "isSelfSigned" | "subjectKeyId" | "authorityKeyId"
  > & { id: string },
  options: { isIssuedBy: IssuedByCheck },
): Promise<{ issuerSha256: string | null; adoptedChildIds: string[] }> {
  let issuerSha256: string | null = null;
  if (!cert.isSelfSigned) {
    for (const candidate of await findIssuerCandidates(tx, cert)) {
      if (await options.isIssuedBy(cert.der, candidate.der)) {
        await setCertificateIssuer(tx, cert.id, candidate.id);
        issuerSha256 = candidate.sha256;
        break;
      }
    }
  }
  const adoptedChildIds: string[] = [];
  if (cert.isCA) {
    for (const child of await findOrphanChildCandidates(tx, cert)) {
      if (await options.isIssuedBy(child.der, cert.der)) {
        await setCertificateIssuer(tx, child.id, cert.id);
        adoptedChildIds.push(child.id);
      }
    }
  }
  return { issuerSha256, adoptedChildIds };
}
