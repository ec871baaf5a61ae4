"use client";

import Link from "next/link";
import { DateText } from "@/components/ui/date-text";
import { valueChoices } from "@/components/ui/field";
import { requiredColumn, rowLinkClass, type Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { OutboxStatusBadge, SmtpBanner } from "@/components/alerts/outbox-status-badge";
import { RetryButton } from "@/components/alerts/retry-button";
import {
  OUTBOX_STATUS_LIST as OUTBOX_STATUSES,
  outboxFiltersSchema,
  outboxListQuery,
  type OutboxPage,
} from "@/lib/queries/outbox";

const COUNT_TONE: Record<string, string> = {
  pending: "text-amber-700",
  sending: "text-sky-700",
  sent: "text-emerald-700",
  failed: "text-red-700",
};

const none = <span className="text-slate-500">—</span>;

const COLUMNS: Column<OutboxPage["rows"][number]>[] = [
  requiredColumn({
    id: "subject",
    label: "Subject",
    className: "[overflow-wrap:anywhere]",
    render: (m) => (
      <>
        <Link href={`/admin/outbox/${m.id}`} className={rowLinkClass}>
          {m.subject}
        </Link>
        <div className="text-xs text-slate-500">{m.recipientEmail}</div>
      </>
    ),
  }),
  { id: "status", label: "Status", priority: 1, render: (m) => <OutboxStatusBadge status={m.status} /> },
  { id: "attempts", label: "Attempts", priority: 3, className: "text-right tabular-nums", render: (m) => m.attempts },
  {
    id: "next",
    label: "Next attempt",
    priority: 2,
    render: (m) =>
      m.status === "pending" ? (
        <DateText date={m.nextAttemptAt} />
      ) : m.status === "sent" ? (
        <span className="text-slate-500">
          sent <DateText date={m.sentAt} />
        </span>
      ) : (
        none
      ),
  },
  {
    id: "error",
    label: "Last error",
    priority: 3,
    className: "max-w-[16rem] text-red-800 [overflow-wrap:anywhere]",
    render: (m) => m.lastError ?? none,
  },
  {
    id: "actions",
    label: "Actions",
    priority: 1,
    render: (m) => (m.status === "failed" || m.status === "pending" ? <RetryButton messageId={m.id} /> : null),
  },
];

/** The outbox on the list shell: counts per status (each a filter), then the emails of the chosen status. */
export function OutboxList({ isSmtpConfigured }: { isSmtpConfigured: boolean }) {
  const list = useInventoryList(outboxFiltersSchema, outboxListQuery);
  const { filters, hrefFor } = list;
  const data = list.query.data;
  return (
    <>
      <SmtpBanner isSmtpConfigured={isSmtpConfigured} pending={data?.counts.pending ?? 0} />
      <ul aria-label="Emails by status" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {OUTBOX_STATUSES.map((s) => (
          <li key={s}>
            <Link
              href={hrefFor({ status: filters.status === s ? undefined : s, page: 1 })}
              aria-current={filters.status === s ? "true" : undefined}
              className={`block rounded-lg border bg-white p-4 shadow-sm hover:border-indigo-300 ${filters.status === s ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200"}`}
            >
              <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{s}</span>
              <span className={`mt-1 block text-2xl font-semibold ${COUNT_TONE[s]}`} data-testid={`outbox-count-${s}`}>
                {(data?.counts[s] ?? 0).toLocaleString("en")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <InventoryList
        list={list}
        fields={[{ type: "select", name: "status", label: "Filter by status", options: valueChoices(OUTBOX_STATUSES) }]}
        count={(d) => countLabel(d, "email")}
        what="the outbox"
        empty={{
          filtered: { title: `No ${filters.status ?? ""} emails`, text: "Choose another status.", canClear: true },
          none: {
            title: "No emails yet",
            text: "Expiry alerts and attestation requests are queued here by the jobs; run the alert sweep from the Jobs tab to queue any that are due.",
          },
        }}
        table={{ caption: "Emails", columns: COLUMNS }}
      />
    </>
  );
}
