import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { certificateWhere, type StatusContext } from "@/lib/db/certificates/list";
import { findingWhereSql } from "@/lib/db/findings/where";
import { signerFilterWhere, signerListFilters } from "@/lib/db/signers/list";
import { certificateName } from "@/lib/domain/certificate-name";
import { certificateNameSelect } from "@/lib/db/certificates/columns";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { BLAST_RADIUS_DAYS, type TodayDetail, type TodayItem, type TodaySubject } from "@/lib/domain/today";
import { inJsonList, sqlDate } from "@/lib/db/sql";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { LINKED_IDS_BUDGET, ownerSignerIds } from "./common";

// The blast radius and the single subject of the overview's "Today, ranked" items. Each item is
// followed into the list its link opens, through that list's own filter schema and where-builder,
// so the subjects measured are exactly the rows the list shows ("number equals list").

const DAY_MS = 86_400_000;

/**
 * The signing events touching a list's subjects: a where over the event's signer or certificate, or
 * the subjects' ids (a finding list's subjects, a campaign's pending signers), which can run to
 * thousands, past SQLite's bound-parameter limit, so they travel as JSON (countBlastRadius).
 */
type EventIds = { signerIds: string[]; certificateIds: string[]; keyIds: string[] };
type Subjects = {
  events: Prisma.SigningEventWhereInput | EventIds;
  single: () => Promise<TodaySubject | null>;
};

/** The signing times a blast radius counts: the last BLAST_RADIUS_DAYS up to now. */
function blastRadiusWindow(now: Date): { gte: Date; lte: Date } {
  return { gte: new Date(now.getTime() - BLAST_RADIUS_DAYS * DAY_MS), lte: now };
}

/**
 * The subjects of the last BLAST_RADIUS_DAYS' signing events: their signers, certificates and
 * those certificates' keys; null when there are more than LINKED_IDS_BUDGET of them.
 */
async function recentEventSubjects(db: DbOrTx, now: Date): Promise<EventIds | null> {
  const window = blastRadiusWindow(now);
  const take = LINKED_IDS_BUDGET + 1;
  const [signers, certificates] = await Promise.all([
    db.signingEvent.findMany({
      where: { signedAt: window },
      distinct: ["signerId"],
      select: { signerId: true },
      take,
    }),
    db.signingEvent.findMany({
      where: { signedAt: window, certificateId: { not: null } },
      distinct: ["certificateId"],
      select: { certificateId: true, certificate: { select: { keyId: true } } },
      take,
    }),
  ]);
  if (signers.length === take || certificates.length === take) return null;
  return {
    signerIds: signers.map((e) => e.signerId),
    certificateIds: certificates.map((e) => e.certificateId!),
    keyIds: [...new Set(certificates.map((e) => e.certificate!.keyId))],
  };
}

const NO_EVENTS: EventIds = { signerIds: [], certificateIds: [], keyIds: [] };

/** The window holds no signing event: no list's subjects add to a blast radius. */
const isWindowEmpty = (recent: EventIds | null) =>
  recent !== null && !recent.signerIds.length && !recent.certificateIds.length && !recent.keyIds.length;

/**
 * A finding list's subjects: signers (their events), certificates (signed with) and keys (signed
 * with a certificate on it). Only subjects with events in the window add to the blast radius, and
 * a rule can have 100,000 subjects while the window holds few events: the list is read for the
 * events' subjects only, unless they are too many to name.
 */
