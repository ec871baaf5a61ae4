"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { Pager } from "@/components/tables/pager";
import { Table, Td } from "@/components/ui/table";
import { OutboxStatusBadge, SmtpBanner } from "@/components/alerts/outbox-status-badge";
import { RetryButton } from "@/components/alerts/retry-button";
import { OUTBOX_STATUS_LIST as OUTBOX_STATUSES, outboxListQuery, type OutboxFilters } from "@/lib/queries/outbox";

const COUNT_TONE: Record<string, string> = {
  pending: "text-amber-700",
  sending: "text-sky-700",
  sent: "text-emerald-700",
  failed: "text-red-700",
};

export function OutboxList({ filters, isSmtpConfigured }: { filters: OutboxFilters; isSmtpConfigured: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const query = useQuery({ ...outboxListQuery(filters), placeholderData: keepPreviousData });
  const data = query.data;
  const hrefFor = (status: string | null) => (status ? `${pathname}?status=${status}` : pathname);
  return (
    <>
      <SmtpBanner isSmtpConfigured={isSmtpConfigured} pending={data?.counts.pending ?? 0} />
      <ul aria-label="Emails by status" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {OUTBOX_STATUSES.map((s) => (
          <li key={s}>
            <Link
              href={hrefFor(filters.status === s ? null : s)}
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
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <label htmlFor="outbox-status" className="text-sm font-medium text-slate-700">
          Filter by status
        </label>
        <select
          id="outbox-status"
          name="status"
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          value={filters.status ?? ""}
          onChange={(e) => router.push(hrefFor(e.target.value || null))}
        >
          <option value="">All</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <p className="text-sm text-slate-600" aria-live="polite">
          {data ? `${data.total.toLocaleString("en")} email${data.total === 1 ? "" : "s"}` : ""}
          {query.isFetching ? <span className="ml-2 text-slate-500">updating…</span> : null}
        </p>
      </div>
      {query.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the outbox: {query.error.message}
        </p>
      ) : null}
      {data && data.total === 0 ? (
        <EmptyState title={filters.status ? `No ${filters.status} emails` : "No emails yet"}>
          Expiry alerts and attestation requests are queued here by the jobs; run the alert sweep from the Jobs tab to
          queue any that are due.
        </EmptyState>
      ) : data ? (
        <>
          <Table
            caption="Emails"
            columns={[
              "Recipient",
              "Subject",
              "Status",
              { label: "Attempts", className: "text-right" },
              "Next attempt",
              "Last error",
              { label: "Actions", isVisuallyHidden: true },
            ]}
          >
            {data.messages.map((m) => (
              <tr key={m.id} className="hover:bg-slate-50">
                <Td className="max-w-[14rem] truncate" title={m.recipientEmail}>
                  {m.recipientEmail}
                </Td>
                <Td className="max-w-[18rem] truncate">
                  <Link
                    href={`/admin/outbox/${m.id}`}
                    className="font-medium text-indigo-700 hover:underline"
                    title={m.subject}
                  >
                    {m.subject}
                  </Link>
                </Td>
                <Td>
                  <OutboxStatusBadge status={m.status} />
                </Td>
                <Td className="text-right tabular-nums">{m.attempts}</Td>
                <Td>
                  {m.status === "pending" ? (
                    <DateText date={m.nextAttemptAt} />
                  ) : m.status === "sent" ? (
                    <span className="text-slate-500">
                      sent <DateText date={m.sentAt} />
                    </span>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
                <Td className="max-w-[12rem] truncate text-red-800" title={m.lastError ?? undefined}>
                  {m.lastError ?? <span className="text-slate-500">—</span>}
                </Td>
                <Td>{m.status === "failed" || m.status === "pending" ? <RetryButton messageId={m.id} /> : null}</Td>
              </tr>
            ))}
          </Table>
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            hrefFor={(page) =>
              `${pathname}?${new URLSearchParams({ ...(filters.status ? { status: filters.status } : {}), page: String(page) })}`
            }
          />
        </>
      ) : null}
    </>
  );
}
