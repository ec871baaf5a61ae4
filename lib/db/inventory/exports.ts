import type { z } from "@/lib/domain/zod";
import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import {
  auditFiltersSchema,
  certificateFiltersSchema,
  findingFiltersSchema,
  gateDecisionFiltersSchema,
  keyFiltersSchema,
  ownerFiltersSchema,
  parseFilters,
  type AuditFilters,
  type CertificateFilters,
  type FindingFilters,
  type GateDecisionFilters,
  type KeyFilters,
  type OwnerFilters,
  type SearchParamsInput,
} from "@/lib/domain/inventory-filters";
import {
  certificateOrderBy,
  certificateRowSelect,
  certificateWhere,
  loadExpiryBands,
  toCertificateRow,
  type CertificateListRow,
} from "@/lib/db/certificates/list";
import { findingClock, findingRow, findingRowsByIds, subjectLabels, type FindingListRow } from "@/lib/db/findings/list";
import { findingIdsInOrder, findingOrderSql, findingWhereSql } from "@/lib/db/findings/where";
import {
  keyRowFacts,
  keyOrderBy,
  keyRowSelect,
  keyWhere,
  loadRotationMaxAgeDays,
  toKeyRow,
  type KeyListRow,
} from "@/lib/db/keys/list";
import { ownerOrder, ownerSource, type OwnerRow } from "@/lib/db/people/owners";
import { auditOrderBy, auditSelect, auditWhere, toAuditRow, type AuditRow } from "@/lib/db/audit/list";
import {
  gateDecisionOrderBy,
  gateDecisionSelect,
  gateDecisionWhere,
  toGateDecisionRows,
  type GateDecisionRow,
} from "@/lib/db/gate/decisions";
import { csvColumns, csvStream, cursorBatches, type CsvColumn } from "./csv";

// CSV exports of exactly what a list shows with its filters and sort (all pages), owner scoping
// applied by the same where-builders as the lists.

// under SQLite's 999 bound parameters: relations load with one IN (...) per batch
export const EXPORT_BATCH = 500;

const page = (cursor: string | undefined) => ({
  take: EXPORT_BATCH,
  ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
});

/** Every row in batches: `read(page)` reads one page (spread into a findMany) after the previous batch's last id. */
const batches = <T extends { id: string }>(read: (p: ReturnType<typeof page>) => Promise<T[]>) =>
  cursorBatches((c) => read(page(c)), EXPORT_BATCH);

const certificateColumns = csvColumns<CertificateListRow>({
  id: "id",
  subject_cn: "subjectCn",
  subject: "subject",
  issuer_cn: "issuerCn",
  serial: "serialHex",
  sha256: "sha256",
  state: "state",
  not_before: "notBefore",
  not_after: "notAfter",
  key_algorithm: (r) => [r.keyAlgorithm, r.keyBits ?? r.curve].filter(Boolean).join(" "),
  custody: "custody",
  revocation: "revocationStatus",
  is_ca: "isCA",
  signers: (r) => r.signers.map((s) => s.name).join("; "),
});

export function exportCertificates(db: DbOrTx, user: ScopeUser, f: CertificateFilters, now: Date) {
  const select = certificateRowSelect(user);
  async function* rows() {
    const ctx = { now, bands: await loadExpiryBands(db) };
    const where = await certificateWhere(db, user, f, ctx);
    for await (const batch of batches((p) =>
      db.certificate.findMany({ where, orderBy: certificateOrderBy(f), select, ...p }),
    )) {
      yield batch.map((r) => toCertificateRow(r, ctx));
    }
  }
  return csvStream(certificateColumns, rows());
}

const keyColumns = csvColumns<KeyListRow>({
  id: "id",
  spki_sha256: "spkiSha256",
  algorithm: (r) => [r.algorithm, r.bits ?? r.curve].filter(Boolean).join(" "),
  custody: "custody",
  custody_attested_at: "custodyAttestedAt",
  first_seen_at: "firstSeenAt",
  rotation_age_days: "rotationAgeDays",
  rotation_overdue: "isRotationOverdue",
  certificates: "certificateCount",
  latest_not_after: "latestNotAfter",
});

export function exportKeys(db: DbOrTx, user: ScopeUser, f: KeyFilters, now: Date) {
  async function* rows() {
    const maxAge = await loadRotationMaxAgeDays(db);
    const where = keyWhere(db, user, f, now, maxAge);
    for await (const batch of batches((p) =>
      db.signingKey.findMany({ where, orderBy: keyOrderBy(f), select: keyRowSelect, ...p }),
    )) {
      const facts = await keyRowFacts(
        db,
        batch.map((r) => r.id),
        now,
      );
      yield batch.map((r) => toKeyRow(r, now, facts, maxAge));
    }
  }
  return csvStream(keyColumns, rows());
}

const findingColumns = csvColumns<FindingListRow>({
  id: "id",
  severity: "severity",
  rule: "ruleId",
  title: "title",
  owasp_nhi: "nhi",
  subject_type: "subjectType",
  subject: "subjectLabel",
  message: "message",
  threshold: "threshold",
  state: "state",
  first_seen_at: "firstSeenAt",
  last_seen_at: "lastSeenAt",
  accepted_until: "acceptedUntil",
  triage_reason: "triageReason",
});

