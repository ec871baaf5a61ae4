import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import type {
  AuditFilters,
  CertificateFilters,
  FindingFilters,
  GateDecisionFilters,
  KeyFilters,
  OwnerFilters,
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
import { ownerSource, type OwnerRow } from "@/lib/db/people/owners";
import { auditOrderBy, auditSelect, auditWhere, toAuditRow, type AuditRow } from "@/lib/db/audit/list";
import {
  gateDecisionOrderBy,
  gateDecisionSelect,
  gateDecisionWhere,
  toGateDecisionRows,
  type GateDecisionRow,
} from "@/lib/db/gate/decisions";
import { csvStream, cursorBatches, type CsvColumn } from "./csv";

// CSV exports of exactly what a list shows with its filters and sort (all pages), owner scoping
// applied by the same where-builders as the lists.

// under SQLite's 999 bound parameters: relations load with one IN (...) per batch
export const EXPORT_BATCH = 500;

const page = (cursor: string | undefined) => ({
  take: EXPORT_BATCH,
  ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
});

export const certificateColumns: CsvColumn<CertificateListRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "subject_cn", value: (r) => r.subjectCn },
  { header: "subject", value: (r) => r.subject },
  { header: "issuer_cn", value: (r) => r.issuerCn },
  { header: "serial", value: (r) => r.serialHex },
  { header: "sha256", value: (r) => r.sha256 },
  { header: "state", value: (r) => r.state },
  { header: "not_before", value: (r) => r.notBefore },
  { header: "not_after", value: (r) => r.notAfter },
  { header: "key_algorithm", value: (r) => [r.keyAlgorithm, r.keyBits ?? r.curve].filter(Boolean).join(" ") },
  { header: "custody", value: (r) => r.custody },
  { header: "revocation", value: (r) => r.revocationStatus },
  { header: "is_ca", value: (r) => r.isCA },
  { header: "signers", value: (r) => r.signers.map((s) => s.name).join("; ") },
];

export function exportCertificates(db: DbOrTx, user: ScopeUser, f: CertificateFilters, now: Date) {
  const select = certificateRowSelect(user);
  async function* rows() {
    const ctx = { now, bands: await loadExpiryBands(db) };
    const where = await certificateWhere(db, user, f, ctx);
    for await (const batch of cursorBatches(
      (c) => db.certificate.findMany({ where, orderBy: certificateOrderBy(f), select, ...page(c) }),
      EXPORT_BATCH,
    )) {
      yield batch.map((r) => toCertificateRow(r, ctx));
    }
  }
  return csvStream(certificateColumns, rows());
}

export const keyColumns: CsvColumn<KeyListRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "spki_sha256", value: (r) => r.spkiSha256 },
  { header: "algorithm", value: (r) => [r.algorithm, r.bits ?? r.curve].filter(Boolean).join(" ") },
  { header: "custody", value: (r) => r.custody },
  { header: "custody_attested_at", value: (r) => r.custodyAttestedAt },
  { header: "first_seen_at", value: (r) => r.firstSeenAt },
  { header: "rotation_age_days", value: (r) => r.rotationAgeDays },
  { header: "rotation_overdue", value: (r) => r.isRotationOverdue },
  { header: "certificates", value: (r) => r.certificateCount },
  { header: "latest_not_after", value: (r) => r.latestNotAfter },
];

