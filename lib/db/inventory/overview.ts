import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { NHI_TOP_10, type NhiId } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import {
  certificateFiltersSchema,
  dayRange,
  filtersQueryString,
  findingFiltersSchema,
  parseFilters,
  type CertificateFilters,
  type FindingFilters,
} from "@/lib/domain/inventory-filters";
import { expiringWithinDays, type CertificateStatus } from "@/lib/domain/certificate-status";
import { loadExpiryBands, type StatusContext } from "@/lib/db/certificates/list";
import { countAllCertificatesByStatusAndExpiry } from "@/lib/db/certificates/status";
import { countFindingsByRuleAndSeverity, nhiRuleIds } from "@/lib/db/findings/list";
import { countSigners, type SignerListFilters } from "@/lib/db/signers/list";
import { countOutboxMessages } from "@/lib/db/outbox/outbox";
import { isOwnerScoped } from "@/lib/domain/authz";
import { rankToday, type TodayDetail } from "@/lib/domain/today";
import { ownerSignerIds } from "./common";
import { loadTodayDetails } from "./today";

// The overview's numbers. Every number is its list: a tile is { count, href } where the count comes
// from the count function of the list the link opens, with the same filters object the link is
// built from, so the two cannot disagree (lib/db/inventory/overview.int.test.ts holds them to it).

const DAY_MS = 86_400_000;
export const WEEKS_BACK = 4;
export const WEEKS_AHEAD = 26;

/** A number and the list that shows exactly those rows. */
export type Tile = { count: number; href: string };

export type ExpiryWeek = Tile & { from: string; to: string; isPast: boolean; isCurrent: boolean };

export type Overview = {
  generatedAt: string;
  signers: { total: Tile; active: Tile; orphaned: Tile };
  certificates: Record<"total" | CertificateStatus, Tile>;
  /** the alert policy's widest bands: what "expiring" means */
  expiringWithinDays: { leaf: number; ca: number };
  expiryWeeks: ExpiryWeek[];
  findingsBySeverity: (Tile & { severity: string })[];
  findingsByNhi: (Tile & { nhi: NhiId; title: string })[];
  openFindings: Tile;
  rotationOverdueKeys: Tile;
  revokedInUse: Tile;
  campaigns: {
    id: string;
    name: string;
    dueAt: string;
    status: string;
    total: number;
    submitted: number;
    overdue: number;
  }[];
  /** administrators only */
  failedDeliveries: Tile | null;
  /** "Today, ranked": each ranked item's blast radius and, when it counts one object, that object (by item id) */
  today: Record<string, TodayDetail>;
};

