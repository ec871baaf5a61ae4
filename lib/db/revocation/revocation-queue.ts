// Reads for the revocation page: revocation requests across the inventory and certificates whose
// last revocation check failed. Owners see only their certificates.
import type { Db } from "@/lib/db/client";
import { certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import type { LastCheckCounts } from "@/lib/domain/revocation";

const LIMIT = 500;

export type RevocationQueueRequest = {
  id: string;
  kind: string;
  reason: string;
  status: string;
  requestedAt: Date;
  deadlineAt: Date;
  confirmedAt: Date | null;
  note: string | null;
  certificate: { id: string; subject: string; subjectCn: string | null; serialHex: string };
};

/** Open requests, plus those the CA confirmed since `confirmedSince`; earliest deadline first. */
export async function listRevocationQueue(
  db: Db,
  user: ScopeUser,
  options: { confirmedSince: Date },
): Promise<RevocationQueueRequest[]> {
  return db.revocationRequest.findMany({
    where: {
      certificate: certificateScopeWhere(user),
      OR: [{ status: "open" }, { status: "confirmed", confirmedAt: { gte: options.confirmedSince } }],
    },
    select: {
      id: true,
      kind: true,
      reason: true,
      status: true,
      requestedAt: true,
      deadlineAt: true,
      confirmedAt: true,
      note: true,
      certificate: { select: { id: true, subject: true, subjectCn: true, serialHex: true } },
    },
    orderBy: [{ deadlineAt: "asc" }, { id: "asc" }],
    take: LIMIT,
  });
}

export type FailedRevocationCheck = {
  id: string;
  subject: string;
  subjectCn: string | null;
  revocationStatus: string;
  revocationCheckedAt: Date | null;
  revocationError: string | null;
  notAfter: Date;
};

/** Unexpired certificates whose most recent revocation check ended in an error. */
export async function listFailedRevocationChecks(db: Db, user: ScopeUser, now: Date): Promise<FailedRevocationCheck[]> {
  return db.certificate.findMany({
    where: { ...certificateScopeWhere(user), revocationError: { not: null }, notAfter: { gte: now } },
    select: {
      id: true,
      subject: true,
      subjectCn: true,
      revocationStatus: true,
      revocationCheckedAt: true,
      revocationError: true,
      notAfter: true,
    },
    orderBy: [{ revocationCheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: LIMIT,
  });
}

/** Unexpired certificates in the user's scope by the outcome of their last revocation check. */
export async function countLastRevocationChecks(db: Db, user: ScopeUser, now: Date): Promise<LastCheckCounts> {
  const unexpired = { ...certificateScopeWhere(user), notAfter: { gte: now } };
  const [total, failed, unchecked] = await Promise.all([
    db.certificate.count({ where: unexpired }),
    db.certificate.count({ where: { ...unexpired, revocationError: { not: null } } }),
    db.certificate.count({ where: { ...unexpired, revocationError: null, revocationCheckedAt: null } }),
  ]);
  return { total, failed, unchecked, answered: total - failed - unchecked };
}
