import type { DbOrTx } from "@/lib/db/client";
import { certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { keyBornAt, rotationAgeDays } from "@/lib/domain/key-rotation";
import { certificateStatus, type CertificateStatus as CertificateState } from "@/lib/domain/certificate-status";
import { certificateStatusSelect, loadExpiryBands, notSupersededWhere } from "@/lib/db/certificates/status";
import type { KeyFilters } from "@/lib/domain/inventory-filters";
import { findingClock, findingRow, findingRowSelect, subjectLabels, type FindingListRow } from "@/lib/db/findings/list";
import { auditHistory, type AuditRow } from "@/lib/db/audit/list";
import {
  iso,
  openFindingWhere,
  signerFilterWhere,
  readCappedPage,
  type Page,
  type Prisma,
} from "@/lib/db/inventory/common";
import { contains } from "@/lib/db/sql";
import { keySelect, type KeyIdentity } from "./keys";

// Signing keys: custody and rotation age (from the earliest evidence the key existed).

const DAY_MS = 86_400_000;

function rotationCutoff(now: Date, rotationMaxAgeDays: number) {
  return new Date(now.getTime() - rotationMaxAgeDays * DAY_MS);
}

/** The stored policy's rotation age (policy.keys.rotationMaxAgeDays), for the keys list and exports. */
export async function loadRotationMaxAgeDays(db: DbOrTx): Promise<number> {
  return (await loadCurrentPolicy(db)).policy.keys.rotationMaxAgeDays;
}

/**
 * A certificate that keeps its key in service: unexpired, not revoked, not superseded, and held by
 * a signer that is not decommissioned. A key with none is retired (its certificates are history),
 * so it is never overdue for rotation. Same basis as KeyInput.signerIds (findings/inputs/keys.ts),
 * which the key.rotation-overdue rule requires.
 */
export function keyInServiceCertificateWhere(now: Date): Prisma.CertificateWhereInput {
  return {
    AND: [
      { notAfter: { gte: now }, revocationStatus: { not: "revoked" } },
      notSupersededWhere(),
      { signers: { some: { signer: { status: { not: "decommissioned" } } } } },
    ],
  };
}

/** In service and older than the rotation policy allows: the keys list's overdue filter and the rule agree. */
export function keyRotationOverdueWhere(now: Date, rotationMaxAgeDays: number): Prisma.SigningKeyWhereInput {
  const cutoff = rotationCutoff(now, rotationMaxAgeDays);
  return {
    AND: [
      {
        OR: [
          { firstSeenAt: { lt: cutoff } },
          { createdAt: { lt: cutoff } },
          { certificates: { some: { notBefore: { lt: cutoff } } } },
        ],
      },
      { certificates: { some: keyInServiceCertificateWhere(now) } },
    ],
  };
}

export function keyWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: KeyFilters,
  now: Date,
  rotationMaxAgeDays: number,
): Prisma.SigningKeyWhereInput {
  const and: Prisma.SigningKeyWhereInput[] = [];
  if (user.role === "owner") and.push({ certificates: { some: certificateScopeWhere(user) } });
  if (f.custody) and.push({ custody: f.custody });
  if (f.algorithm) and.push({ algorithm: f.algorithm });
  if (f.rotation) {
    const overdue = keyRotationOverdueWhere(now, rotationMaxAgeDays);
    and.push(f.rotation === "overdue" ? overdue : { NOT: overdue });
  }
  const signer = signerFilterWhere(db, f);
  if (signer) and.push({ certificates: { some: { signers: { some: { signer } } } } });
  if (f.q) {
    const hex = f.q.toLowerCase();
    and.push({
      OR: [{ spkiSha256: { startsWith: hex } }, { certificates: { some: { subjectCn: contains(db, f.q) } } }],
    });
  }
  return { AND: and };
}

export type KeyListRow = KeyIdentity & {
  custodyAttestedAt: string | null;
  firstSeenAt: string;
  rotationAgeDays: number;
  isRotationOverdue: boolean;
  /** every certificate expired, revoked or superseded, or no signer in service holds one */
  isRetired: boolean;
  certificateCount: number;
  latestNotAfter: string | null;
  latestSubject: string | null;
};

export const keyRowSelect = {
  ...keySelect,
  certificates: {
    select: { notBefore: true, notAfter: true, subjectCn: true, subject: true },
    orderBy: { notAfter: "desc" },
    take: 20,
  },
} satisfies Prisma.SigningKeySelect;

type KeyRowPayload = Prisma.SigningKeyGetPayload<{ select: typeof keyRowSelect }>;

/** What a key's row shows beyond its own columns, read for a page of keys at a time. */
export type KeyRowFacts = {
  /** the keys in service (see keyInServiceCertificateWhere) */
  inService: ReadonlySet<string>;
  certificateCounts: ReadonlyMap<string, number>;
};

/**
 * Which of these keys are in service, and how many certificates each has. Counted for these keys
 * only: a relation `_count` in the page's own read joins Prisma's GROUP BY over every certificate
 * (250,000 for a page of 50 keys: ~350 ms of the keys list's ~370 ms on PostgreSQL).
 */
