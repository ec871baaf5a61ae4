// "Today, ranked" (issue 17): the overview opens with the few things to do today, most harmful first.
// Built only from the overview's own tiles, so each item's number is the count of the list it links
// to (lib/db/inventory/overview.ts holds tile and list to the same query), and the list is where the
// fix starts: one click opens it, the next opens the object whose page carries the fix.

type Tile = { count: number; href: string };

/** How far back an item's blast radius looks. */
export const BLAST_RADIUS_DAYS = 30;

/** Signing events in the last BLAST_RADIUS_DAYS over an item's subjects, and the environments they were in. */
export type BlastRadius = { events: number; environments: number };

/** The one object an item counts, when it counts one: where its fix is done in one click. */
export type TodaySubject =
  | { type: "finding"; id: string; signer: { id: string; name: string } | null }
  | { type: "signer"; id: string; name: string }
  | { type: "certificate"; id: string; name: string };

/** What lib/db adds to an item (by item id): its blast radius, over the subjects of the list it links to. */
export type TodayDetail = { blastRadius: BlastRadius | null; single: TodaySubject | null };

/** The one-click action of an item that counts a single object (a link, or suspending a signer). */
export type TodayAction =
  | { kind: "link"; label: string; href: string }
  | { kind: "suspend"; label: string; signerId: string; signerName: string };

/** The parts of the overview the ranking reads (lib/db/inventory/overview.ts `Overview`). */
export type TodayInput = {
  revokedInUse: Tile;
  findingsBySeverity: (Tile & { severity: string })[];
  signers: { orphaned: Tile };
  certificates: { expiring: Tile; expired: Tile };
  expiringWithinDays: { leaf: number };
  rotationOverdueKeys: Tile;
  campaigns: { id: string; name: string; overdue: number }[];
  failedDeliveries: Tile | null;
  /** by item id (lib/db/inventory/today.ts); absent: items without blast radius or action */
  today?: Record<string, TodayDetail>;
};

export type TodayItem = {
  id: string;
  /** what is wrong, with its number */
  title: string;
  /** why it matters and what the fix is, in a few words */
  fix: string;
  href: string;
  count: number;
  /** the count is the total of the list `href` opens (not so for a campaign's overdue answers) */
  isListTotal: boolean;
  tone: "red" | "amber";
  /** null: not measured (the item has no signing subjects, e.g. undelivered emails) */
  blastRadius: BlastRadius | null;
  /** the fix in one click when the item is one object; otherwise the list link is the action */
  action: TodayAction | null;
};

/** "412 signing events in 3 environments in the last 30 days": the blast radius as one short line. */
export function blastRadiusLine(b: BlastRadius): string {
  const days = `in the last ${BLAST_RADIUS_DAYS} days`;
  if (b.events === 0) return `No signing events ${days}`;
  const events = plural(b.events, "signing event");
  return b.environments ? `${events} in ${plural(b.environments, "environment")} ${days}` : `${events} ${days}`;
}

/**
 * The one-click action of an item that is a single object: suspend the signer still signing with a
 * revoked certificate (for those who may; others open the signer), reassign the owner of the one
 * orphaned signer, open the one finding or certificate where its fix is. None for lists of several.
 */
