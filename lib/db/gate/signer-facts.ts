import type { DbOrTx } from "@/lib/db/client";
import { CURRENT_POLICY_ROW } from "@/lib/db/policy/policy";
import { dialectOf, sqlDate, toBool, toDate, toRequiredDate } from "@/lib/db/sql";

// The gate's read of one signer with everything about it the gate judges (grants in force,
// approval windows not yet ended, pending attestations of open campaigns, its certificates with
// their key custody, open findings, live exceptions) and the policy in force, as ONE statement
// answering one JSON document. The gate is a hot path: the same read through the client's nested
// select was nine statements and cost about five times the CPU of the whole database work
// (lib/db/sql.ts says why), and on PostgreSQL each statement more is a round trip more.

export type SignerCertificateFacts = {
  id: string;
  sha256: string;
  subject: string;
  subjectCn: string | null;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  supersededAt: Date | null;
  revocationStatus: string;
  revokedAt: Date | null;
  revocationCheckedAt: Date | null;
  importedAt: Date;
  keyId: string;
  key: { custody: string };
};

export type SignerFacts = {
  id: string;
  name: string;
  status: string;
  custody: string;
  privileges: { id: string; scope: string; environment: string; isJustInTime: boolean }[];
  approvalRequests: { id: string; privilegeId: string; status: string; windowStartsAt: Date; windowEndsAt: Date }[];
  attestations: { campaign: { name: string; dueAt: Date } }[];
  /** its current certificate (currentCertificate in inputs.ts) and the one asked about, if it is the signer's */
  certificates: SignerCertificateFacts[];
  gateExceptions: { id: string; ruleId: string; reason: string; endsAt: Date }[];
  /**
   * open findings of at least the rank asked for on the signer, on the certificate judged (the one
   * named, else the signer's one the artifact's signature used, else its current one) or on that
   * certificate's key, worst first: open or acknowledged, or an acceptance that has ended
   * (openFindingWhere in lib/db/inventory/common.ts, as SQL); accepted risks and false positives do
   * not block
   */
  openFindings: { ruleId: string; severity: string; message: string }[];
};

/** The policy row in force as the same statement read it (null: none stored, the defaults). */
export type PolicyRow = { version: number; documentJson: string } | null;

/** How many open findings the gate reads (the worst first). */
const FINDINGS_READ = 50;

/** How many approval windows the gate reads per signer (the earliest first). */
const APPROVALS_READ = 20;

/** `json_object`/`json_build_object` of these columns (key → SQL expression). */
function object(isPg: boolean, fields: Record<string, string>): string {
  const pairs = Object.entries(fields).map(([k, expr]) => `'${k}', ${expr}`);
  return `${isPg ? "json_build_object" : "json_object"}(${pairs.join(", ")})`;
}

/** A JSON array of the rows of `select` (one column `x` holding an object), `[]` when none. */
function array(isPg: boolean, select: string): string {
  // SQLite: a value read back from a subquery loses its JSON subtype, json() restores it so the
  // array holds objects rather than strings
  return isPg
    ? `(SELECT COALESCE(json_agg(t.x), '[]'::json) FROM (${select}) t)`
    : `json((SELECT json_group_array(json(t.x)) FROM (${select}) t))`;
}

/**
 * The signer by id or name, with the facts the gate judges (null when there is none), and the policy
 * in force. Of its certificates only the current one and `certificateId` (the one the request named
 * or the artifact's signature used) are read: a signer holds many, and each cost the read and its
 * decoding for nothing. `namedCertificateId`: the certificate the request named, judged even when
 * the signer does not hold it.
 */
export async function readSignerFacts(
  db: DbOrTx,
  signerRef: string,
  options: { now: Date; certificateId?: string | null; namedCertificateId?: string | null; minFindingRank: number },
): Promise<{ facts: SignerFacts | null; policy: PolicyRow }> {
  const isPg = dialectOf(db) === "postgres";
  const { sql, params } = factsStatement(isPg);
  const values: Record<FactsParam, unknown> = {
    now: sqlDate(db, options.now),
    certificateId: options.certificateId ?? null,
    namedCertificateId: options.namedCertificateId ?? null,
    minRank: options.minFindingRank,
    signer: signerRef,
  };
  const rows = await db.$queryRawUnsafe<{ facts: string | null; policyVersion: unknown; policyJson: string | null }[]>(
    sql,
    ...params.map((p) => values[p]),
  );
  const row = rows[0];
  return {
    facts: row?.facts ? toSignerFacts(JSON.parse(row.facts) as RawFacts) : null,
    policy:
      row && row.policyJson !== null ? { version: Number(row.policyVersion), documentJson: row.policyJson } : null,
  };
}

