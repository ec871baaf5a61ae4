// "Today, ranked" (issue 17): the overview opens with the few things to do today, most harmful first.
// Built only from the overview's own tiles, so each item's number is the count of the list it links
// to (lib/db/inventory/overview.ts holds tile and list to the same query), and the list is where the
// fix starts: one click opens it, the next opens the object whose page carries the fix.

type Tile = { count: number; href: string };

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
};

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
  }: {
    limit?: number;
    /** where an overdue campaign is acted on (owners: their tasks) */ campaignHref?: (id: string) => string;
  } = {},
): TodayItem[] {
  const severity = (s: string) => o.findingsBySeverity.find((f) => f.severity === s);
  const critical = severity("critical");
  const high = severity("high");
  const overdueCampaigns = o.campaigns.filter((c) => c.overdue > 0);
  const items: (TodayItem | null)[] = [
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
    ...overdueCampaigns.map((c): TodayItem => ({
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
  return items.filter((i): i is TodayItem => i !== null).slice(0, limit);
}
