import type { Db } from "@/lib/db/client";
import { chunks, inScope, type SubjectScope } from "@/lib/db/sql";

// Context several subjects share: who holds which certificate, when signers last signed with it,
// which keys sign in which environments. Each batch asks for just its subjects (explicit ids, or a
// whole-inventory page's id range). A whole-inventory run once loaded all of it up front instead:
// a few seconds of joins over the link and event tables at 250,000 certificates, during which a
// SQLite server answered no request; per-page range reads cost about the same in total.

export type CertificateLinkRow = {
  certificateId: string;
  id: string;
  name: string;
  status: string;
  artifactTypesJson: string | null;
};
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

export type SignerCustody = { custody: string; custodyEvidence: string | null };

export type EvaluationCache = {
  /** custody declared on signers (null: "unknown"), read once per signer and run */
  custodyBySigner: Map<string, SignerCustody | null>;
};

export function newEvaluationCache(): EvaluationCache {
  return { custodyBySigner: new Map() };
}

function certificateLinkRows(db: Db, scope: SubjectScope) {
  return db.$queryRaw<CertificateLinkRow[]>`
    SELECT sc."certificateId" AS "certificateId", s."id" AS "id", s."name" AS "name", s."status" AS "status",
      s."artifactTypesJson" AS "artifactTypesJson"
    FROM "SignerCertificate" sc JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE ${inScope('sc."certificateId"', scope)}`;
}

function lastSignedRows(db: Db, scope: SubjectScope) {
  return db.$queryRaw<LastSignedRow[]>`
    SELECT "signerId" AS "signerId", "certificateId" AS "certificateId", MAX("signedAt") AS "lastSignedAt"
    FROM "SigningEvent" WHERE "certificateId" IS NOT NULL AND ${inScope('"certificateId"', scope)}
    GROUP BY "signerId", "certificateId"`;
}

/** links of signers that are not decommissioned to certificates of these keys */
function keyLinkRows(db: Db, scope: SubjectScope) {
  return db.$queryRaw<KeyLinkRow[]>`
    SELECT sc."signerId" AS "signerId", c."keyId" AS "keyId", c."notBefore" AS "notBefore", c."notAfter" AS "notAfter",
      c."revocationStatus" AS "revocationStatus", c."supersededAt" AS "supersededAt"
    FROM "SignerCertificate" sc
      JOIN "Certificate" c ON c."id" = sc."certificateId"
      JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE s."status" <> 'decommissioned' AND ${inScope('c."keyId"', scope)}`;
}

function keyEnvironmentRows(db: Db, scope: SubjectScope) {
  return db.$queryRaw<KeyEnvironmentRow[]>`
    SELECT c."keyId" AS "keyId", e."environment" AS "environment", MAX(e."signedAt") AS "lastAt"
    FROM "SigningEvent" e JOIN "Certificate" c ON c."id" = e."certificateId"
    WHERE e."environment" IS NOT NULL AND ${inScope('c."keyId"', scope)}
    GROUP BY c."keyId", e."environment"`;
}

export async function certificateContext(db: Db, scope: SubjectScope) {
  const [links, lastSigned] = await Promise.all([certificateLinkRows(db, scope), lastSignedRows(db, scope)]);
  return { links, lastSigned };
}

export async function keyContext(db: Db, scope: SubjectScope) {
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
