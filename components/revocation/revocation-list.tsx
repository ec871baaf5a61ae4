"use client";

import { StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import type { Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { ListTabs } from "@/components/tables/list-tabs";
import { CertificateLink } from "@/components/certificates/certificate-link";
import type { FailedCheckRow, RevocationRequestRow, RevocationRow } from "@/lib/db/revocation/revocation-queue";
import { revocationFiltersSchema, type RevocationFilters } from "@/lib/domain/inventory-filters";
import { lastCheckSummary } from "@/lib/domain/revocation";
import { revocationListQuery } from "@/lib/queries/revocation";
import { DeadlineBadge, deadlineView, deadlineWindowLabel, formatUtc, reasonLabel } from "./deadline";

/** The requests' columns; `now` is the server's, so the page hydrates with the badges it was rendered with. */
const requestColumns = (now: Date): Column<RevocationRequestRow>[] => [
  {
    id: "certificate",
    label: "Certificate",
    priority: 1,
    render: (r) => (
      <>
        <CertificateLink certificate={r.certificate} />
        <div className="font-mono text-xs text-slate-500 break-all">{r.certificate.serialHex}</div>
      </>
    ),
  },
  { id: "state", label: "State", priority: 1, render: (r) => <DeadlineBadge view={deadlineView(r, now)} /> },
  { id: "reason", label: "Reason", priority: 2, render: (r) => reasonLabel(r.reason) },
  { id: "kind", label: "Kind", priority: 3, render: (r) => (r.kind === "requested" ? "request" : "recorded revoked") },
  { id: "requested", label: "Requested", priority: 3, render: (r) => formatUtc(r.requestedAt) },
  {
    id: "deadline",
    label: "Deadline",
    priority: 1,
    render: (r) => (
      <>
        <div>{formatUtc(r.deadlineAt)}</div>
        <div className="text-xs text-slate-500">
          {r.confirmedAt ? (
            <>
              confirmed <DateText date={r.confirmedAt} now={now} />
            </>
          ) : (
            <DateText date={r.deadlineAt} now={now} />
          )}
        </div>
      </>
    ),
  },
  { id: "window", label: "Window", priority: 2, render: (r) => deadlineWindowLabel(r.reason) },
];

const FAILED: Column<FailedCheckRow>[] = [
  { id: "certificate", label: "Certificate", priority: 1, render: (c) => <CertificateLink certificate={c} /> },
  { id: "status", label: "Status", priority: 1, render: (c) => <StatusBadge status={c.revocationStatus} /> },
  {
    id: "lastAnswer",
    label: "Last answer",
    priority: 3,
    render: (c) => (c.revocationCheckedAt ? <DateText date={c.revocationCheckedAt} /> : "never"),
  },
  {
    id: "error",
    label: "Error",
    priority: 2,
    render: (c) => <div className="max-w-2xl whitespace-normal break-words text-red-800">{c.revocationError}</div>,
  },
];

/**
 * The revocation page's list: the revocation requests and their CSBR deadlines, or the certificates
 * whose last revocation check failed; one tab each, the tab in the URL (`view`). `now`: the server's
 * clock when the page loaded the list (its overdue count is from the same clock).
 */
export function RevocationList({ now }: { now: Date }) {
  const list = useInventoryList(revocationFiltersSchema, revocationListQuery);
  const { filters, hrefFor } = list;
  const data = list.query.data;
  const isFailed = filters.view === "failed";
  const tab = (view: RevocationFilters["view"], label: string) => ({
    href: hrefFor({ view, page: 1 }),
    label,
    isCurrent: filters.view === view,
  });
  const n = (count: number | undefined) => (count === undefined ? "" : ` (${count.toLocaleString("en")})`);
  return (
    <>
      <ListTabs
        label="Revocation view"
        tabs={[
          tab("requests", `Requests${n(data?.requests.total)}`),
          tab("failed", `Failed checks${n(data?.lastChecks.failed)}`),
        ]}
      />
      {isFailed && data ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="last-check-summary">
          {lastCheckSummary(data.lastChecks)}
        </p>
      ) : null}
      <InventoryList
        list={list}
        fields={[]}
        count={(page) =>
          isFailed
            ? countLabel(page, "certificate whose last check failed", "certificates whose last check failed")
            : `${countLabel(page, "request")} open or confirmed in the last 30 days${data?.requests.overdue ? `, ${data.requests.overdue.toLocaleString("en")} overdue` : ""}`
        }
        what={isFailed ? "the failed checks" : "the revocation requests"}
        empty={{
          none: isFailed
            ? {
                title: "No failed revocation checks",
                text: "Every unexpired certificate's last check got an answer or has not run yet.",
              }
            : {
                title: "No open revocation requests",
                text: "Record one from a certificate's page when you ask the CA to revoke it.",
              },
        }}
        table={
          isFailed
            ? {
                caption: "Certificates whose last revocation check failed",
                columns: FAILED as Column<RevocationRow>[],
              }
            : {
                caption: "Revocation requests and their deadlines",
                columns: requestColumns(now) as Column<RevocationRow>[],
              }
        }
      />
    </>
  );
}