export async function exportFindings(db: DbOrTx, user: ScopeUser, f: FindingFilters, now: Date) {
  const [where, clock] = await Promise.all([findingWhereSql(db, user, f, now), findingClock(db, now)]);
  async function* rows() {
    // the list's where is SQL (lib/db/findings/where.ts): its ids in the list's order in one read
    // (ids only: 280,000 are a few MB), then each batch's rows by id
    const ids = await findingIdsInOrder(db, where, findingOrderSql(f));
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
      const batch = await findingRowsByIds(db, ids.slice(i, i + EXPORT_BATCH));
      const labels = await subjectLabels(db, batch);
      yield batch.map((r) => findingRow(r, clock, labels));
    }
  }
  return csvStream(findingColumns, rows());
}

const ownerColumns = csvColumns<OwnerRow>({
  kind: "kind",
  id: "id",
  name: "name",
  email: "email",
  team: (r) => (r.kind === "person" ? r.team?.name : ""),
  active: (r) => (r.kind === "person" ? r.isActive : ""),
  signers: (r) => (r.kind === "person" ? r.primaryCount : r.signerCount),
  backup_of: (r) => (r.kind === "person" ? r.backupCount : ""),
  open_findings: "openFindings",
});

export async function exportOwners(db: DbOrTx, user: ScopeUser, f: OwnerFilters, now: Date) {
  async function* rows() {
    const owners = await ownerSource(db, user, f, now);
    yield* batches((p) => owners.rows(ownerOrder(f), p));
  }
  return csvStream(ownerColumns, rows());
}

const auditColumns = csvColumns<AuditRow>({
  at: "at",
  actor_type: "actorType",
  actor: "actorLabel",
  action: "action",
  target_type: "targetType",
  target_id: "targetId",
  summary: "summary",
  ip: "ip",
});

export function exportAudit(db: DbOrTx, f: AuditFilters) {
  const where = auditWhere(db, f);
  async function* rows() {
    for await (const batch of batches((p) =>
      db.auditEvent.findMany({ where, orderBy: auditOrderBy, select: auditSelect, ...p }),
    )) {
      yield batch.map(toAuditRow);
    }
  }
  return csvStream(auditColumns, rows());
}

const gateDecisionColumns = csvColumns<GateDecisionRow>({
  decided_at: (r) => r.decidedAt.toISOString(),
  decision: "outcome",
  action: "action",
  environment: "environment",
  signer: (r) => r.signerName ?? r.subjectLabel,
  reasons: (r) => r.reasons.map((x) => `${x.ruleId}:${x.effect}`).join(" "),
  triggered_by: "triggeredBy",
  policy_version: "policyVersion",
  id: "id",
});

export async function exportGateDecisions(db: DbOrTx, user: ScopeUser, f: GateDecisionFilters) {
  const where = await gateDecisionWhere(db, user, f);
  async function* rows() {
    for await (const batch of batches((p) =>
      db.gateDecision.findMany({ where, orderBy: gateDecisionOrderBy, select: gateDecisionSelect, ...p }),
    )) {
      yield await toGateDecisionRows(db, batch);
    }
  }
  return csvStream(gateDecisionColumns, rows());
}

type CsvBody = ReadableStream<Uint8Array>;

/**
 * One export: the filters of its list, its columns, and `run`, the export of filters parsed by that schema;
 * `ofQuery` runs it on a list's query string.
 */
function csvExport<S extends z.ZodObject, R>(spec: {
  filters: S;
  columns: CsvColumn<R>[];
  run: (db: DbOrTx, user: ScopeUser, f: z.infer<S>, now: Date) => CsvBody | Promise<CsvBody>;
}) {
  return {
    ...spec,
    ofQuery: async (db: DbOrTx, user: ScopeUser, query: SearchParamsInput, now: Date): Promise<CsvBody> =>
      spec.run(db, user, parseFilters(spec.filters, query), now),
  };
}

export type CsvExport<S extends z.ZodObject, R> = ReturnType<typeof csvExport<S, R>>;

/**
 * The exports by their name in GET /api/v1/exports/{resource}. The audit log has no owner scope: it is
 * read whole, so its caller checks audit:read first.
 */
export const EXPORTS = {
  certificates: csvExport({ filters: certificateFiltersSchema, columns: certificateColumns, run: exportCertificates }),
  keys: csvExport({ filters: keyFiltersSchema, columns: keyColumns, run: exportKeys }),
  findings: csvExport({ filters: findingFiltersSchema, columns: findingColumns, run: exportFindings }),
  owners: csvExport({ filters: ownerFiltersSchema, columns: ownerColumns, run: exportOwners }),
  audit: csvExport({ filters: auditFiltersSchema, columns: auditColumns, run: (db, _user, f) => exportAudit(db, f) }),
  "gate-decisions": csvExport({
    filters: gateDecisionFiltersSchema,
    columns: gateDecisionColumns,
    run: exportGateDecisions,
  }),
};

export type ExportName = keyof typeof EXPORTS;

export const isExportName = (name: string): name is ExportName => Object.hasOwn(EXPORTS, name);
