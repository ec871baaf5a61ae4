import { certificateName } from "@/lib/domain/certificate-name";
import { certificateNameSelect } from "@/lib/db/certificates/columns";
import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { lastSeenAt, ruleCatalogue } from "@/lib/domain/findings";
import type { FindingFilters } from "@/lib/domain/inventory-filters";
import type { NhiId } from "@/lib/domain/nhi";
import { paging, readCappedPage, type Page, type PageQuery, type Prisma } from "@/lib/db/inventory/common";
import { isOwnerScoped } from "@/lib/domain/authz";
import {
  countFindingsWhere,
  findingIdsInOrder,
  findingIdsInOrderCounted,
  findingOrderSql,
  findingWhereSql,
} from "./where";

export { nhiRuleIds } from "./where";
import { effectiveState, type FindingLifecycleState } from "@/lib/domain/finding-lifecycle";
import { readLastSweepAt } from "./findings";

// Findings list: triage view over the stored findings, with the rule catalogue's metadata.

export type FindingState = FindingLifecycleState;

export type FindingListRow = {
  id: string;
  ruleId: string;
  title: string;
  nhi: NhiId | null;
  severity: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  certificateId: string | null;
  keyId: string | null;
  signerId: string | null;
  message: string;
  threshold: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /** the state in force now (an acceptance past its end date is open) */
  state: FindingState;
  /** risk-accepted: the end of the acceptance */
  acceptedUntil: string | null;
  /** the reason of the state: risk accepted, false positive, resolved by hand */
  triageReason: string | null;
  resolvedBy: string | null;
};

export const findingRowSelect = {
  id: true,
  ruleId: true,
  severity: true,
  subjectType: true,
  subjectId: true,
  certificateId: true,
  keyId: true,
  signerId: true,
  message: true,
  threshold: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  state: true,
  acceptedUntil: true,
  triageReason: true,
  resolvedBy: true,
} satisfies Prisma.FindingSelect;

type SelectedFinding = Prisma.FindingGetPayload<{ select: typeof findingRowSelect }>;

let metaCache: Map<string, { title: string; nhi: NhiId | null }> | undefined;
export function ruleInfo(ruleId: string) {
  metaCache ??= new Map(ruleCatalogue().map((r) => [r.id, { title: r.title, nhi: r.nhi }]));
  return metaCache.get(ruleId) ?? { title: ruleId, nhi: null };
}

export function findingState(f: { state: string; acceptedUntil: Date | null }, now: Date): FindingState {
  return effectiveState({ state: f.state as FindingLifecycleState, until: f.acceptedUntil }, now);
}

/** What a finding row's derived fields depend on besides the row: the instant and the last sweep. */
export type FindingClock = { now: Date; lastSweepAt: Date | null };

export async function findingClock(db: DbOrTx, now: Date): Promise<FindingClock> {
  return { now, lastSweepAt: await readLastSweepAt(db) };
}

export function findingRow(f: SelectedFinding, clock: FindingClock, labels: Map<string, string>): FindingListRow {
  const meta = ruleInfo(f.ruleId);
  const state = findingState(f, clock.now);
  return {
    id: f.id,
    ruleId: f.ruleId,
    title: meta.title,
    nhi: meta.nhi,
    severity: f.severity,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    subjectLabel: labels.get(f.subjectId) ?? f.subjectId,
    certificateId: f.certificateId,
    keyId: f.keyId,
    signerId: f.signerId,
    message: f.message,
    threshold: f.threshold,
    firstSeenAt: f.firstSeenAt.toISOString(),
    lastSeenAt: lastSeenAt(f, clock.lastSweepAt).toISOString(),
    state,
    acceptedUntil: state === "risk-accepted" ? (f.acceptedUntil?.toISOString() ?? null) : null,
    triageReason: state === "open" ? null : f.triageReason,
    resolvedBy: f.resolvedBy,
  };
}