export async function keyRowFacts(db: DbOrTx, keyIds: string[], now: Date): Promise<KeyRowFacts> {
  if (keyIds.length === 0) return { inService: new Set(), certificateCounts: new Map() };
  const inService = await db.certificate.findMany({
    where: { AND: [{ keyId: { in: keyIds } }, keyInServiceCertificateWhere(now)] },
    select: { keyId: true },
    distinct: ["keyId"],
  });
  const counts = await db.certificate.groupBy({
    by: ["keyId"],
    where: { keyId: { in: keyIds } },
    _count: { _all: true },
  });
  return {
    inService: new Set(inService.map((r) => r.keyId)),
    certificateCounts: new Map(counts.map((c) => [c.keyId, c._count._all])),
  };
}

export function toKeyRow(k: KeyRowPayload, now: Date, facts: KeyRowFacts, rotationMaxAgeDays: number): KeyListRow {
  const age = rotationAgeDays(k, now);
  const latest = k.certificates[0];
  const isRetired = !facts.inService.has(k.id);
  return {
    id: k.id,
    spkiSha256: k.spkiSha256,
    algorithm: k.algorithm,
    bits: k.bits,
    curve: k.curve,
    custody: k.custody,
    custodyAttestedAt: iso(k.custodyAttestedAt),
    firstSeenAt: k.firstSeenAt.toISOString(),
    rotationAgeDays: age,
    isRotationOverdue: !isRetired && keyBornAt(k) < rotationCutoff(now, rotationMaxAgeDays),
    isRetired,
    certificateCount: facts.certificateCounts.get(k.id) ?? 0,
    latestNotAfter: iso(latest?.notAfter),
    latestSubject: latest ? (latest.subjectCn ?? latest.subject) : null,
  };
}

export function keyOrderBy(f: Pick<KeyFilters, "sort" | "dir">): Prisma.SigningKeyOrderByWithRelationInput[] {
  const sort = f.sort ?? "firstSeenAt";
  return [{ [sort]: f.dir ?? "asc" }, { id: "asc" }];
}

export async function listKeyPage(db: DbOrTx, user: ScopeUser, f: KeyFilters, now: Date): Promise<Page<KeyListRow>> {
  const maxAge = await loadRotationMaxAgeDays(db);
  const where = keyWhere(db, user, f, now, maxAge);
  const page = await readCappedPage(f, {
    rows: (window) => db.signingKey.findMany({ where, orderBy: keyOrderBy(f), ...window, select: keyRowSelect }),
    count: (cap) => db.signingKey.count({ where, ...cap }),
  });
  const facts = await keyRowFacts(
    db,
    page.rows.map((r) => r.id),
    now,
  );
  return { ...page, rows: page.rows.map((r) => toKeyRow(r, now, facts, maxAge)) };
}

export type KeyDetail = KeyListRow & {
  custodyEvidence: string | null;
  createdAt: string | null;
  rotationMaxAgeDays: number;
  certificates: {
    id: string;
    subjectCn: string | null;
    subject: string;
    notBefore: string;
    notAfter: string;
    state: CertificateState;
    signers: { id: string; name: string }[];
  }[];
  findings: FindingListRow[];
  history: AuditRow[];
};

export async function getKeyDetail(db: DbOrTx, user: ScopeUser, id: string, now: Date): Promise<KeyDetail | null> {
  const k = await db.signingKey.findFirst({
    where: {
      AND: [{ id }, ...(user.role === "owner" ? [{ certificates: { some: certificateScopeWhere(user) } }] : [])],
    },
    select: keyRowSelect,
  });
  if (!k) return null;
  const maxAge = await loadRotationMaxAgeDays(db);
  const certs = await db.certificate.findMany({
    where: { AND: [{ keyId: id }, certificateScopeWhere(user)] },
    orderBy: { notAfter: "desc" },
    take: 200,
    select: {
      ...certificateStatusSelect,
      id: true,
      subjectCn: true,
      subject: true,
      notBefore: true,
      signers: { select: { signer: { select: { id: true, name: true } } } },
    },
  });
  const bands = await loadExpiryBands(db);
  const findings = await db.finding.findMany({
    where: { AND: [{ OR: [{ keyId: id }, { certificateId: { in: certs.map((c) => c.id) } }] }, openFindingWhere(now)] },
    orderBy: [{ severityRank: "desc" }, { id: "asc" }],
    take: 100,
    select: findingRowSelect,
  });
  const [labels, clock] = await Promise.all([subjectLabels(db, findings), findingClock(db, now)]);
  return {
    ...toKeyRow(k, now, await keyRowFacts(db, [k.id], now), maxAge),
    custodyEvidence: k.custodyEvidence,
    createdAt: iso(k.createdAt),
    rotationMaxAgeDays: maxAge,
    certificates: certs.map((c) => ({
      id: c.id,
      subjectCn: c.subjectCn,
      subject: c.subject,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      state: certificateStatus(c, now, bands),
      signers: user.role === "owner" ? [] : c.signers.map((s) => s.signer),
    })),
    findings: findings.map((f) => findingRow(f, clock, labels)),
    history: await auditHistory(db, [{ targetType: "key", targetId: id }]),
  };
}
