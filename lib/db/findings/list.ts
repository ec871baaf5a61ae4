import { certificateName } from "@/lib/domain/certificate-name";
import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { lastSeenAt, ruleCatalogue } from "@/lib/domain/findings";
import type { FindingFilters } from "@/lib/domain/inventory-filters";
import type { NhiId } from "@/lib/domain/nhi";
import {
  findingScopeIdsWhere,
  type FindingScopeReads,
  openFindingWhere,
  signerFilterWhere,
  readCappedPage,
  type Page,
  type Prisma,
} from "@/lib/db/inventory/common";
import { contains } from "@/lib/db/sql";
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
          select: { id: true, subjectCn: true, subject: true },
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

export function findingStateWhere(state: FindingFilters["state"], now: Date): Prisma.FindingWhereInput {
  switch (state) {
    case "open":
      return openFindingWhere(now);
    case "acknowledged":
      return { resolvedAt: null, state: "acknowledged" };
    case "risk-accepted":
      return { resolvedAt: null, state: "risk-accepted", acceptedUntil: { gte: now } };
    case "false-positive":
      return { resolvedAt: null, state: "false-positive" };
    case "resolved":
      return { resolvedAt: { not: null } };
    case "all":
      return {};
  }
}

/** The rules the NHI filter selects: a rule belongs to its primary NHI category and to the related ones it is tagged with. */
export function nhiRuleIds(nhi: NhiId): string[] {
  return ruleCatalogue()
    .filter((r) => r.nhi === nhi || r.relatedNhi.includes(nhi))
    .map((r) => r.id);
}

/** `options.scopeReads` shares the owner's scope between the reads of one computation (the overview). */
export async function findingWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: FindingFilters,
  now: Date,
  options: { scopeReads?: FindingScopeReads } = {},
): Promise<Prisma.FindingWhereInput> {
  const and: Prisma.FindingWhereInput[] = [
    await findingScopeIdsWhere(db, user, f.state === "resolved" || f.state === "all", options.scopeReads),
    findingStateWhere(f.state, now),
  ];
  if (f.severity) and.push({ severity: f.severity });
  if (f.rule) and.push({ ruleId: f.rule });
  if (f.nhi) and.push({ ruleId: { in: nhiRuleIds(f.nhi) } });
  if (f.subjectType) and.push({ subjectType: f.subjectType });
  if (f.certificate) and.push({ certificateId: f.certificate });
  if (f.key) and.push({ keyId: f.key });
  const signer = signerFilterWhere(db, f);
  if (signer) {
    const ids = (await db.signer.findMany({ where: signer, select: { id: true } })).map((s) => s.id);
    and.push({ signerId: { in: ids } });
  }
  if (f.q) and.push({ OR: [{ message: contains(db, f.q) }, { ruleId: contains(db, f.q) }] });
  return { AND: and };
}

export function findingOrderBy(f: Pick<FindingFilters, "sort" | "dir">): Prisma.FindingOrderByWithRelationInput[] {
  const sort = f.sort ?? "severity";
  const dir = f.dir ?? (sort === "rule" ? "asc" : "desc");
  if (sort === "severity") return [{ severityRank: dir }, { lastSeenAt: "desc" }, { id: "asc" }];
  if (sort === "rule") return [{ ruleId: dir }, { severityRank: "desc" }, { id: "asc" }];
  return [{ [sort]: dir }, { id: "asc" }];
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
  options: { scopeReads?: FindingScopeReads } = {},
): Promise<{ ruleId: string; severity: string; count: number }[]> {
  const groups = await db.finding.groupBy({
    by: ["ruleId", "severity"],
    where: await findingWhere(db, user, f, now, options),
    _count: { _all: true },
  });
  return groups.map((g) => ({ ruleId: g.ruleId, severity: g.severity, count: g._count._all }));
}

export async function listFindingPage(
  db: DbOrTx,
  user: ScopeUser,
  f: FindingFilters,
  now: Date,
): Promise<Page<FindingListRow>> {
  const where = await findingWhere(db, user, f, now);
  const page = await readCappedPage(f, {
    rows: (window) => db.finding.findMany({ where, orderBy: findingOrderBy(f), ...window, select: findingRowSelect }),
    // a capped count is a subquery Prisma orders by id unless told otherwise: SQLite then sorted every
    // open finding by id to count the first 10,001. Any order counts the same rows; severity alone is
    // the (resolvedAt, severityRank) index's, so they are read in it without a sort
    count: (cap) => db.finding.count({ where, ...cap, orderBy: { severityRank: "desc" } }),
  });
  const [labels, clock] = await Promise.all([subjectLabels(db, page.rows), findingClock(db, now)]);
  return { ...page, rows: page.rows.map((r) => findingRow(r, clock, labels)) };
}
