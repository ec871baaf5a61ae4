import { certificateName } from "@/lib/domain/certificate-name";
import type { DbOrTx } from "@/lib/db/client";
import { certificateScopeWhere, signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { certificateStatus, type CertificateStatus as CertificateState } from "@/lib/domain/certificate-status";
import { certificateStatusSelect, loadExpiryBands } from "./status";
import { rotationAgeDays } from "@/lib/domain/key-rotation";
import { findingClock, findingRow, findingRowSelect, type FindingListRow } from "@/lib/db/findings/list";
import { iso } from "@/lib/db/inventory/common";
import type { KeyIdentity } from "@/lib/db/keys/keys";
import { readCertificateFields } from "./columns";
import {
  CERTIFICATE_FIELD_NAMES,
  withIsoDates,
  type CertificateFieldName,
  type CertificateFields,
  type WithIsoDates,
} from "@/lib/domain/certificate-fields";
import { auditHistory, type AuditRow } from "@/lib/db/audit/list";

// Everything the certificate page shows: parsed fields, the chain up to the root, key and
// rotation age, revocation with its source, findings, signers using it and its history.

export type ChainLink = {
  id: string;
  subjectCn: string | null;
  subject: string;
  notAfter: string;
  isSelfSigned: boolean;
  state: CertificateState;
  isVisible: boolean;
};

/** The certificate's own fields as the page and GET /api/v1/certificates/{id} show them: all but the DER. */
const VIEW_FIELDS = CERTIFICATE_FIELD_NAMES.filter((f): f is Exclude<CertificateFieldName, "der"> => f !== "der");

export type CertificateDetail = { id: string } & WithIsoDates<Omit<CertificateFields, "der">> & {
    validityDays: number;
    state: CertificateState;
    isRevocationUnknown: boolean;
    /** the renewal that superseded it, when visible to the user */
    supersededBy: { id: string; subjectCn: string | null; notBefore: string } | null;
    importSource: string;
    importedAt: string;
    revocation: {
      status: string;
      reason: string | null;
      revokedAt: string | null;
      checkedAt: string | null;
      source: string | null;
      thisUpdate: string | null;
      nextUpdate: string | null;
      error: string | null;
    };
    key: KeyIdentity & {
      custodyEvidence: string | null;
      custodyAttestedAt: string | null;
      firstSeenAt: string;
      rotationAgeDays: number;
      certificateCount: number;
    };
    /** from this certificate up to the root; the last link's issuer is missing when the chain is incomplete */
    chain: ChainLink[];
    isChainComplete: boolean;
    issuedCount: number;
    signers: {
      id: string;
      name: string;
      status: string;
      platform: string;
      primaryOwner: { id: string; name: string; isActive: boolean } | null;
      team: { id: string; name: string } | null;
      addedAt: string;
    }[];
    findings: FindingListRow[];
    history: AuditRow[];
  };

const MAX_CHAIN = 10;

export async function getCertificateDetail(
  db: DbOrTx,
  user: ScopeUser,
  id: string,
  now: Date,
): Promise<CertificateDetail | null> {
  const c = await db.certificate.findFirst({
    where: { AND: [{ id }, certificateScopeWhere(user)] },
    omit: { der: true },
    include: {
      key: {
        include: {
          _count: { select: { certificates: true } },
          certificates: { select: { notBefore: true }, orderBy: { notBefore: "asc" }, take: 1 },
        },
      },
      signers: {
        where: { signer: signerScopeWhere(user) },
        include: {
          signer: {
            select: {
              id: true,
              name: true,
              status: true,
              platform: true,
              primaryOwner: { select: { id: true, name: true, isActive: true } },
              team: { select: { id: true, name: true } },
            },
          },
        },
      },
      _count: { select: { issued: true } },
    },
  });
  if (!c) return null;
  const bands = await loadExpiryBands(db);
  const state = (x: Parameters<typeof certificateStatus>[0]) => certificateStatus(x, now, bands);
  const successor = c.supersededById
    ? await db.certificate.findFirst({
        where: { AND: [{ id: c.supersededById }, certificateScopeWhere(user)] },
        select: { id: true, subjectCn: true, notBefore: true },
      })
    : null;

  const chain: ChainLink[] = [];
  const seen = new Set([c.id]);
  let next = c.issuerCertId;
  while (next && !seen.has(next) && chain.length < MAX_CHAIN) {
    seen.add(next);
    const parent = await db.certificate.findUnique({
      where: { id: next },
      select: {
        ...certificateStatusSelect,
        id: true,
        subject: true,
        subjectCn: true,
        isSelfSigned: true,
        issuerCertId: true,
      },
    });
    if (!parent) break;
    // CAs are visible to everyone (they are not anybody's signer); the link works for owners too
    chain.push({
      id: parent.id,
      subject: parent.subject,
      subjectCn: parent.subjectCn,
      notAfter: parent.notAfter.toISOString(),
      isSelfSigned: parent.isSelfSigned,
      state: state(parent),
      isVisible: user.role !== "owner",
    });
    next = parent.isSelfSigned ? null : parent.issuerCertId;
  }
  const top = chain.at(-1);
  const isChainComplete = c.isSelfSigned || (top?.isSelfSigned ?? false);

  const [findings, history, clock] = await Promise.all([
    db.finding.findMany({
      where: { OR: [{ certificateId: c.id }, { subjectType: "certificate", subjectId: c.id }], resolvedAt: null },
      orderBy: [{ severityRank: "desc" }, { lastSeenAt: "desc" }],
      take: 100,
      select: findingRowSelect,
    }),
    auditHistory(db, [{ targetType: "certificate", targetId: c.id }]),
    findingClock(db, now),
  ]);

  const days = Math.round((c.notAfter.getTime() - c.notBefore.getTime() + 1000) / 86_400_000);
  return {
    id: c.id,
    ...withIsoDates(readCertificateFields(c, VIEW_FIELDS)),
    validityDays: days,
    state: state(c),
    isRevocationUnknown: c.revocationStatus === "unknown",
    supersededBy: successor
      ? { id: successor.id, subjectCn: successor.subjectCn, notBefore: successor.notBefore.toISOString() }
      : null,
    importSource: c.importSource,
    importedAt: c.importedAt.toISOString(),
    revocation: {
      status: c.revocationStatus,
      reason: c.revocationReason,
      revokedAt: iso(c.revokedAt),
      checkedAt: iso(c.revocationCheckedAt),
      source: c.revocationSource,
      thisUpdate: iso(c.revocationThisUpdate),
      nextUpdate: iso(c.revocationNextUpdate),
      error: c.revocationError,
    },
    key: {
      id: c.key.id,
      spkiSha256: c.key.spkiSha256,
      algorithm: c.key.algorithm,
      bits: c.key.bits,
      curve: c.key.curve,
      custody: c.key.custody,
      custodyEvidence: c.key.custodyEvidence,
      custodyAttestedAt: iso(c.key.custodyAttestedAt),
      firstSeenAt: c.key.firstSeenAt.toISOString(),
      rotationAgeDays: rotationAgeDays(
        { firstSeenAt: c.key.firstSeenAt, createdAt: c.key.createdAt, certificates: c.key.certificates },
        now,
      ),
      certificateCount: c.key._count.certificates,
    },
    chain,
    isChainComplete,
    issuedCount: c._count.issued,
    signers: c.signers.map((s) => ({ ...s.signer, addedAt: s.addedAt.toISOString() })),
    findings: findings.map((f) => findingRow(f, clock, new Map([[c.id, certificateName(c)]]))),
    history,
  };
}