type FactsParam = "now" | "certificateId" | "namedCertificateId" | "minRank" | "signer";
const statements = new Map<boolean, { sql: string; params: FactsParam[] }>();

/** The statement's text (built once per dialect) and which value each placeholder takes. */
function factsStatement(isPg: boolean): { sql: string; params: FactsParam[] } {
  const cached = statements.get(isPg);
  if (cached) return cached;
  const params: FactsParam[] = [];
  // placeholders in the order they appear in the text ($n for PostgreSQL, ? for SQLite)
  const param = (name: FactsParam) => (params.push(name), isPg ? `$${params.length}` : "?");
  const obj = (fields: Record<string, string>) => object(isPg, fields);
  const list = (select: string) => array(isPg, select);
  const certificateFrom = `"Certificate" c JOIN "SigningKey" k ON k."id" = c."keyId"`;
  const certificate = obj({
    id: `c."id"`,
    sha256: `c."sha256"`,
    subject: `c."subject"`,
    subjectCn: `c."subjectCn"`,
    notBefore: `c."notBefore"`,
    notAfter: `c."notAfter"`,
    isCA: `c."isCA"`,
    supersededAt: `c."supersededAt"`,
    revocationStatus: `c."revocationStatus"`,
    revokedAt: `c."revokedAt"`,
    revocationCheckedAt: `c."revocationCheckedAt"`,
    importedAt: `c."importedAt"`,
    keyId: `c."keyId"`,
    custody: `k."custody"`,
  });
  // the certificate judged: the one named, else the signer's own one asked about, else its current one
  const currentId = `(SELECT c2."id" FROM "SignerCertificate" sc2 JOIN "Certificate" c2 ON c2."id" = sc2."certificateId"
         WHERE sc2."signerId" = s."id" AND NOT c2."isCA"
         ORDER BY (c2."supersededAt" IS NULL) DESC, c2."notAfter" DESC LIMIT 1)`;
  const facts = `SELECT ${obj({
    id: `s."id"`,
    name: `s."name"`,
    status: `s."status"`,
    custody: `s."custody"`,
    privileges: list(
      `SELECT ${obj({ id: `p."id"`, scope: `p."scope"`, environment: `p."environment"`, isJustInTime: `p."isJustInTime"` })} AS x
       FROM "Privilege" p WHERE p."signerId" = s."id" AND p."removedAt" IS NULL`,
    ),
    // approval windows not yet ended (expiry follows from the clock: lib/domain/approvals.ts)
    approvalRequests: list(
      `SELECT ${obj({ id: `r."id"`, privilegeId: `r."privilegeId"`, status: `r."status"`, windowStartsAt: `r."windowStartsAt"`, windowEndsAt: `r."windowEndsAt"` })} AS x
       FROM "ApprovalRequest" r
       WHERE r."signerId" = s."id" AND r."status" IN ('pending', 'approved') AND r."windowEndsAt" > ${param("now")}
       ORDER BY r."windowStartsAt" ASC LIMIT ${APPROVALS_READ}`,
    ),
    attestations: list(
      `SELECT ${obj({ name: `ac."name"`, dueAt: `ac."dueAt"` })} AS x
       FROM "Attestation" a JOIN "AttestationCampaign" ac ON ac."id" = a."campaignId"
       WHERE a."signerId" = s."id" AND a."status" = 'pending' AND ac."status" = 'open'`,
    ),
    certificates: list(
      // the current certificate: a leaf, not superseded if one is, the latest expiry first
      `SELECT ${certificate} AS x FROM ${certificateFrom} WHERE c."id" = s."currentId"
       UNION ALL
       SELECT ${certificate} AS x FROM ${certificateFrom} WHERE c."id" = s."ownAskedId"`,
    ),
    gateExceptions: list(
      `SELECT ${obj({ id: `e."id"`, ruleId: `e."ruleId"`, reason: `e."reason"`, endsAt: `e."endsAt"` })} AS x
       FROM "GateException" e WHERE e."signerId" = s."id" AND e."liftedAt" IS NULL AND e."endsAt" > ${param("now")}`,
    ),
    openFindings: list(
      `SELECT ${obj({ ruleId: `f."ruleId"`, severity: `f."severity"`, message: `f."message"` })} AS x
       FROM "Finding" f
       WHERE f."severityRank" >= ${param("minRank")} AND f."resolvedAt" IS NULL
         AND (f."state" IN ('open', 'acknowledged') OR (f."state" = 'risk-accepted' AND f."acceptedUntil" < ${param("now")}))
         AND (f."signerId" = s."id" OR f."certificateId" = s."judgedId"
           OR f."keyId" = (SELECT jc."keyId" FROM "Certificate" jc WHERE jc."id" = s."judgedId"))
       ORDER BY f."severityRank" DESC, f."ruleId" ASC LIMIT ${FINDINGS_READ}`,
    ),
  })}${isPg ? "::text" : ""}
  FROM (
    SELECT s0.*, COALESCE(${param("namedCertificateId")}, s0."ownAskedId", s0."currentId") AS "judgedId"
    FROM (
      SELECT s1."id", s1."name", s1."status", s1."custody",
        ${currentId.replaceAll('s."id"', 's1."id"')} AS "currentId",
        (SELECT sc."certificateId" FROM "SignerCertificate" sc
         WHERE sc."signerId" = s1."id" AND sc."certificateId" = ${param("certificateId")}) AS "ownAskedId"
      FROM "Signer" s1 WHERE s1."id" = ${param("signer")} OR s1."name" = ${param("signer")} LIMIT 1
    ) s0
  ) s`;
  // one row whether or not the signer exists: the policy in force is read with the facts
  const sql = `SELECT (SELECT "version" ${CURRENT_POLICY_ROW}) AS "policyVersion",
    (SELECT "documentJson" ${CURRENT_POLICY_ROW}) AS "policyJson", (${facts}) AS "facts"`;
  const statement = { sql, params };
  statements.set(isPg, statement);
  return statement;
}

