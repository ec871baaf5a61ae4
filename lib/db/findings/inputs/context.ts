import type { Db } from "@/lib/db/client";
import { chunks, groupBy, inScope, Prisma, type SubjectScope } from "@/lib/db/sql";

// Context several subjects share: who holds which certificate, when signers last signed with it,
// which keys sign in which environments. A whole-inventory run loads each of these once (a few
// joins over the link and event tables) instead of once per page; a run over explicit ids asks
// for just its subjects.

export type CertificateLinkRow = { certificateId: string; id: string; name: string; status: string };
export type LastSignedRow = { signerId: string; certificateId: string; lastSignedAt: unknown };
export type KeyLinkRow = {
  signerId: string;
  keyId: string;
  notBefore: unknown;
  notAfter: unknown;
  revocationStatus: string;
  supersededAt: unknown;
};
export type KeyEnvironmentRow = { keyId: string; environment: string; lastAt: unknown };

type SweepContext = {
  certificateLinks: Map<string, CertificateLinkRow[]>;
  lastSigned: Map<string, LastSignedRow[]>;
  keyLinks: Map<string, KeyLinkRow[]>;
  keyEnvironments: Map<string, KeyEnvironmentRow[]>;
};

export type SignerCustody = { custody: string; custodyEvidence: string | null };

export type EvaluationCache = {
  /** custody declared on signers (null: "unknown"), read once per signer and run */
  custodyBySigner: Map<string, SignerCustody | null>;
  /** set for whole-inventory runs */
  sweep: SweepContext | null;
};

export function newEvaluationCache(): EvaluationCache {
  return { custodyBySigner: new Map(), sweep: null };
}

const all = Prisma.sql`1 = 1`;
const where = (column: string, scope: SubjectScope | null) => (scope ? inScope(column, scope) : all);

function certificateLinkRows(db: Db, scope: SubjectScope | null) {
  return db.$queryRaw<CertificateLinkRow[]>`
    SELECT sc."certificateId" AS "certificateId", s."id" AS "id", s."name" AS "name", s."status" AS "status"
    FROM "SignerCertificate" sc JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE ${where('sc."certificateId"', scope)}`;
}

function lastSignedRows(db: Db, scope: SubjectScope | null) {
  return db.$queryRaw<LastSignedRow[]>`
    SELECT "signerId" AS "signerId", "certificateId" AS "certificateId", MAX("signedAt") AS "lastSignedAt"
    FROM "SigningEvent" WHERE "certificateId" IS NOT NULL AND ${where('"certificateId"', scope)}
    GROUP BY "signerId", "certificateId"`;
}

/** links of signers that are not decommissioned to certificates of these keys */
function keyLinkRows(db: Db, scope: SubjectScope | null) {
  return db.$queryRaw<KeyLinkRow[]>`
    SELECT sc."signerId" AS "signerId", c."keyId" AS "keyId", c."notBefore" AS "notBefore", c."notAfter" AS "notAfter",
      c."revocationStatus" AS "revocationStatus", c."supersededAt" AS "supersededAt"
    FROM "SignerCertificate" sc
      JOIN "Certificate" c ON c."id" = sc."certificateId"
      JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE s."status" <> 'decommissioned' AND ${where('c."keyId"', scope)}`;
}

function keyEnvironmentRows(db: Db, scope: SubjectScope | null) {
  return db.$queryRaw<KeyEnvironmentRow[]>`
    SELECT c."keyId" AS "keyId", e."environment" AS "environment", MAX(e."signedAt") AS "lastAt"
    FROM "SigningEvent" e JOIN "Certificate" c ON c."id" = e."certificateId"
    WHERE e."environment" IS NOT NULL AND ${where('c."keyId"', scope)}
    GROUP BY c."keyId", e."environment"`;
}

/** Whole-inventory runs: everything shared, at once. */
export async function loadSweepContext(db: Db, cache: EvaluationCache) {
  const [certificateLinks, lastSigned, keyLinks, keyEnvironments] = await Promise.all([
    certificateLinkRows(db, null),
    lastSignedRows(db, null),
    keyLinkRows(db, null),
    keyEnvironmentRows(db, null),
  ]);
  cache.sweep = {
    certificateLinks: groupBy(certificateLinks, (r) => r.certificateId),
    lastSigned: groupBy(lastSigned, (r) => r.certificateId),
    keyLinks: groupBy(keyLinks, (r) => r.keyId),
    keyEnvironments: groupBy(keyEnvironments, (r) => r.keyId),
  };
}

function pick<T>(map: Map<string, T[]>, ids: string[]): T[] {
  return ids.flatMap((id) => map.get(id) ?? []);
}

export async function certificateContext(
  db: Db,
  cache: EvaluationCache,
  certificateIds: string[],
  scope: SubjectScope,
) {
  if (cache.sweep)
    return {
      links: pick(cache.sweep.certificateLinks, certificateIds),
      lastSigned: pick(cache.sweep.lastSigned, certificateIds),
    };
  const [links, lastSigned] = await Promise.all([certificateLinkRows(db, scope), lastSignedRows(db, scope)]);
  return { links, lastSigned };
}

export async function keyContext(db: Db, cache: EvaluationCache, keyIds: string[], scope: SubjectScope) {
  if (cache.sweep)
    return { links: pick(cache.sweep.keyLinks, keyIds), environments: pick(cache.sweep.keyEnvironments, keyIds) };
  const [links, environments] = await Promise.all([keyLinkRows(db, scope), keyEnvironmentRows(db, scope)]);
  return { links, environments };
}

/** Custody declared by these signers, for keys whose own custody is unknown. */
export async function declaredCustodyOf(
  db: Db,
  cache: EvaluationCache,
  signerIds: Iterable<string>,
): Promise<Map<string, SignerCustody | null>> {
  const wanted = [...new Set(signerIds)];
  const missing = wanted.filter((id) => !cache.custodyBySigner.has(id));
  for (const chunk of chunks(missing)) {
    for (const id of chunk) cache.custodyBySigner.set(id, null);
    const rows = await db.signer.findMany({
      where: { id: { in: chunk }, custody: { not: "unknown" } },
      select: { id: true, custody: true, custodyEvidence: true },
    });
    for (const r of rows) cache.custodyBySigner.set(r.id, { custody: r.custody, custodyEvidence: r.custodyEvidence });
  }
  return new Map(wanted.map((id) => [id, cache.custodyBySigner.get(id) ?? null]));
}
