import type { Db, Tx } from "./client";
import { parseStringArray } from "./certificates";
import { ANY_ENVIRONMENT } from "./signers";
import { DAY_MS } from "@/lib/domain/expiry";
import type { CertificateInput, CertificateSignerRef, KeyInput, RevocationStatus, SignerInput, SignerStatus } from "@/lib/domain/findings/types";

// Loads the findings engine's inputs (lib/domain/findings/types.ts) in batches: each subject with
// the context its rules need from other tables. Whole-inventory runs page through ids with a
// cursor; per-run caches keep context that several batches share from being loaded twice.

// ---------------------------------------------------------------- certificates


const evaluationSelect = {
  id: true, sha256: true, subject: true, subjectCn: true, issuer: true, serialHex: true, notBefore: true,
  notAfter: true, keyAlgorithm: true, keyBits: true, curve: true, signatureAlgorithm: true, isCA: true,
  isSelfSigned: true, keyUsageJson: true, isKeyUsageCritical: true, ekuJson: true, crlUrlsJson: true,
  ocspUrlsJson: true, caIssuersUrlsJson: true, authorityKeyId: true, keyId: true, importedAt: true,
  revocationStatus: true, revocationReason: true, revocationSource: true, revokedAt: true,
  revocationCheckedAt: true, revocationError: true,
} as const;

/**
 * Shared across the batches of one evaluation run: for each signer, the notBefore of its newest
 * certificate (to tell whether a certificate has been superseded by a renewal).
 */
export type CertificateEvaluationCache = { newestBySigner: Map<string, Date> };

export function newCertificateEvaluationCache(): CertificateEvaluationCache {
  return { newestBySigner: new Map() };
}