type Json = Record<string, unknown>;
type RawFacts = Json & {
  privileges: Json[];
  approvalRequests: Json[];
  attestations: Json[];
  certificates: Json[];
  gateExceptions: Json[];
  openFindings: Json[];
};

const text = (v: unknown) => v as string;
const textOrNull = (v: unknown) => (v ?? null) as string | null;

function toSignerFacts(r: RawFacts): SignerFacts {
  return {
    id: text(r.id),
    name: text(r.name),
    status: text(r.status),
    custody: text(r.custody),
    privileges: r.privileges.map((p) => ({
      id: text(p.id),
      scope: text(p.scope),
      environment: text(p.environment),
      isJustInTime: toBool(p.isJustInTime),
    })),
    approvalRequests: r.approvalRequests
      .map((a) => ({
        id: text(a.id),
        privilegeId: text(a.privilegeId),
        status: text(a.status),
        windowStartsAt: toRequiredDate(a.windowStartsAt),
        windowEndsAt: toRequiredDate(a.windowEndsAt),
      }))
      // an aggregate keeps its subquery's order in practice, not by promise
      .sort((x, y) => x.windowStartsAt.getTime() - y.windowStartsAt.getTime()),
    attestations: r.attestations.map((a) => ({ campaign: { name: text(a.name), dueAt: toRequiredDate(a.dueAt) } })),
    // the current certificate may be the one asked about too
    certificates: r.certificates
      .filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i)
      .map((c) => ({
        id: text(c.id),
        sha256: text(c.sha256),
        subject: text(c.subject),
        subjectCn: textOrNull(c.subjectCn),
        notBefore: toRequiredDate(c.notBefore),
        notAfter: toRequiredDate(c.notAfter),
        isCA: toBool(c.isCA),
        supersededAt: toDate(c.supersededAt),
        revocationStatus: text(c.revocationStatus),
        revokedAt: toDate(c.revokedAt),
        revocationCheckedAt: toDate(c.revocationCheckedAt),
        importedAt: toRequiredDate(c.importedAt),
        keyId: text(c.keyId),
        key: { custody: text(c.custody) },
      })),
    gateExceptions: r.gateExceptions.map((e) => ({
      id: text(e.id),
      ruleId: text(e.ruleId),
      reason: text(e.reason),
      endsAt: toRequiredDate(e.endsAt),
    })),
    openFindings: r.openFindings.map((f) => ({
      ruleId: text(f.ruleId),
      severity: text(f.severity),
      message: text(f.message),
    })),
  };
}
