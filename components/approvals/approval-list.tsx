"use client";

import { DateText } from "@/components/ui/date-text";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { ListTabs } from "@/components/tables/list-tabs";
import type { ApprovalView } from "@/lib/db/approvals/approvals";
import { APPROVAL_STATES, type ApprovalState } from "@/lib/domain/approvals";
import { approvalFiltersSchema } from "@/lib/domain/inventory-filters";
import { approvalListQuery } from "@/lib/queries/approvals";
import { ApprovalStateBadge } from "./approval-state-badge";

const COLUMNS: Column<ApprovalView>[] = [
  linkColumn({
    id: "signer",
    label: "Signer",
    wrap: "anywhere",
    href: (r) => `/approvals/${r.id}`,
    text: (r) => r.signer.name,
  }),
  { id: "state", label: "State", priority: 1, render: (r) => <ApprovalStateBadge state={r.state} /> },
  { id: "grant", label: "Grant", priority: 2, render: (r) => `${r.scope}@${r.environment}` },
  {
    id: "window",
    label: "Window",
    priority: 1,
    render: (r) => (
      <>
        <DateText date={new Date(r.windowStartsAt)} /> – <DateText date={new Date(r.windowEndsAt)} />
      </>
    ),
  },
  {
    id: "reason",
    label: "Reason",
    priority: 3,
    wrap: "anywhere",
    render: (r) => r.reason,
  },
  { id: "requestedBy", label: "Requested by", priority: 2, render: (r) => r.requestedBy },
  { id: "triggeredBy", label: "Triggered by", priority: 3, render: (r) => r.triggeredBy ?? "—" },
];

const stateLabel = (s: ApprovalState) => s[0].toUpperCase() + s.slice(1);

/** Requests for just-in-time signing windows, newest first; the state tab in the URL (`state`). */
export function ApprovalList() {
  const list = useInventoryList(approvalFiltersSchema, approvalListQuery);
  const { filters, hrefFor } = list;
  return (
    <>
      <ListTabs
        label="Filter by state"
        tabs={[
          { href: hrefFor({ state: undefined }), label: "All", isCurrent: !filters.state },
          ...APPROVAL_STATES.map((s) => ({
            href: hrefFor({ state: s }),
            label: stateLabel(s),
            isCurrent: filters.state === s,
          })),
        ]}
      />
      <InventoryList
        list={list}
        fields={[]}
        count={(page) => countLabel(page, filters.state ? `${filters.state} request` : "request")}
        what="the approval requests"
        empty={{
          filtered: {
            title: "No approval request matches",
            text: "Clear the filters to see every request.",
            canClear: true,
          },
          none: filters.state
            ? { title: "No approval request matches", text: `No request is ${filters.state} now.` }
            : {
                title: "No approval requests yet",
                text: "A pipeline asks for a window on a just-in-time grant (POST /api/v1/approvals); its requests are listed here.",
              },
        }}
        table={{ caption: "Approval requests, newest first", columns: COLUMNS }}
      />
    </>
  );
}