export function todayAction(
  id: string,
  subject: TodaySubject | null,
  options: { canWrite: boolean },
): TodayAction | null {
  if (!subject) return null;
  if (subject.type === "finding") {
    if (id === "revoked-in-use" && subject.signer)
      return options.canWrite
        ? {
            kind: "suspend",
            label: `Suspend ${subject.signer.name}`,
            signerId: subject.signer.id,
            signerName: subject.signer.name,
          }
        : { kind: "link", label: `Open ${subject.signer.name}`, href: `/signers/${subject.signer.id}` };
    return { kind: "link", label: "Open the finding", href: `/findings/${subject.id}` };
  }
  if (subject.type === "signer")
    return options.canWrite
      ? { kind: "link", label: `Reassign the owner of ${subject.name}`, href: `/signers/${subject.id}/edit` }
      : { kind: "link", label: `Open ${subject.name}`, href: `/signers/${subject.id}` };
  return { kind: "link", label: `Open ${subject.name}`, href: `/certificates/${subject.id}` };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * The items to act on today, ranked by harm: signing with a revoked certificate first, then
 * critical findings, signers nobody answers for, expiry, and the slower risks after. Items with
 * nothing to do are left out; at most `limit`.
 */
export function rankToday(
  o: TodayInput,
  {
    limit = 5,
    campaignHref = (id) => `/campaigns/${id}`,
    canWrite = false,
  }: {
    limit?: number;
    /** where an overdue campaign is acted on (owners: their tasks) */ campaignHref?: (id: string) => string;
    /** the reader may change signers (suspend, reassign): the one-click actions that do */
    canWrite?: boolean;
  } = {},
): TodayItem[] {
  const severity = (s: string) => o.findingsBySeverity.find((f) => f.severity === s);
  const critical = severity("critical");
  const high = severity("high");
  const overdueCampaigns = o.campaigns.filter((c) => c.overdue > 0);
  const items: (Omit<TodayItem, "blastRadius" | "action"> | null)[] = [
    o.revokedInUse.count
      ? {
          id: "revoked-in-use",
          title: `${plural(o.revokedInUse.count, "revoked certificate")} still signing`,
          fix: "Suspend the signer or stop its pipeline: artefacts signed now will not verify",
          ...o.revokedInUse,
          isListTotal: true,
          tone: "red",
        }
      : null,
    critical?.count
      ? {
          id: "critical-findings",
          title: `${plural(critical.count, "critical finding")} open`,
          fix: "Open each one: its page says how to fix it and holds the triage actions",
          href: critical.href,
          count: critical.count,
          isListTotal: true,
          tone: "red",
        }
      : null,
    o.signers.orphaned.count
      ? {
          id: "orphaned-signers",
          title: `${plural(o.signers.orphaned.count, "signer")} with no owner`,
          fix: "Reassign an owner on the signer's page: nobody answers attestations or alerts for it",
          ...o.signers.orphaned,
          isListTotal: true,
          tone: "red",
        }
      : null,
    o.certificates.expiring.count
      ? {
          id: "expiring",
          title: `${plural(o.certificates.expiring.count, "certificate")} expiring within ${o.expiringWithinDays.leaf} days`,
          fix: "Request the renewal now: signing stops on the expiry date",
          ...o.certificates.expiring,
          isListTotal: true,
          tone: "amber",
        }
      : null,
    o.rotationOverdueKeys.count
      ? {
          id: "rotation-overdue",
          title: `${plural(o.rotationOverdueKeys.count, "key")} past rotation`,
          fix: "Rotate the key or accept the risk with a date on the finding",
          ...o.rotationOverdueKeys,
          isListTotal: true,
          tone: "amber",
        }
      : null,
    ...overdueCampaigns.map((c): Omit<TodayItem, "blastRadius" | "action"> => ({
      id: `campaign-${c.id}`,
      title: `${plural(c.overdue, "attestation")} overdue in ${c.name}`,
      fix: "Remind the owners or escalate from the campaign's page",
      href: campaignHref(c.id),
      count: c.overdue,
      isListTotal: false,
      tone: "amber",
    })),
    high?.count
      ? {
          id: "high-findings",
          title: `${plural(high.count, "high finding")} open`,
          fix: "Open each one: its page says how to fix it",
          href: high.href,
          count: high.count,
          isListTotal: true,
          tone: "amber",
        }
      : null,
    o.failedDeliveries?.count
      ? {
          id: "failed-deliveries",
          title: `${plural(o.failedDeliveries.count, "alert email")} not delivered`,
          fix: "Check the mail settings and retry from the outbox",
          ...o.failedDeliveries,
          isListTotal: true,
          tone: "amber",
        }
      : null,
  ];
  return items
    .filter((i) => i !== null)
    .slice(0, limit)
    .map((item) => {
      const detail = o.today?.[item.id];
      // a single object only when the number is the list's total: then the list holds exactly it
      const single = item.count === 1 && item.isListTotal ? (detail?.single ?? null) : null;
      return { ...item, blastRadius: detail?.blastRadius ?? null, action: todayAction(item.id, single, { canWrite }) };
    });
}