/** Ids of certificates, in id order, after `afterId` (cursor paging for whole-inventory runs). */
export async function certificateIdPage(db: Db, options: { afterId?: string; take: number }): Promise<string[]> {
  const rows = await db.certificate.findMany({
    where: options.afterId ? { id: { gt: options.afterId } } : {},
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The findings engine's view of these certificates, with the context its rules need. */
export async function loadCertificateInputs(
  db: Db,
  ids: string[],
  options: { now: Date; cache: CertificateEvaluationCache },
): Promise<CertificateInput[]> {
  if (ids.length === 0) return [];
  const [rows, links, lastSigned] = await Promise.all([
    db.certificate.findMany({ where: { id: { in: ids } }, select: evaluationSelect }),
    db.signerCertificate.findMany({
      where: { certificateId: { in: ids } },
      select: { certificateId: true, signer: { select: { id: true, name: true, status: true } } },
    }),
    db.signingEvent.groupBy({ by: ["signerId", "certificateId"], where: { certificateId: { in: ids } }, _max: { signedAt: true } }),
  ]);
  await fillNewestBySigner(db, [...new Set(links.map((l) => l.signer.id))], options.cache);
  const caCounts = await inUseIssuedCounts(db, rows.filter((r) => r.isCA).map((r) => r.id), options.now);

  const signersOf = groupBy(links, (l) => l.certificateId);
  const lastSignedOf = new Map(lastSigned.map((e) => [`${e.signerId} ${e.certificateId}`, e._max.signedAt]));
  const latestOf = new Map<string, Date>();
  for (const e of lastSigned) {
    const at = e._max.signedAt;
    const seen = latestOf.get(e.certificateId!);
    if (at && (!seen || at > seen)) latestOf.set(e.certificateId!, at);
  }
  return rows.map((r) => {
    const signers: CertificateSignerRef[] = (signersOf.get(r.id) ?? []).map(({ signer }) => ({
      id: signer.id,
      name: signer.name,
      status: signer.status as SignerStatus,
      lastSignedAt: lastSignedOf.get(`${signer.id} ${r.id}`) ?? null,
    }));
    const using = signers.filter((s) => s.status !== "decommissioned");
    const isSuperseded = using.length > 0 && using.every((s) => (options.cache.newestBySigner.get(s.id)?.getTime() ?? 0) > r.notBefore.getTime());
    return {
      id: r.id,
      sha256: r.sha256,
      subject: r.subject,
      subjectCn: r.subjectCn,
      issuer: r.issuer,
      serialHex: r.serialHex,
      notBefore: r.notBefore,
      notAfter: r.notAfter,
      keyAlgorithm: r.keyAlgorithm,
      keyBits: r.keyBits,
      curve: r.curve,
      signatureAlgorithm: r.signatureAlgorithm,
      isCA: r.isCA,
      isSelfSigned: r.isSelfSigned,
      keyUsage: parseStringArray(r.keyUsageJson),
      isKeyUsageCritical: r.isKeyUsageCritical,
      ekus: parseStringArray(r.ekuJson),
      crlUrls: parseStringArray(r.crlUrlsJson),
      ocspUrls: parseStringArray(r.ocspUrlsJson),
      caIssuersUrls: parseStringArray(r.caIssuersUrlsJson),
      authorityKeyId: r.authorityKeyId,
      keyId: r.keyId,
      importedAt: r.importedAt,
      revocationStatus: r.revocationStatus as RevocationStatus,
      revocationReason: r.revocationReason,
      revocationSource: r.revocationSource,
      revokedAt: r.revokedAt,
      revocationCheckedAt: r.revocationCheckedAt,
      revocationError: r.revocationError,
      signers,
      isSuperseded,
      latestSigningAt: latestOf.get(r.id) ?? null,
      inUseIssuedCertificateCount: r.isCA ? (caCounts.get(r.id) ?? 0) : 0,
    };
  });
}

const ID_CHUNK = 2_000;

async function fillNewestBySigner(db: Db, signerIds: string[], cache: CertificateEvaluationCache) {
  const missing = signerIds.filter((id) => !cache.newestBySigner.has(id));
  for (let i = 0; i < missing.length; i += ID_CHUNK) {
    const chunk = missing.slice(i, i + ID_CHUNK);
    const rows = await db.signerCertificate.findMany({
      where: { signerId: { in: chunk } },
      select: { signerId: true, certificate: { select: { notBefore: true } } },
    });
    for (const id of chunk) cache.newestBySigner.set(id, new Date(0));
    for (const r of rows) {
      if (r.certificate.notBefore > cache.newestBySigner.get(r.signerId)!) cache.newestBySigner.set(r.signerId, r.certificate.notBefore);
    }
  }
}

/**
 * For each CA certificate: how many unexpired certificates used by a signer that is not
 * decommissioned chain up to it (any depth). Walks down level by level; only CA children are
 * followed, leaves are counted in the database.
 */
async function inUseIssuedCounts(db: Db, caIds: string[], now: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const caId of caIds) {
    let frontier = [caId];
    const seen = new Set(frontier);
    let total = 0;
    while (frontier.length > 0) {
      const where = { issuerCertId: { in: frontier } };
      total += await db.certificate.count({
        where: { ...where, notAfter: { gte: now }, signers: { some: { signer: { status: { not: "decommissioned" } } } } },
      });
      const subCas = await db.certificate.findMany({ where: { ...where, isCA: true }, select: { id: true } });
      frontier = subCas.map((c) => c.id).filter((id) => !seen.has(id));
      for (const id of frontier) seen.add(id);
    }
    counts.set(caId, total);
  }
  return counts;
}

/** Ids of the issuers above these certificates (any depth): their in-use counts depend on them. */
export async function ancestorIdsOf(db: Db | Tx, certificateIds: string[]): Promise<string[]> {
  const found = new Set<string>();
  let frontier = certificateIds;
  while (frontier.length > 0) {
    const rows = await db.certificate.findMany({ where: { id: { in: frontier }, issuerCertId: { not: null } }, select: { issuerCertId: true } });
    frontier = [...new Set(rows.map((r) => r.issuerCertId!))].filter((id) => !found.has(id) && !certificateIds.includes(id));
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

// ---------------------------------------------------------------- keys

export async function keyIdPage(db: Db, options: { afterId?: string; take: number }): Promise<string[]> {
  const rows = await db.signingKey.findMany({
    where: options.afterId ? { id: { gt: options.afterId } } : {},
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * A signer counts as using a key while it is not decommissioned and holds a certificate of that key
 * that is unexpired or is still its newest one (an expired certificate nobody replaced is still
 * what the signer signs with). Retired history (expired and superseded) does not count, so old
 * keys stay quiet.
 */
export async function loadKeyInputs(
  db: Db,
  ids: string[],
  options: { now: Date; activityWindowDays: number; cache: CertificateEvaluationCache },
): Promise<KeyInput[]> {
  if (ids.length === 0) return [];
  const since = new Date(options.now.getTime() - options.activityWindowDays * DAY_MS);
  const [keys, certs, links] = await Promise.all([
    db.signingKey.findMany({
      where: { id: { in: ids } },
      select: { id: true, spkiSha256: true, algorithm: true, firstSeenAt: true, createdAt: true, custody: true, custodyEvidence: true },
    }),
    db.certificate.findMany({
      where: { keyId: { in: ids } },
      select: { id: true, keyId: true, sha256: true, notBefore: true, notAfter: true, subjectCn: true },
    }),
    db.signerCertificate.findMany({
      where: { certificate: { keyId: { in: ids } }, signer: { status: { not: "decommissioned" } } },
      select: { signerId: true, certificate: { select: { keyId: true, notBefore: true, notAfter: true } } },
    }),
  ]);
  await fillNewestBySigner(db, [...new Set(links.map((l) => l.signerId))], options.cache);
  const envRows = certs.length === 0 ? [] : await db.signingEvent.groupBy({
    by: ["certificateId", "environment"],
    where: { certificateId: { in: certs.map((c) => c.id) }, signedAt: { gte: since }, environment: { not: null } },
  });
  const keyOfCert = new Map(certs.map((c) => [c.id, c.keyId]));
  const certsOf = groupBy(certs, (c) => c.keyId);
  const signersOf = new Map<string, Set<string>>();
  for (const l of links) {
    const isCurrent = l.certificate.notAfter >= options.now || l.certificate.notBefore >= options.cache.newestBySigner.get(l.signerId)!;
    if (isCurrent) addTo(signersOf, l.certificate.keyId, l.signerId);
  }
  const envsOf = new Map<string, Set<string>>();
  for (const e of envRows) addTo(envsOf, keyOfCert.get(e.certificateId!)!, e.environment!);
  return keys.map((k) => ({
    id: k.id,
    spkiSha256: k.spkiSha256,
    algorithm: k.algorithm,
    firstSeenAt: k.firstSeenAt,
    createdAt: k.createdAt,
    custody: k.custody,
    custodyEvidence: k.custodyEvidence,
    certificates: (certsOf.get(k.id) ?? []).map(({ keyId: _keyId, ...c }) => c),
    signerIds: [...(signersOf.get(k.id) ?? [])].sort(),
    signingEnvironments: [...(envsOf.get(k.id) ?? [])].sort(),
  }));
}

// ---------------------------------------------------------------- signers

export async function signerIdPage(db: Db, options: { afterId?: string; take: number }): Promise<string[]> {
  const rows = await db.signer.findMany({
    where: options.afterId ? { id: { gt: options.afterId } } : {},
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const owner = { select: { id: true, name: true, isActive: true } } as const;

export async function loadSignerInputs(db: Db, ids: string[], options: { now: Date; activityWindowDays: number }): Promise<SignerInput[]> {
  if (ids.length === 0) return [];
  const since = new Date(options.now.getTime() - options.activityWindowDays * DAY_MS);
  const [signers, certLinks, envCounts, interactive, attestations] = await Promise.all([
    db.signer.findMany({
      where: { id: { in: ids } },
      select: {
        id: true, name: true, status: true, kind: true, environmentsJson: true, credentialType: true,
        credentialExpiresAt: true, createdAt: true, lastUsedAt: true, primaryOwner: owner, backupOwner: owner,
        privileges: { select: { id: true, scope: true, environment: true, grantedAt: true, lastExercisedAt: true, removedAt: true } },
      },
    }),
    db.signerCertificate.findMany({
      where: { signerId: { in: ids } },
      select: {
        signerId: true,
        certificate: { select: { notBefore: true, notAfter: true, revocationStatus: true, key: { select: { id: true, spkiSha256: true, custody: true } } } },
      },
    }),
    db.signingEvent.groupBy({ by: ["signerId", "environment"], where: { signerId: { in: ids }, signedAt: { gte: since } }, _count: { _all: true } }),
    db.signingEvent.findMany({
      where: { signerId: { in: ids }, signedAt: { gte: since }, isInteractive: true },
      orderBy: { signedAt: "desc" },
      select: { id: true, signerId: true, signedAt: true, artifactName: true, environment: true },
    }),
    db.attestation.findMany({
      where: { signerId: { in: ids }, status: "pending", campaign: { status: "open" } },
      select: { signerId: true, campaignId: true, escalatedAt: true, campaign: { select: { name: true, dueAt: true } } },
    }),
  ]);
  const certsOf = groupBy(certLinks, (l) => l.signerId);
  const countsOf = groupBy(envCounts, (e) => e.signerId);
  const interactiveOf = groupBy(interactive, (e) => e.signerId);
  const attestationsOf = groupBy(attestations, (a) => a.signerId);
  return signers.map((s) => {
    const certs = (certsOf.get(s.id) ?? []).map((l) => l.certificate);
    const counts = countsOf.get(s.id) ?? [];
    const keys = new Map(certs.map((c) => [c.key.id, c.key]));
    return {
      id: s.id,
      name: s.name,
      status: s.status as SignerStatus,
      kind: s.kind,
      environments: parseStringArray(s.environmentsJson),
      credentialType: s.credentialType,
      credentialExpiresAt: s.credentialExpiresAt,
      createdAt: s.createdAt,
      primaryOwner: s.primaryOwner,
      backupOwner: s.backupOwner,
      hasValidCertificate: certs.some((c) => c.notBefore <= options.now && c.notAfter >= options.now && c.revocationStatus !== "revoked"),
      lastUsedAt: s.lastUsedAt,
      // the engine spells "any environment" as null
      privileges: s.privileges.map((p) => ({ ...p, environment: p.environment === ANY_ENVIRONMENT ? null : p.environment })),
      recentSigning: {
        eventCount: counts.reduce((n, c) => n + c._count._all, 0),
        environments: counts.map((c) => c.environment).filter((e): e is string => !!e).sort(),
        interactiveEvents: (interactiveOf.get(s.id) ?? []).map(({ signerId: _signerId, ...e }) => e),
      },
      keys: [...keys.values()],
      overdueAttestations: (attestationsOf.get(s.id) ?? []).map((a) => ({
        campaignId: a.campaignId,
        campaignName: a.campaign.name,
        dueAt: a.campaign.dueAt,
        escalatedAt: a.escalatedAt,
      })),
    };
  });
}

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