/** Monday 00:00 UTC of the week containing `now`. */
export function weekStart(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function weekWindows(now: Date) {
  const start = weekStart(now);
  return Array.from({ length: WEEKS_BACK + WEEKS_AHEAD }, (_, i) => {
    const from = new Date(start.getTime() + (i - WEEKS_BACK) * 7 * DAY_MS);
    return { from: isoDay(from), to: isoDay(new Date(from.getTime() + 6 * DAY_MS)), index: i };
  });
}

// ---------------------------------------------------------------- one tile per list

const certificateFilters = (f: Partial<CertificateFilters>) => ({
  ...parseFilters(certificateFiltersSchema, {}),
  ...f,
});
const findingFilters = (f: Partial<FindingFilters>) => ({ ...parseFilters(findingFiltersSchema, {}), ...f });

const CERTIFICATE_TILES = [
  "valid",
  "expiring",
  "expired",
  "superseded",
  "revoked",
  "keyless",
] as const satisfies readonly CertificateStatus[];

const certificateHref = (filters: CertificateFilters) =>
  `/certificates${filtersQueryString(certificateFiltersSchema, filters)}`;
const findingHref = (filters: FindingFilters) => `/findings${filtersQueryString(findingFiltersSchema, filters)}`;

type CertificateTiles = { byStatus: Record<"total" | CertificateStatus, Tile>; weeks: Tile[] };

/**
 * The certificate tiles: the list's count for each status and each expiry week, from one scan
 * (countAllCertificatesByStatusAndExpiry: the same conditions as the list's filters and scope, as SQL) instead of
 * a count per tile, for owners too (36 counts, each an EXISTS per certificate, cost an owner's
 * overview ~2× main's before the status model).
 */
async function certificateTiles(
  db: DbOrTx,
  user: ScopeUser,
  ctx: StatusContext,
  weeks: { from: string; to: string }[],
): Promise<CertificateTiles> {
  const statusFilters = [{}, ...CERTIFICATE_TILES.map((status) => ({ status }))].map(certificateFilters);
  const weekFilters = weeks.map((w) => certificateFilters({ expiresFrom: w.from, expiresTo: w.to }));
  const ranges = weekFilters.map((f) => dayRange(f.expiresFrom, f.expiresTo) as { gte: Date; lt: Date });
  const { byStatus, expiringIn: weekCounts } = await countAllCertificatesByStatusAndExpiry(db, ctx, ranges, user);
  const statusCounts = [byStatus.total, ...CERTIFICATE_TILES.map((status) => byStatus[status])];
  const tiles = statusFilters.map((f, i) => ({ count: statusCounts[i], href: certificateHref(f) }));
  return {
    byStatus: {
      total: tiles[0],
      ...Object.fromEntries(CERTIFICATE_TILES.map((status, i) => [status, tiles[i + 1]])),
    } as CertificateTiles["byStatus"],
    weeks: weekFilters.map((f, i) => ({ count: weekCounts[i], href: certificateHref(f) })),
  };
}

type FindingTiles = {
  open: Tile;
  bySeverity: Tile[];
  byNhi: Tile[];
  rotationOverdueKeys: Tile;
  revokedInUse: Tile;
};

/**
 * The open findings list's count, and its count with a severity, NHI or rule filter added, from one
 * grouped count of that list's own query: each added filter selects whole (rule, severity) groups.
 */
async function findingTiles(db: DbOrTx, user: ScopeUser, now: Date): Promise<FindingTiles> {
  const base = findingFilters({});
  const groups = await countFindingsByRuleAndSeverity(db, user, base, now);
  const sum = (isIn: (g: { ruleId: string; severity: string }) => boolean) =>
    groups.filter(isIn).reduce((n, g) => n + g.count, 0);
  const tile = (f: Partial<FindingFilters>, isIn: (g: { ruleId: string; severity: string }) => boolean) => ({
    count: sum(isIn),
    href: findingHref({ ...base, ...f }),
  });
  return {
    open: tile({}, () => true),
    bySeverity: SEVERITIES.map((severity) => tile({ severity }, (g) => g.severity === severity)),
    byNhi: NHI_TOP_10.map((n) => {
      const rules = new Set(nhiRuleIds(n.id));
      return tile({ nhi: n.id }, (g) => rules.has(g.ruleId));
    }),
    // one finding per key, by the keys list's own overdue condition (lib/db/keys/list.ts
    // keyRotationOverdueWhere): open findings, so a key whose risk was accepted leaves the number
    rotationOverdueKeys: tile({ rule: "key.rotation-overdue" }, (g) => g.ruleId === "key.rotation-overdue"),
    revokedInUse: tile({ rule: "cert.revoked-in-use" }, (g) => g.ruleId === "cert.revoked-in-use"),
  };
}

/** The signers list's URL parameters (signerFiltersSchema in lib/domain/inventory-filters.ts) for these filters. */
export function signersHref(f: SignerListFilters): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.isOrphaned) p.set("orphaned", "1");
  const s = p.toString();
  return s ? `/signers?${s}` : "/signers";
}

async function signerTile(db: DbOrTx, user: ScopeUser, f: SignerListFilters): Promise<Tile> {
  return { count: await countSigners(db, user, f), href: signersHref(f) };
}

