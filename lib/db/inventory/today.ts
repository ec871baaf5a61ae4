import type { DbOrTx } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { certificateWhere, type StatusContext } from "@/lib/db/certificates/list";
import { findingWhere } from "@/lib/db/findings/list";
import { signerFilterWhere, signerListFilters } from "@/lib/db/signers/list";
import { certificateName } from "@/lib/domain/certificate-name";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { BLAST_RADIUS_DAYS, type TodayDetail, type TodayItem, type TodaySubject } from "@/lib/domain/today";
import { ownerScopeIds, type Prisma } from "./common";

// The blast radius and the single subject of the overview's "Today, ranked" items. Each item is
// followed into the list its link opens, through that list's own filter schema and where-builder,
// so the subjects measured are exactly the rows the list shows ("number equals list").

const DAY_MS = 86_400_000;

/** The signing events touching a list's subjects, and the one row of the list when it has one. */
type Subjects = { events: Prisma.SigningEventWhereInput; single: () => Promise<TodaySubject | null> };

/** A finding list's subjects: signers (their events), certificates (signed with) and keys (signed with a certificate on it). */
async function findingSubjects(db: DbOrTx, where: Prisma.FindingWhereInput): Promise<Subjects> {
  const rows = await db.finding.findMany({
    where,
    select: { subjectType: true, subjectId: true },
    distinct: ["subjectType", "subjectId"],
  });
  const of = (type: string) => rows.filter((r) => r.subjectType === type).map((r) => r.subjectId);
  return {
    events: {
      OR: [
        { signerId: { in: of("signer") } },
        { certificateId: { in: of("certificate") } },
        { certificate: { is: { keyId: { in: of("key") } } } },
      ],
    },
    single: async () => {
      const f = await db.finding.findFirst({ where, select: { id: true, signerId: true } });
      if (!f) return null;
      const signer = f.signerId
        ? await db.signer.findUnique({ where: { id: f.signerId }, select: { id: true, name: true } })
        : null;
      return { type: "finding", id: f.id, signer };
    },
  };
}

async function subjectsOfLink(
  db: DbOrTx,
  user: ScopeUser,
  item: Pick<TodayItem, "id" | "href">,
  ctx: StatusContext,
): Promise<Subjects | null> {
  const url = new URL(item.href, "http://signet.invalid");
  if (url.pathname === "/findings")
    return findingSubjects(
      db,
      await findingWhere(db, user, parseFilters(findingFiltersSchema, url.searchParams), ctx.now),
    );
  if (url.pathname === "/signers") {
    const where = signerFilterWhere(user, signerListFilters(parseFilters(signerFiltersSchema, url.searchParams)));
    return {
      events: { signer: { is: where } },
      single: async () => {
        const s = await db.signer.findFirst({ where, select: { id: true, name: true } });
        return s ? { type: "signer", ...s } : null;
      },
    };
  }
  if (url.pathname === "/certificates") {
    const where = await certificateWhere(db, user, parseFilters(certificateFiltersSchema, url.searchParams), ctx);
    return {
      events: { certificate: { is: where } },
      single: async () => {
        const c = await db.certificate.findFirst({ where, select: { id: true, subject: true, subjectCn: true } });
        return c ? { type: "certificate", id: c.id, name: certificateName(c) } : null;
      },
    };
  }
  // an overdue campaign: the signers whose task is still unanswered (owners: their own)
  if (item.id.startsWith("campaign-")) {
    const scope = (await ownerScopeIds(db, user))?.signerIds;
    const pending = await db.attestation.findMany({
      where: {
        campaignId: item.id.slice("campaign-".length),
        status: "pending",
        ...(scope ? { signerId: { in: scope } } : {}),
      },
      select: { signerId: true },
    });
    return { events: { signerId: { in: pending.map((p) => p.signerId) } }, single: async () => null };
  }
  return null;
}

/** Signing events in the last BLAST_RADIUS_DAYS matching `where`, and how many environments they name. */
export async function countBlastRadius(db: DbOrTx, where: Prisma.SigningEventWhereInput, now: Date) {
  const groups = await db.signingEvent.groupBy({
    by: ["environment"],
    where: { AND: [where, { signedAt: { gte: new Date(now.getTime() - BLAST_RADIUS_DAYS * DAY_MS), lte: now } }] },
    _count: { _all: true },
  });
  return {
    events: groups.reduce((n, g) => n + g._count._all, 0),
    environments: groups.filter((g) => g.environment !== null && g.environment !== "").length,
  };
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
  const entries = await Promise.all(
    items.map(async (item): Promise<[string, TodayDetail]> => {
      const subjects = await subjectsOfLink(db, user, item, ctx);
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