/** Readable names of finding subjects: certificate CN, signer name, key fingerprint prefix. */
export async function subjectLabels(
  db: DbOrTx,
  rows: { subjectType: string; subjectId: string }[],
): Promise<Map<string, string>> {
  const ids = (t: string) => [...new Set(rows.filter((r) => r.subjectType === t).map((r) => r.subjectId))];
  const [certs, signers, keys] = await Promise.all([
    ids("certificate").length
      ? db.certificate.findMany({
          where: { id: { in: ids("certificate") } },
          select: { id: true, ...certificateNameSelect },
        })
      : [],
    ids("signer").length
      ? db.signer.findMany({ where: { id: { in: ids("signer") } }, select: { id: true, name: true } })
      : [],
    ids("key").length
      ? db.signingKey.findMany({
          where: { id: { in: ids("key") } },
          select: { id: true, algorithm: true, spkiSha256: true },
        })
      : [],
  ]);
  const out = new Map<string, string>();
  for (const c of certs) out.set(c.id, certificateName(c));
  for (const s of signers) out.set(s.id, s.name);
  for (const k of keys) out.set(k.id, `${k.algorithm} key ${k.spkiSha256.slice(0, 12)}…`);
  return out;
}

/**
 * The findings list's rows for these filters counted per rule and severity, in one query: a
 * severity, rule or NHI filter added to `f` selects whole groups, so each such list's count is a sum
 * of these (the overview's breakdowns).
 */
export async function countFindingsByRuleAndSeverity(
  db: DbOrTx,
  user: ScopeUser,
  f: FindingFilters,
  now: Date,
): Promise<{ ruleId: string; severity: string; count: number }[]> {
  const groups = await db.$queryRaw<{ ruleId: string; severity: string; n: unknown }[]>`
    SELECT "ruleId", "severity", COUNT(*) AS "n" FROM "Finding" WHERE ${await findingWhereSql(db, user, f, now)}
    GROUP BY "ruleId", "severity"`;
  return groups.map((g) => ({ ruleId: g.ruleId, severity: g.severity, count: Number(g.n) }));
}

/** These findings' rows, in the order of `ids`. */
export async function findingRowsByIds(db: DbOrTx, ids: string[]): Promise<SelectedFinding[]> {
  if (ids.length === 0) return [];
  const rows = await db.finding.findMany({ where: { id: { in: ids } }, select: findingRowSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * An owner's page: its ids and the count from one statement (findingIdsInOrderCounted), the count
 * capped as countFindingsWhere caps it; past the last page the count is read on its own.
 */
function scopedPageQuery(
  db: DbOrTx,
  where: Prisma.Sql,
  f: FindingFilters,
): PageQuery<SelectedFinding, { take: number }> {
  let read: Promise<{ ids: string[]; count: number | null }> | undefined;
  const counted = (window: { skip: number; take: number }) =>
    (read ??= findingIdsInOrderCounted(db, where, findingOrderSql(f), window));
  return {
    rows: async (window) => findingRowsByIds(db, (await counted(window)).ids),
    count: async (cap) => {
      const { count } = await counted(paging(f));
      return count === null ? countFindingsWhere(db, where, cap) : Math.min(count, cap.take);
    },
  };
}

export async function listFindingPage(
  db: DbOrTx,
  user: ScopeUser,
  f: FindingFilters,
  now: Date,
): Promise<Page<FindingListRow>> {
  const where = await findingWhereSql(db, user, f, now);
  const page = await readCappedPage(
    f,
    isOwnerScoped(user.role)
      ? scopedPageQuery(db, where, f)
      : {
          // the page's ids by the where, then their rows: a window of 50 rows
          rows: async (window) => findingRowsByIds(db, await findingIdsInOrder(db, where, findingOrderSql(f), window)),
          count: (cap) => countFindingsWhere(db, where, cap),
        },
  );
  const [labels, clock] = await Promise.all([subjectLabels(db, page.rows), findingClock(db, now)]);
  return { ...page, rows: page.rows.map((r) => findingRow(r, clock, labels)) };
}
