// Revocation state of certificates, revocation requests, the CRL cache, and the signing events
// a revocation would affect.
import { refreshLineage } from "@/lib/db/certificates/lineage";
import type { CrlCachePort, CrlCacheRecord } from "@/lib/revocation/crl-store";
import type { ImpactEvent } from "@/lib/domain/revocation-impact";
import type { Db, Tx } from "@/lib/db/client";
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

export async function dueForRevocationCheck(db: Db | Tx, now: Date, options: { limit?: number } = {}): Promise<string[]> {
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

export async function loadRevocationCheckRows(db: Db | Tx, ids: string[]): Promise<RevocationCheckRow[]> {
  const rows = await db.certificate.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      subject: true,
      subjectCn: true,
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
    label: r.subjectCn ?? r.subject,
    der: new Uint8Array(r.der),
    issuerDer: r.issuerCert ? new Uint8Array(r.issuerCert.der) : null,
    ocspUrls: parseList(r.ocspUrlsJson),
    crlUrls: parseList(r.crlUrlsJson),
    revocationStatus: r.revocationStatus,
    revocationSource: r.revocationSource,
  }));
}

export type RevocationState = {
  revocationStatus: "good" | "revoked" | "unknown" | "unchecked";
  revocationReason: string | null;
  revokedAt: Date | null;
  revocationCheckedAt: Date | null;
  revocationSource: "ocsp" | "crl" | "recorded" | null;
  revocationThisUpdate: Date | null;
  revocationNextUpdate: Date | null;
  revocationError: string | null;
};

const stateSelect = {
  revocationStatus: true,
  revocationReason: true,
  revokedAt: true,
  revocationCheckedAt: true,
  revocationSource: true,
  revocationThisUpdate: true,
  revocationNextUpdate: true,
  revocationError: true,
} as const;

export async function findRevocationState(db: Db | Tx, certificateId: string): Promise<RevocationState | null> {
  const row = await db.certificate.findUnique({ where: { id: certificateId }, select: stateSelect });
  return row as RevocationState | null;
}

export async function updateRevocationState(db: Db | Tx, certificateId: string, state: Partial<RevocationState>): Promise<void> {
  await db.certificate.update({ where: { id: certificateId }, data: state, select: { id: true } });
  // revoked or no longer revoked: the lineage around it changes (a revoked renewal supersedes nothing)
  if (state.revocationStatus !== undefined) await refreshLineage(db, { certificateIds: [certificateId] });
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
  createdAt: Date;
};

export async function createRevocationRequest(
  tx: Db | Tx,
  data: Omit<RevocationRequestRecord, "id" | "createdAt" | "confirmedAt" | "status"> & { status?: string; confirmedAt?: Date | null },
): Promise<RevocationRequestRecord> {
  return tx.revocationRequest.create({ data });
}

/** Marks the certificate's open requests as confirmed by the CA; returns their ids. */
export async function confirmOpenRevocationRequests(tx: Db | Tx, certificateId: string, confirmedAt: Date): Promise<string[]> {
  const open = await tx.revocationRequest.findMany({ where: { certificateId, status: "open" }, select: { id: true } });
  if (open.length === 0) return [];
  await tx.revocationRequest.updateMany({
    where: { id: { in: open.map((r) => r.id) }, status: "open" },
    data: { status: "confirmed", confirmedAt },
  });
  return open.map((r) => r.id);
}

export async function listRevocationRequests(db: Db | Tx, certificateId: string): Promise<RevocationRequestRecord[]> {
  return db.revocationRequest.findMany({ where: { certificateId }, orderBy: { requestedAt: "desc" } });
}

// ---------------------------------------------------------------- access and impact

/** The certificate if it exists and `user` may see it (owners: only their signers' certificates). */
export async function findVisibleCertificate(db: Db | Tx, certificateId: string, user: ScopeUser | null) {
  return db.certificate.findFirst({
    where: { id: certificateId, ...(user ? certificateScopeWhere(user) : {}) },
    select: { id: true, subject: true, subjectCn: true, serialHex: true, revocationStatus: true, revokedAt: true },
  });
}

export async function listSigningEventsForImpact(db: Db | Tx, certificateId: string): Promise<ImpactEvent[]> {
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
      const data = { der: Uint8Array.from(record.der), thisUpdate: record.thisUpdate, nextUpdate: record.nextUpdate, fetchedAt: record.fetchedAt };
      await db.crlCache.upsert({ where: { url: record.url }, create: { url: record.url, ...data }, update: data });
    },
  };
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