/** Computes the overview from the database (no cache). */
export async function computeOverview(db: DbOrTx, user: ScopeUser, now: Date): Promise<Overview> {
  const isOwner = isOwnerScoped(user.role);
  const ctx: StatusContext = { now, bands: await loadExpiryBands(db) };
  const weeks = weekWindows(now);

  const [signers, certificates, findings, failedDeliveries] = await Promise.all([
    Promise.all([
      signerTile(db, user, {}),
      signerTile(db, user, { status: "active" }),
      signerTile(db, user, { isOrphaned: true }),
    ]),
    certificateTiles(db, user, ctx, weeks),
    findingTiles(db, user, now),
    // deliveries are an administrator's concern, not an owner's
    isOwner
      ? Promise.resolve(null)
      : countOutboxMessages(db, { status: "failed" }).then((count) => ({ count, href: "/admin/outbox?status=failed" })),
  ]);
  const campaigns = await campaignSummaries(db, user, now);

  const overview: Omit<Overview, "today"> = {
    generatedAt: now.toISOString(),
    signers: { total: signers[0], active: signers[1], orphaned: signers[2] },
    certificates: certificates.byStatus,
    expiringWithinDays: {
      leaf: expiringWithinDays(ctx.bands, { isCA: false }),
      ca: expiringWithinDays(ctx.bands, { isCA: true }),
    },
    expiryWeeks: weeks.map((w, i) => ({
      ...certificates.weeks[i],
      from: w.from,
      to: w.to,
      isPast: w.index < WEEKS_BACK,
      isCurrent: w.index === WEEKS_BACK,
    })),
    findingsBySeverity: SEVERITIES.map((severity, i) => ({ severity, ...findings.bySeverity[i] })),
    findingsByNhi: NHI_TOP_10.map((n, i) => ({ nhi: n.id, title: n.title, ...findings.byNhi[i] })),
    openFindings: findings.open,
    rotationOverdueKeys: findings.rotationOverdueKeys,
    revokedInUse: findings.revokedInUse,
    campaigns,
    failedDeliveries,
  };
  return { ...overview, today: await loadTodayDetails(db, user, rankToday(overview), ctx) };
}

async function campaignSummaries(db: DbOrTx, user: ScopeUser, now: Date): Promise<Overview["campaigns"]> {
  const campaigns = await db.attestationCampaign.findMany({
    where: { status: "open" },
    orderBy: { dueAt: "asc" },
    take: 5,
    select: { id: true, name: true, dueAt: true, status: true },
  });
  if (campaigns.length === 0) return [];
  const scopeIds = await ownerSignerIds(db, user);
  const stats = await db.attestation.groupBy({
    by: ["campaignId", "status"],
    where: { campaignId: { in: campaigns.map((k) => k.id) }, ...(scopeIds ? { signerId: { in: scopeIds } } : {}) },
    _count: { _all: true },
  });
  return campaigns.map((k) => {
    const mine = stats.filter((g) => g.campaignId === k.id);
    const total = mine.reduce((n, g) => n + g._count._all, 0);
    const submitted = mine.filter((g) => g.status === "submitted").reduce((n, g) => n + g._count._all, 0);
    return {
      id: k.id,
      name: k.name,
      dueAt: k.dueAt.toISOString(),
      status: k.status,
      total,
      submitted,
      overdue: k.dueAt < now ? total - submitted : 0,
    };
  });
}

// Whole-inventory aggregates scan every certificate and open finding (≈0.5 s at 250,000 on a
// busy 2-core machine), so the unscoped overview is cached per process and refreshed in the
// background once it is older than OVERVIEW_MAX_AGE_MS (stale-while-revalidate). The page says
// "Figures as of …". Owners' overviews are small and always computed fresh.
export const OVERVIEW_MAX_AGE_MS = 30_000;

type CacheEntry = { value: Overview; computedAt: number; refreshing?: Promise<Overview> };
const cache = new WeakMap<object, CacheEntry>();
/** bumped by every invalidation: a refresh that started before one does not store its figures */
let generation = 0;

export async function getOverview(
  db: DbOrTx,
  user: ScopeUser,
  now: Date,
  options: { maxAgeMs?: number } = {},
): Promise<Overview> {
  if (user.role === "owner") return computeOverview(db, user, now);
  const maxAge = options.maxAgeMs ?? OVERVIEW_MAX_AGE_MS;
  const entry = cache.get(db);
  if (!entry) {
    const value = await computeOverview(db, user, now);
    // an empty inventory is cheap to count and about to change (demo data, first import)
    if (value.certificates.total.count > 0 || value.signers.total.count > 0)
      cache.set(db, { value, computedAt: Date.now() });
    return value;
  }
  if (Date.now() - entry.computedAt > maxAge && !entry.refreshing) {
    const startedIn = generation;
    entry.refreshing = computeOverview(db, user, new Date())
      .then((value) => {
        if (startedIn === generation) cache.set(db, { value, computedAt: Date.now() });
        return value;
      })
      .catch((error) => {
        entry.refreshing = undefined;
        console.error("[signet] overview refresh failed:", error);
        return entry.value;
      });
  }
  return entry.value;
}

/**
 * After a change the user expects to see at once (a triage move, an import, an evaluation that
 * changed findings): recompute on next read. Call it with the client, after the transaction.
 */
export function invalidateOverview(db: DbOrTx) {
  generation += 1;
  cache.delete(db);
}
