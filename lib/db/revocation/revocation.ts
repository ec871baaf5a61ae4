// Revocation state of certificates, revocation requests, the CRL cache, and the signing events
// a revocation would affect.
import { certificateName } from "@/lib/domain/certificate-name";
import type { CrlCachePort, CrlCacheRecord } from "@/lib/revocation/crl-store";
import type { ImpactEvent } from "@/lib/domain/revocation-impact";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { certificateNameSelect, parseStringArray } from "@/lib/db/certificates/columns";
import { certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";

const DAY_MS = 86_400_000;

/** How often a good status is re-established even when the source's nextUpdate is later. */
export const RECHECK_AFTER_MS = DAY_MS;

/**
 * Certificates a periodic run should check: never checked, checked more than 24 h ago, or past
 * the nextUpdate of the answer they hold. Only unexpired, non-self-signed certificates with a CRL
 * or OCSP URL qualify (nothing can revoke the others, and CRLs drop expired entries); revoked
 * ones only while the revocation is merely recorded, to learn when the CA confirms it. A failed
 * check keeps revocationCheckedAt, so it is retried on the next run.
 */
export function dueForRevocationCheckWhere(now: Date) {
  return {
    notAfter: { gte: now },
    isSelfSigned: false,
    OR: [{ NOT: { ocspUrlsJson: "[]" } }, { NOT: { crlUrlsJson: "[]" } }],
    AND: [
      { OR: [{ NOT: { revocationStatus: "revoked" } }, { revocationSource: "recorded" }] },
      {
        OR: [
          { revocationCheckedAt: null },
          { revocationCheckedAt: { lt: new Date(now.getTime() - RECHECK_AFTER_MS) } },
          { revocationNextUpdate: { lt: now } },
        ],
      },
    ],
  };
}

export async function dueForRevocationCheck(
  db: DbOrTx,
  now: Date,
  options: { limit?: number } = {},
): Promise<string[]> {
  const rows = await db.certificate.findMany({
    where: dueForRevocationCheckWhere(now),
    select: { id: true },
    orderBy: [{ revocationCheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: options.limit,
  });
  return rows.map((r) => r.id);
}

export type RevocationCheckRow = {
  id: string;
  label: string;
  der: Uint8Array;
  issuerDer: Uint8Array | null;
  ocspUrls: string[];
  crlUrls: string[];
  revocationStatus: string;
  revocationSource: string | null;
};

export async function loadRevocationCheckRows(db: DbOrTx, ids: string[]): Promise<RevocationCheckRow[]> {
  const rows = await db.certificate.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      ...certificateNameSelect,
      der: true,
      ocspUrlsJson: true,
      crlUrlsJson: true,
      revocationStatus: true,
      revocationSource: true,
      issuerCert: { select: { der: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    label: certificateName(r),
    der: new Uint8Array(r.der),
    issuerDer: r.issuerCert ? new Uint8Array(r.issuerCert.der) : null,
    ocspUrls: parseStringArray(r.ocspUrlsJson),
    crlUrls: parseStringArray(r.crlUrlsJson),
    revocationStatus: r.revocationStatus,
    revocationSource: r.revocationSource,
  }));
}

// ---------------------------------------------------------------- revocation requests

export type RevocationRequestRecord = {
  id: string;
  certificateId: string;
  kind: string;
  reason: string;
  requestedAt: Date;
  requestedById: string | null;
  deadlineAt: Date;
  status: string;
  confirmedAt: Date | null;
  note: string | null;
  proposedRevocationAt?: Date | null;
  incidentId?: string | null;
  createdAt: Date;
};

export async function createRevocationRequest(
  tx: DbOrTx,
  data: Omit<RevocationRequestRecord, "id" | "createdAt" | "confirmedAt" | "status"> & {
    status?: string;
    confirmedAt?: Date | null;
  },
): Promise<RevocationRequestRecord> {
  return tx.revocationRequest.create({ data });
}

/** Marks the certificate's open requests as confirmed by the CA; returns their ids. */
export async function confirmOpenRevocationRequests(
  tx: DbOrTx,
  certificateId: string,
  confirmedAt: Date,
): Promise<string[]> {
  const open = await tx.revocationRequest.findMany({ where: { certificateId, status: "open" }, select: { id: true } });
  if (open.length === 0) return [];
  await tx.revocationRequest.updateMany({
    where: { id: { in: open.map((r) => r.id) }, status: "open" },
    data: { status: "confirmed", confirmedAt },
  });
  return open.map((r) => r.id);
}

export async function listRevocationRequests(db: DbOrTx, certificateId: string): Promise<RevocationRequestRecord[]> {
  return db.revocationRequest.findMany({ where: { certificateId }, orderBy: { requestedAt: "desc" } });
}

// ---------------------------------------------------------------- access and impact

/** The certificate if it exists and `user` may see it (owners: only their signers' certificates). */
export async function findVisibleCertificate(db: DbOrTx, certificateId: string, user: ScopeUser | null) {
  return db.certificate.findFirst({
    where: { id: certificateId, ...(user ? certificateScopeWhere(user) : {}) },
    select: { id: true, subject: true, subjectCn: true, serialHex: true, revocationStatus: true, revokedAt: true },
  });
}

export async function listSigningEventsForImpact(db: DbOrTx, certificateId: string): Promise<ImpactEvent[]> {
  const rows = await db.signingEvent.findMany({
    where: { certificateId },
    select: {
      id: true,
      signedAt: true,
      signerId: true,
      artifactName: true,
      artifactDigest: true,
      environment: true,
      ciRunUrl: true,
      signer: { select: { name: true } },
    },
    orderBy: [{ signedAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ signer, ...e }) => ({ ...e, signerName: signer.name }));
}

// ---------------------------------------------------------------- CRL cache

export function crlCacheStore(db: Db): CrlCachePort {
  return {
    async load(url) {
      const row = await db.crlCache.findUnique({ where: { url } });
      return row ? { ...row, der: new Uint8Array(row.der) } : null;
    },
    async save(record: CrlCacheRecord) {
      const data = {
        der: Uint8Array.from(record.der),
        thisUpdate: record.thisUpdate,
        nextUpdate: record.nextUpdate,
        fetchedAt: record.fetchedAt,
      };
      await db.crlCache.upsert({ where: { url: record.url }, create: { url: record.url, ...data }, update: data });
    },
  };
}

/** Closes the open "requested" revocations of a signer's certificates that a rejected decommission opened. */
export async function closeDecommissionRevocations(tx: Tx, signerId: string, note: string): Promise<number> {
  const r = await tx.revocationRequest.updateMany({
    where: {
      kind: "requested",
      reason: "cessationOfOperation",
      status: "open",
      certificate: { signers: { some: { signerId } } },
    },
    data: { status: "closed", note },
  });
  return r.count;
}