async function findingSubjects(
  db: DbOrTx,
  where: Prisma.Sql,
  recentSubjects: () => Promise<EventIds | null>,
): Promise<Subjects> {
  const recent = await recentSubjects();
  const single = async (): Promise<TodaySubject | null> => {
    const [f] = await db.$queryRaw<{ id: string; signerId: string | null }[]>`
      SELECT "id", "signerId" FROM "Finding" WHERE ${where} LIMIT 1`;
    if (!f) return null;
    const signer = f.signerId
      ? await db.signer.findUnique({ where: { id: f.signerId }, select: { id: true, name: true } })
      : null;
    return { type: "finding", id: f.id, signer };
  };
  // no events in the window: no subject of the list adds to the blast radius
  if (isWindowEmpty(recent)) return { events: NO_EVENTS, single };
  const withEvents = recent
    ? Prisma.sql`AND (("subjectType" = 'signer' AND ${inJsonList(db, '"subjectId"', recent.signerIds)})
        OR ("subjectType" = 'certificate' AND ${inJsonList(db, '"subjectId"', recent.certificateIds)})
        OR ("subjectType" = 'key' AND ${inJsonList(db, '"subjectId"', recent.keyIds)}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ subjectType: string; subjectId: string }[]>`
    SELECT DISTINCT "subjectType", "subjectId" FROM "Finding" WHERE ${where} ${withEvents}`;
  const of = (type: string) => rows.filter((r) => r.subjectType === type).map((r) => r.subjectId);
  return { events: { signerIds: of("signer"), certificateIds: of("certificate"), keyIds: of("key") }, single };
}

/**
 * The events of a list's signers or certificates: only the window's events count, so the window's
 * subjects (when few enough to name) narrow the events first. Otherwise the database walks the whole
 * list for events (an owner of 20,000 certificates: seconds, in a window with no events at all).
 */
async function windowEvents(
  recentSubjects: () => Promise<EventIds | null>,
  events: { signer: { is: Prisma.SignerWhereInput } } | { certificate: { is: Prisma.CertificateWhereInput } },
): Promise<Prisma.SigningEventWhereInput> {
  const recent = await recentSubjects();
  if (!recent) return events;
  return "signer" in events
    ? { signerId: { in: recent.signerIds }, ...events }
    : { certificateId: { in: recent.certificateIds }, ...events };
}

async function subjectsOfLink(
  db: DbOrTx,
  user: ScopeUser,
  item: Pick<TodayItem, "id" | "href">,
  ctx: StatusContext,
  recentSubjects: () => Promise<EventIds | null>,
): Promise<Subjects | null> {
  const url = new URL(item.href, "http://signet.invalid");
  if (url.pathname === "/findings")
    return findingSubjects(
      db,
      await findingWhereSql(db, user, parseFilters(findingFiltersSchema, url.searchParams), ctx.now),
      recentSubjects,
    );
  if (url.pathname === "/signers") {
    const where = await signerFilterWhere(
      db,
      user,
      signerListFilters(parseFilters(signerFiltersSchema, url.searchParams)),
    );
    return {
      events: await windowEvents(recentSubjects, { signer: { is: where } }),
      single: async () => {
        const s = await db.signer.findFirst({ where, select: { id: true, name: true } });
        return s ? { type: "signer", ...s } : null;
      },
    };
  }
  if (url.pathname === "/certificates") {
    // an owner's certificate where reads their signers' links: only when something asks for it
    let read: Promise<Prisma.CertificateWhereInput> | undefined;
    const where = () =>
      (read ??= certificateWhere(db, user, parseFilters(certificateFiltersSchema, url.searchParams), ctx));
    return {
      events: isWindowEmpty(await recentSubjects())
        ? NO_EVENTS
        : await windowEvents(recentSubjects, { certificate: { is: await where() } }),
      single: async () => {
        const c = await db.certificate.findFirst({
          where: await where(),
          select: { id: true, ...certificateNameSelect },
        });
        return c ? { type: "certificate", id: c.id, name: certificateName(c) } : null;
      },
    };
  }
  // an overdue campaign: the signers whose task is still unanswered (owners: their own)
  if (item.id.startsWith("campaign-")) {
    const scope = await ownerSignerIds(db, user);
    const pending = await db.attestation.findMany({
      where: {
        campaignId: item.id.slice("campaign-".length),
        status: "pending",
        ...(scope ? { signerId: { in: scope } } : {}),
      },
      select: { signerId: true },
    });
    const signerIds = pending.map((p) => p.signerId);
    return { events: { signerIds, certificateIds: [], keyIds: [] }, single: async () => null };
  }
  return null;
}

/** Signing events in the last BLAST_RADIUS_DAYS matching `events`, and how many environments they name. */
export async function countBlastRadius(db: DbOrTx, events: Prisma.SigningEventWhereInput | EventIds, now: Date) {
  const window = blastRadiusWindow(now);
  const groups =
    "signerIds" in events
      ? await countEventsOfIds(db, events, window)
      : (
          await db.signingEvent.groupBy({
            by: ["environment"],
            where: { AND: [events, { signedAt: window }] },
            _count: { _all: true },
          })
        ).map((g) => ({ environment: g.environment, count: g._count._all }));
  return {
    events: groups.reduce((n, g) => n + g.count, 0),
    environments: groups.filter((g) => g.environment !== null && g.environment !== "").length,
  };
}

/** The events of these signers, certificates or keys' certificates, by environment: each id list one JSON parameter. */
async function countEventsOfIds(db: DbOrTx, ids: EventIds, window: { gte: Date; lte: Date }) {
  if (!ids.signerIds.length && !ids.certificateIds.length && !ids.keyIds.length) return [];
  const rows = await db.$queryRaw<{ environment: string | null; n: unknown }[]>(Prisma.sql`
    SELECT e."environment" AS environment, COUNT(*) AS n FROM "SigningEvent" e
    WHERE e."signedAt" >= ${sqlDate(db, window.gte)} AND e."signedAt" <= ${sqlDate(db, window.lte)}
      AND (${inJsonList(db, 'e."signerId"', ids.signerIds)}
        OR ${inJsonList(db, 'e."certificateId"', ids.certificateIds)}
        OR e."certificateId" IN (SELECT c."id" FROM "Certificate" c WHERE ${inJsonList(db, 'c."keyId"', ids.keyIds)}))
    GROUP BY e."environment"`);
  return rows.map((r) => ({ environment: r.environment, count: Number(r.n) }));
}

/**
 * The details of these items by id: the blast radius over each item's subjects, and for an item
 * whose list holds one row (count 1), that row.
 */
export async function loadTodayDetails(
  db: DbOrTx,
  user: ScopeUser,
  items: Pick<TodayItem, "id" | "href" | "count" | "isListTotal">[],
  ctx: StatusContext,
): Promise<Record<string, TodayDetail>> {
  // the window's event subjects are the same for every finding item: read once, when one asks
  let recent: Promise<EventIds | null> | undefined;
  const recentSubjects = () => (recent ??= recentEventSubjects(db, ctx.now));
  const entries = await Promise.all(
    items.map(async (item): Promise<[string, TodayDetail]> => {
      const subjects = await subjectsOfLink(db, user, item, ctx, recentSubjects);
      if (!subjects) return [item.id, { blastRadius: null, single: null }];
      const [blastRadius, single] = await Promise.all([
        countBlastRadius(db, subjects.events, ctx.now),
        item.count === 1 && item.isListTotal ? subjects.single() : null,
      ]);
      return [item.id, { blastRadius, single }];
    }),
  );
  return Object.fromEntries(entries);
}
