import type { Db } from "./client";
import { certificateScopeWhere, signerScopeWhere, type ScopeUser } from "./scope";

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

export type SignerRow = {
  id: string;
  name: string;
  kind: string;
  platform: string;
  status: string;
  environments: string[];
  primaryOwner: { id: string; name: string; isActive: boolean } | null;
  backupOwner: { id: string; name: string; isActive: boolean } | null;
  team: { id: string; name: string } | null;
  certificateCount: number;
  lastUsedAt: Date | null;
};

const person = { select: { id: true, name: true, isActive: true } } as const;

export async function listSigners(db: Db, user: ScopeUser, opts: { page: number; pageSize: number }): Promise<Page<SignerRow>> {
  const where = signerScopeWhere(user);
  const [total, rows] = await Promise.all([
    db.signer.count({ where }),
    db.signer.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { primaryOwner: person, backupOwner: person, team: { select: { id: true, name: true } }, _count: { select: { certificates: true } } },
    }),
  ]);
  return {
    total,
    page: opts.page,
    pageSize: opts.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      platform: r.platform,
      status: r.status,
      environments: JSON.parse(r.environmentsJson) as string[],
      primaryOwner: r.primaryOwner,
      backupOwner: r.backupOwner,
      team: r.team,
      certificateCount: r._count.certificates,
      lastUsedAt: r.lastUsedAt,
    })),
  };
}

export type CertificateRow = {
  id: string;
  sha256: string;
  subjectCn: string | null;
  subject: string;
  issuerCn: string | null;
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: string;
  keyBits: number | null;
  curve: string | null;
  isCA: boolean;
  revocationStatus: string;
  signerNames: string[];
};

export async function listCertificates(db: Db, user: ScopeUser, opts: { page: number; pageSize: number }): Promise<Page<CertificateRow>> {
  const where = certificateScopeWhere(user);
  const [total, rows] = await Promise.all([
    db.certificate.count({ where }),
    db.certificate.findMany({
      where,
      orderBy: { notAfter: "asc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        id: true, sha256: true, subjectCn: true, subject: true, issuerCn: true, notBefore: true, notAfter: true,
        keyAlgorithm: true, keyBits: true, curve: true, isCA: true, revocationStatus: true,
        signers: { select: { signer: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    total,
    page: opts.page,
    pageSize: opts.pageSize,
    rows: rows.map(({ signers, ...r }) => ({ ...r, signerNames: signers.map((s) => s.signer.name) })),
  };
}
