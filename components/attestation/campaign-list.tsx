"use client";

import { Badge } from "@/components/ui/badge";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { UnfilteredList } from "@/components/tables/inventory-list";
import type { CampaignListRow } from "@/lib/db/attestations/attestations";
import { campaignListQuery } from "@/lib/queries/campaigns";

const COLUMNS: Column<CampaignListRow>[] = [
  linkColumn({ id: "name", label: "Name", href: (c) => `/campaigns/${c.id}`, text: (c) => c.name }),
  {
    id: "due",
    label: "Due",
    priority: 1,
    render: (c) => (
      <>
        {c.dueAt.slice(0, 10)}
        {c.isOverdue ? (
          <span className="ml-2">
            <Badge tone="red">overdue</Badge>
          </span>
        ) : null}
      </>
    ),
  },
  {
    id: "progress",
    label: "Progress",
    priority: 1,
    render: (c) => (
      <>
        {c.done} / {c.total} answered
      </>
    ),
  },
  { id: "repeats", label: "Repeats", priority: 3, render: (c) => (c.recurrence === "none" ? "once" : c.recurrence) },
  {
    id: "autoSuspend",
    label: "Auto-suspend",
    priority: 3,
    render: (c) =>
      c.autoSuspendAfterDays ? (
        <Badge tone="orange">after {c.autoSuspendAfterDays} days</Badge>
      ) : (
        <span className="text-slate-500">off</span>
      ),
  },
  {
    id: "status",
    label: "Status",
    priority: 2,
    render: (c) => <Badge tone={c.status === "open" ? "blue" : "slate"}>{c.status}</Badge>,
  },
];

/** The attestation campaigns, newest first, with their progress. */
export function CampaignList() {
  return (
    <UnfilteredList
      query={campaignListQuery}
      noun="campaign"
      empty={{
        title: "No campaigns yet",
        text: "Start one below: every signer in scope gets one task for its owner.",
      }}
      table={{ caption: "Campaigns", columns: COLUMNS }}
    />
  );
}
