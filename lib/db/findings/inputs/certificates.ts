import type { Db } from "@/lib/db/client";
import { onDriver } from "@/lib/db/driver";
import { CERTIFICATE_FIELD_COLUMNS as c, certificateColumnList, parseStringArray } from "@/lib/db/certificates/columns";
import {
  CERTIFICATE_RULE_FIELDS,
  type CertificateRuleInput,
  type CertificateSignerRef,
  type RevocationStatus,
  type SignerStatus,
} from "@/lib/domain/findings/types";
import { isSuperseded } from "@/lib/domain/certificate-status";
import { certificateContext, type EvaluationCache } from "./context";
import { loadProfileContexts } from "./profile-context";
import { groupBy, Prisma, readSelection, toBool, toDate, toNumber, toRequiredDate, type Page } from "@/lib/db/sql";

// The findings engine's view of certificates: the row plus who uses it, when it last signed,
// whether a renewal superseded it, and (for CAs) how many in-use certificates chain up to it.

const columns = Prisma.raw(
  [
    "id",
    ...certificateColumnList(CERTIFICATE_RULE_FIELDS),
    "keyId",
    "importedAt",
    "revocationStatus",
    "revocationReason",
    "revocationSource",
    "revokedAt",
    "revocationCheckedAt",
    "revocationError",
    "supersededAt",
    "issuerCertId",
  ]
    .map((c) => `"${c}"`)
    .concat(`"fulcioJson" IS NOT NULL AS "hasFulcioClaims"`)
    .join(", "),
);

type CertificateRow = Record<string, unknown> & { id: string; notBefore: unknown; isCA: unknown };

/**
 * Certificates by id (at most ~500) or the next page of the whole inventory, in id order, each
 * with the context its rules need.
 */
export async function loadCertificateInputs(
  db: Db,
  selection: { ids: string[] } | Page,
  options: { now: Date; cache: EvaluationCache },
): Promise<CertificateRuleInput[]> {
  // the raw reads on the driver: a sweep reads every certificate, and the client's query pipeline
  // cost more than the statements (its per-row decoding and the garbage it leaves)
  const raw = onDriver(db);
  const { rows, scope } = await readSelection(
    selection,
    (where, tail) => raw.$queryRaw<CertificateRow[]>`SELECT ${columns} FROM "Certificate" WHERE ${where} ${tail}`,
  );
  if (rows.length === 0) return [];
  const { links, lastSigned } = await certificateContext(raw, scope);
  const caCounts = await inUseIssuedCounts(
    db,
    rows.filter((r) => toBool(r.isCA)).map((r) => r.id),
    options.now,
  );

  const signersOf = groupBy(links, (l) => l.certificateId);
  const profileContexts = await loadProfileContexts(
    db,
    rows.map((r) => ({
      id: r.id,
      issuerCertId: (r.issuerCertId as string | null) ?? null,
      hasFulcioClaims: toBool(r.hasFulcioClaims),
      signerArtifactTypesJson: (signersOf.get(r.id) ?? []).map((s) => s.artifactTypesJson),
    })),
  );
  const lastSignedOf = new Map<string, Date | null>();
  const latestOf = new Map<string, Date>();
  for (const e of lastSigned) {
    const at = toDate(e.lastSignedAt);
    lastSignedOf.set(`${e.signerId} ${e.certificateId}`, at);
    const seen = latestOf.get(e.certificateId);
    if (at && (!seen || at > seen)) latestOf.set(e.certificateId, at);
  }
  return rows.map((r): CertificateRuleInput => {
    const notBefore = toRequiredDate(r[c.notBefore.column]);
    const isCA = toBool(r[c.isCA.column]);
    const signers: CertificateSignerRef[] = (signersOf.get(r.id) ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      status: s.status as SignerStatus,
      lastSignedAt: lastSignedOf.get(`${s.id} ${r.id}`) ?? null,
    }));
    // One object literal, not a spread of readCertificateFields: the full sweep builds one of these
    // for every certificate, and a spread of a loop-built object costs ~3 µs a row against ~0.2 µs
    // (bench:import's re-evaluation was 18% slower). Column names still come from the one map; the
    // return type holds the literal to exactly the rule fields.
    return {
      id: r.id,
      sha256: r[c.sha256.column] as string,
      subject: r[c.subject.column] as string,
      subjectCn: (r[c.subjectCn.column] as string | null) ?? null,
      issuer: r[c.issuer.column] as string,
      serialHex: r[c.serialHex.column] as string,
      notBefore,
      notAfter: toRequiredDate(r[c.notAfter.column]),
      keyAlgorithm: r[c.keyAlgorithm.column] as string,
      keyBits: toNumber(r[c.keyBits.column]),
      curve: (r[c.curve.column] as string | null) ?? null,
      signatureAlgorithm: r[c.signatureAlgorithm.column] as string,
      isCA,
      isSelfSigned: toBool(r[c.isSelfSigned.column]),
      isKeyless: toBool(r[c.isKeyless.column]),
      keyUsage: parseStringArray(r[c.keyUsage.column] as string | null),
      isKeyUsageCritical: toBool(r[c.isKeyUsageCritical.column]),
      ekus: parseStringArray(r[c.ekus.column] as string | null),
      policies: parseStringArray(r[c.policies.column] as string | null),
      crlUrls: parseStringArray(r[c.crlUrls.column] as string | null),
      ocspUrls: parseStringArray(r[c.ocspUrls.column] as string | null),
      caIssuersUrls: parseStringArray(r[c.caIssuersUrls.column] as string | null),
      authorityKeyId: (r[c.authorityKeyId.column] as string | null) ?? null,
      keyId: r.keyId as string,
      importedAt: toDate(r.importedAt)!,
      revocationStatus: r.revocationStatus as RevocationStatus,
      revocationReason: (r.revocationReason as string | null) ?? null,
      revocationSource: (r.revocationSource as string | null) ?? null,
      revokedAt: toDate(r.revokedAt),
      revocationCheckedAt: toDate(r.revocationCheckedAt),
      revocationError: (r.revocationError as string | null) ?? null,
      signers,
      // the lineage rule, stored on write (lib/db/certificates/lineage.ts)
      isSuperseded: isSuperseded(toDate(r.supersededAt)),
      latestSigningAt: latestOf.get(r.id) ?? null,
      inUseIssuedCertificateCount: isCA ? (caCounts.get(r.id) ?? 0) : 0,
      profileContext: profileContexts.get(r.id),
    };
  });
}

/**
 * For each CA certificate: how many unexpired certificates used by a signer that is not
 * decommissioned chain up to it (any depth). Walks down level by level; only CA children are
 * followed, leaves are counted in the database. CAs are few, so this stays on the query builder.
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
        where: {
          ...where,
          notAfter: { gte: now },
          signers: { some: { signer: { status: { not: "decommissioned" } } } },
        },
      });
      const subCas = await db.certificate.findMany({ where: { ...where, isCA: true }, select: { id: true } });
      frontier = subCas.map((c) => c.id).filter((id) => !seen.has(id));
      for (const id of frontier) seen.add(id);
    }
    counts.set(caId, total);
  }
  return counts;
}
