import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  keyFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { listKeyPage } from "@/lib/db/keys/list";
import { listSignerPage } from "@/lib/db/signers/list";
import { listOutboxMessages, OUTBOX_STATUSES, type OutboxStatus } from "@/lib/db/outbox/outbox";
import type { ScopeUser } from "@/lib/db/scope";
import { computeOverview, type Overview, type Tile } from "@/lib/db/inventory/overview";

// For integration tests: every number on the overview equals the total of the list its link
// opens. Each link (path + query string) is followed into that list's own page function.

function tiles(o: Overview): [string, Tile][] {
  const out: [string, Tile][] = [
    ["signers", o.signers.total],
    ["signers active", o.signers.active],
    ["signers orphaned", o.signers.orphaned],
    ...Object.entries(o.certificates).map(([k, t]) => [`certificates ${k}`, t] as [string, Tile]),
    ...o.expiryWeeks.map((w) => [`week ${w.from}`, w] as [string, Tile]),
    ["open findings", o.openFindings],
    ...o.findingsBySeverity.map((s) => [`severity ${s.severity}`, s] as [string, Tile]),
    ...o.findingsByNhi.map((x) => [`nhi ${x.nhi}`, x] as [string, Tile]),
    ["rotation overdue", o.rotationOverdueKeys],
    ["revoked in use", o.revokedInUse],
  ];
  if (o.failedDeliveries) out.push(["failed deliveries", o.failedDeliveries]);
  return out;
}

/** The total the list page at `href` shows to `user`. */
async function listTotal(db: Db, user: ScopeUser, href: string, NOW: Date): Promise<number> {
  const url = new URL(href, "http://signet.test");
  const params = url.searchParams;
  switch (url.pathname) {
    case "/certificates":
      return (await listCertificatePage(db, user, parseFilters(certificateFiltersSchema, params), NOW)).total;
    case "/findings":
      return (await listFindingPage(db, user, parseFilters(findingFiltersSchema, params), NOW)).total;
    case "/keys":
      return (await listKeyPage(db, user, parseFilters(keyFiltersSchema, params), NOW)).total;
    case "/signers":
      return (await listSignerPage(db, user, parseFilters(signerFiltersSchema, params))).total;
    case "/admin/outbox": {
      const status = params.get("status") as OutboxStatus | null;
      expect(status === null || OUTBOX_STATUSES.includes(status)).toBe(true);
      return (await listOutboxMessages(db, { status: status ?? undefined, limit: 1, offset: 0 })).total;
    }
    default:
      throw new Error(`no list behind ${href}`);
  }
}

/** Computes the overview and checks each number against the list behind its link; returns the overview. */
export async function expectNumbersMatchLists(db: Db, user: ScopeUser, now: Date): Promise<Overview> {
  const o = await computeOverview(db, user, now);
  const mismatches: string[] = [];
  for (const [name, tile] of tiles(o)) {
    const total = await listTotal(db, user, tile.href, now);
    if (total !== tile.count) mismatches.push(`${name}: overview ${tile.count}, list ${tile.href} ${total}`);
  }
  expect(mismatches).toEqual([]);
  return o;
}