export function exportKeys(db: DbOrTx, user: ScopeUser, f: KeyFilters, now: Date) {
  async function* rows() {
    const maxAge = await loadRotationMaxAgeDays(db);
    const where = keyWhere(db, user, f, now, maxAge);
    for await (const batch of cursorBatches(
      (c) => db.signingKey.findMany({ where, orderBy: keyOrderBy(f), select: keyRowSelect, ...page(c) }),
      EXPORT_BATCH,
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

export const findingColumns: CsvColumn<FindingListRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "severity", value: (r) => r.severity },
  { header: "rule", value: (r) => r.ruleId },
  { header: "title", value: (r) => r.title },
  { header: "owasp_nhi", value: (r) => r.nhi },
  { header: "subject_type", value: (r) => r.subjectType },
  { header: "subject", value: (r) => r.subjectLabel },
  { header: "message", value: (r) => r.message },
  { header: "threshold", value: (r) => r.threshold },
  { header: "state", value: (r) => r.state },
  { header: "first_seen_at", value: (r) => r.firstSeenAt },
  { header: "last_seen_at", value: (r) => r.lastSeenAt },
  { header: "accepted_until", value: (r) => r.acceptedUntil },
  { header: "triage_reason", value: (r) => r.triageReason },
];

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

export const ownerColumns: CsvColumn<OwnerRow>[] = [
  { header: "kind", value: (r) => r.kind },
  { header: "id", value: (r) => r.id },
  { header: "name", value: (r) => r.name },
  { header: "email", value: (r) => r.email },
  { header: "team", value: (r) => (r.kind === "person" ? r.team?.name : "") },
  { header: "active", value: (r) => (r.kind === "person" ? r.isActive : "") },
  { header: "signers", value: (r) => (r.kind === "person" ? r.primaryCount : r.signerCount) },
  { header: "backup_of", value: (r) => (r.kind === "person" ? r.backupCount : "") },
  { header: "open_findings", value: (r) => r.openFindings },
];

export async function exportOwners(db: DbOrTx, user: ScopeUser, f: OwnerFilters, now: Date) {
  async function* rows() {
    const owners = await ownerSource(db, user, f, now);
    yield* cursorBatches((c) => owners.rows({ by: "name", dir: "asc" }, page(c)), EXPORT_BATCH);
  }
  return csvStream(ownerColumns, rows());
}

export const auditColumns: CsvColumn<AuditRow>[] = [
  { header: "at", value: (r) => r.at },
  { header: "actor_type", value: (r) => r.actorType },
  { header: "actor", value: (r) => r.actorLabel },
  { header: "action", value: (r) => r.action },
  { header: "target_type", value: (r) => r.targetType },
  { header: "target_id", value: (r) => r.targetId },
  { header: "summary", value: (r) => r.summary },
  { header: "ip", value: (r) => r.ip },
];

export function exportAudit(db: DbOrTx, f: AuditFilters) {
  const where = auditWhere(db, f);
  async function* rows() {
    for await (const batch of cursorBatches(
      (c) => db.auditEvent.findMany({ where, orderBy: auditOrderBy, select: auditSelect, ...page(c) }),
      EXPORT_BATCH,
    )) {
      yield batch.map(toAuditRow);
    }
  }
  return csvStream(auditColumns, rows());
}

export const gateDecisionColumns: CsvColumn<GateDecisionRow>[] = [
  { header: "decided_at", value: (r) => r.decidedAt.toISOString() },
  { header: "decision", value: (r) => r.outcome },
  { header: "action", value: (r) => r.action },
  { header: "environment", value: (r) => r.environment },
  { header: "signer", value: (r) => r.signerName ?? r.subjectLabel },
  { header: "reasons", value: (r) => r.reasons.map((x) => `${x.ruleId}:${x.effect}`).join(" ") },
  { header: "triggered_by", value: (r) => r.triggeredBy },
  { header: "policy_version", value: (r) => r.policyVersion },
  { header: "id", value: (r) => r.id },
];

export async function exportGateDecisions(db: DbOrTx, user: ScopeUser, f: GateDecisionFilters) {
  const where = await gateDecisionWhere(db, user, f);
  async function* rows() {
    for await (const batch of cursorBatches(
      (c) => db.gateDecision.findMany({ where, orderBy: gateDecisionOrderBy, select: gateDecisionSelect, ...page(c) }),
      EXPORT_BATCH,
    )) {
      yield await toGateDecisionRows(db, batch);
    }
  }
  return csvStream(gateDecisionColumns, rows());
}
