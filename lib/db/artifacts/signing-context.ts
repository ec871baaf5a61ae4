import type { DbOrTx } from "@/lib/db/client";
import { parseStringArray } from "@/lib/db/certificates/columns";

// What the discovery rules need about a certificate found in an artifact: its validity and
// revocation, its key's custody, and the registered signers using it. Reads across aggregates.

export type SigningCertificateContext = {
  id: string;
  sha256: string;
  keyId: string;
  subject: string;
  subjectCn: string | null;
  notAfter: Date;
  isCA: boolean;
  revocationStatus: string;
  revokedAt: Date | null;
  keyCustody: string;
  signers: { id: string; name: string; custody: string; environments: string[] }[];
};

export async function loadSigningCertificateContext(
  db: DbOrTx,
  certificateId: string,
): Promise<SigningCertificateContext | null> {
  const c = await db.certificate.findUnique({
    where: { id: certificateId },
    select: {
      id: true,
      sha256: true,
      keyId: true,
      subject: true,
      subjectCn: true,
      notAfter: true,
      isCA: true,
      revocationStatus: true,
      revokedAt: true,
      key: { select: { custody: true } },
      signers: {
        where: { signer: { status: { not: "decommissioned" } } },
        select: { signer: { select: { id: true, name: true, custody: true, environmentsJson: true } } },
      },
    },
  });
  if (!c) return null;
  const { key, signers, ...rest } = c;
  return {
    ...rest,
    keyCustody: key.custody,
    signers: signers.map(({ signer: s }) => ({
      id: s.id,
      name: s.name,
      custody: s.custody,
      environments: parseStringArray(s.environmentsJson),
    })),
  };
}

/**
 * DER of the inventory certificates a signature names without carrying them (a kernel module's
 * signer: issuer and serial, or a subject key identifier), so the artifact can be read again with
 * them and verified. Serial and issuer are not indexed: a scan asks once per distinct signer.
 */
export async function findCertificatesNamedBy(
  db: DbOrTx,
  id: { issuer: string | null; serialNumberHex: string | null; subjectKeyIdentifierHex: string | null },
): Promise<Uint8Array[]> {
  const where =
    id.issuer && id.serialNumberHex
      ? { issuer: id.issuer, serialHex: id.serialNumberHex }
      : id.subjectKeyIdentifierHex
        ? { subjectKeyId: id.subjectKeyIdentifierHex }
        : null;
  if (!where) return [];
  const rows = await db.certificate.findMany({ where, select: { der: true }, orderBy: { id: "asc" }, take: 16 });
  return rows.map((r) => new Uint8Array(r.der));
}

/** A signer by id with what the rules read, for a keyless identity the queue linked to it. */
export async function loadSignerForDiscovery(db: DbOrTx, signerId: string) {
  const s = await db.signer.findUnique({
    where: { id: signerId },
    select: { id: true, name: true, custody: true, environmentsJson: true },
  });
  return s ? { id: s.id, name: s.name, custody: s.custody, environments: parseStringArray(s.environmentsJson) } : null;
}

/** Signers that declare a keyless identity (lib/domain/keyless-signer.ts matches them), not decommissioned. */
export async function listKeylessDeclarations(db: DbOrTx) {
  return db.signer.findMany({
    where: { keylessIssuer: { not: null }, keylessSubjectPattern: { not: null }, status: { not: "decommissioned" } },
    select: { id: true, keylessIssuer: true, keylessSubjectPattern: true },
    orderBy: { id: "asc" },
  });
}
