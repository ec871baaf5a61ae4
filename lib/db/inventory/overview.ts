import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { NHI_TOP_10, type NhiId } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import {
  certificateFiltersSchema,
  filtersQueryString,
  findingFiltersSchema,
  keyFiltersSchema,
  parseFilters,
  type CertificateFilters,
  type FindingFilters,
  type KeyFilters,
} from "@/lib/domain/inventory-filters";
import { expiringWithinDays, type CertificateStatus } from "@/lib/domain/certificate-status";
import { countCertificates, loadExpiryBands, type StatusContext } from "@/lib/db/certificates/list";
import { countKeys } from "@/lib/db/keys/list";
import { countFindings } from "@/lib/db/findings/list";
import { countSigners, type SignerListFilters } from "@/lib/db/signers/list";
import { countOutboxMessages } from "@/lib/db/outbox/outbox";
import { isOwnerScoped } from "@/lib/domain/authz";
import { ownerScopeIds } from "./common";

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
const keyFilters = (f: Partial<KeyFilters>) => ({ ...parseFilters(keyFiltersSchema, {}), ...f });

async function certificateTile(
  db: DbOrTx,
  user: ScopeUser,
  ctx: StatusContext,
  f: Partial<CertificateFilters>,
): Promise<Tile> {
  const filters = certificateFilters(f);
  return {
    count: await countCertificates(db, user, filters, ctx),
    href: `/certificates${filtersQueryString(certificateFiltersSchema, filters)}`,
  };
}

async function findingTile(db: DbOrTx, user: ScopeUser, now: Date, f: Partial<FindingFilters>): Promise<Tile> {
  const filters = findingFilters(f);
  return {
    count: await countFindings(db, user, filters, now),
    href: `/findings${filtersQueryString(findingFiltersSchema, filters)}`,
  };
}

async function keyTile(db: DbOrTx, user: ScopeUser, now: Date, f: Partial<KeyFilters>): Promise<Tile> {
  const filters = keyFilters(f);
  return {
    count: await countKeys(db, user, filters, now),
    href: `/keys${filtersQueryString(keyFiltersSchema, filters)}`,
  };
}

/** The signers list's URL parameters (lib/api/signer-query.ts) for these filters. */
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

const CERTIFICATE_TILES = [
  "valid",
  "expiring",
  "expired",
  "superseded",
  "revoked",
] as const satisfies readonly CertificateStatus[];

/** Computes the overview from the database (no cache). */
export async function computeOverview(db: DbOrTx, user: ScopeUser, now: Date): Promise<Overview> {
  const isOwner = isOwnerScoped(user.role);
  const ctx: StatusContext = { now, bands: await loadExpiryBands(db) };
  const weeks = weekWindows(now);

  const [
    signers,
    certTotal,
    certStates,
    weekTiles,
    openFindings,
    bySeverity,
    byNhi,
    rotationOverdueKeys,
    revokedInUse,
    failedDeliveries,
  ] = await Promise.all([
    Promise.all([
      signerTile(db, user, {}),
      signerTile(db, user, { status: "active" }),
      signerTile(db, user, { isOrphaned: true }),
    ]),
    certificateTile(db, user, ctx, {}),
    Promise.all(CERTIFICATE_TILES.map((status) => certificateTile(db, user, ctx, { status }))),
    Promise.all(weeks.map((w) => certificateTile(db, user, ctx, { expiresFrom: w.from, expiresTo: w.to }))),
    findingTile(db, user, now, {}),
    Promise.all(SEVERITIES.map((severity) => findingTile(db, user, now, { severity }))),
    Promise.all(NHI_TOP_10.map((n) => findingTile(db, user, now, { nhi: n.id }))),
    keyTile(db, user, now, { rotation: "overdue" }),
    findingTile(db, user, now, { rule: "cert.revoked-in-use" }),
    // deliveries are an administrator's concern, not an owner's
    isOwner
      ? Promise.resolve(null)
      : countOutboxMessages(db, { status: "failed" }).then((count) => ({ count, href: "/admin/outbox?status=failed" })),
  ]);
  const campaigns = await campaignSummaries(db, user, now);

  return {
    generatedAt: now.toISOString(),
    signers: { total: signers[0], active: signers[1], orphaned: signers[2] },
    certificates: {
      total: certTotal,
      ...Object.fromEntries(CERTIFICATE_TILES.map((s, i) => [s, certStates[i]])),
    } as Overview["certificates"],
    expiringWithinDays: {
      leaf: expiringWithinDays(ctx.bands, { isCA: false }),
      ca: expiringWithinDays(ctx.bands, { isCA: true }),
    },
    expiryWeeks: weeks.map((w, i) => ({
      ...weekTiles[i],
      from: w.from,
      to: w.to,
      isPast: w.index < WEEKS_BACK,
      isCurrent: w.index === WEEKS_BACK,
    })),
    findingsBySeverity: SEVERITIES.map((severity, i) => ({ severity, ...bySeverity[i] })),
    findingsByNhi: NHI_TOP_10.map((n, i) => ({ nhi: n.id, title: n.title, ...byNhi[i] })),
    openFindings,
    rotationOverdueKeys,
    revokedInUse,
    campaigns,
    failedDeliveries,
  };
}

async function campaignSummaries(db: DbOrTx, user: ScopeUser, now: Date): Promise<Overview["campaigns"]> {
  const campaigns = await db.attestationCampaign.findMany({
    where: { status: "open" },
    orderBy: { dueAt: "asc" },
    take: 5,
    select: { id: true, name: true, dueAt: true, status: true },
  });
  if (campaigns.length === 0) return [];
  const scopeIds = (await ownerScopeIds(db, user))?.signerIds ?? null;
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
    entry.refreshing = computeOverview(db, user, new Date())
      .then((value) => {
        cache.set(db, { value, computedAt: Date.now() });
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

/** After a change the user expects to see at once (a suppression, an import): recompute on next read. */
export function invalidateOverview(db: DbOrTx) {
  cache.delete(db);
}
