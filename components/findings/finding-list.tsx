"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SeverityBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/tables/data-table";
import { ColumnPicker } from "@/components/tables/column-picker";
import { FilterBar, type FilterField } from "@/components/tables/filter-bar";
import { Pager } from "@/components/tables/pager";
import { ExportLink, QueryError } from "@/components/tables/list-status";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import { useListFilters } from "@/components/tables/use-list-filters";
import { FindingStateBadge, subjectHref } from "./finding-table";
import type { FindingListRow } from "@/lib/db/findings/list";
import { activeFilterCount, filtersQueryString, findingFiltersSchema, PLATFORMS } from "@/lib/domain/inventory-filters";
import { NHI_TOP_10 } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import { findingListQuery } from "@/lib/queries/findings";

const link = "font-medium text-indigo-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 rounded";

const COLUMNS: Column<FindingListRow>[] = [
  {
    id: "finding", label: "Finding", isRequired: true, className: "min-w-[18rem] max-w-md",
    render: (f) => (
      <>
        <Link href={`/findings/${f.id}`} className={link}>{f.title}</Link>
        <div className="whitespace-normal text-xs text-slate-500">{f.message}</div>
      </>
    ),
  },
  { id: "severity", label: "Severity", sort: "severity", render: (f) => <SeverityBadge severity={f.severity} /> },
  {
    id: "subject", label: "Subject", className: "max-w-[14rem] truncate",
    render: (f) => {
      const href = subjectHref(f);
      return (
        <>
          <span className="mr-1 text-xs text-slate-500">{f.subjectType}</span>
          {href ? <Link href={href} className="hover:underline">{f.subjectLabel}</Link> : f.subjectLabel}
        </>
      );
    },
  },
  { id: "nhi", label: "OWASP NHI", render: (f) => f.nhi ?? "—" },
  { id: "state", label: "State", render: (f) => <FindingStateBadge state={f.state} until={f.suppressedUntil} /> },
  { id: "firstSeen", label: "First seen", sort: "firstSeenAt", render: (f) => <DateText date={f.firstSeenAt} /> },
  { id: "lastSeen", label: "Last seen", sort: "lastSeenAt", render: (f) => <DateText date={f.lastSeenAt} /> },
  { id: "rule", label: "Rule", sort: "rule", render: (f) => <code className="text-xs">{f.ruleId}</code> },
  { id: "threshold", label: "Threshold", className: "max-w-xs truncate", render: (f) => f.threshold ?? "—" },
];
const DEFAULT_COLUMNS = ["severity", "subject", "nhi", "state", "firstSeen"];

export function FindingList({ teams, rules }: { teams: { id: string; name: string }[]; rules: { id: string; title: string }[] }) {
  const { filters, hrefFor, setFilters, clear, isNavigating } = useListFilters(findingFiltersSchema);
  const query = useQuery({ ...findingListQuery(filters), placeholderData: keepPreviousData });
  const columns = useColumnChoice("findings", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "Words in the message or rule id" },
    { type: "select", name: "state", label: "State", allLabel: "open", options: [{ value: "suppressed", label: "suppressed" }, { value: "resolved", label: "resolved" }, { value: "all", label: "all" }] },
    { type: "select", name: "severity", label: "Severity", options: SEVERITIES.map((s) => ({ value: s, label: s })) },
    { type: "select", name: "rule", label: "Rule", options: rules.map((r) => ({ value: r.id, label: r.title })) },
    { type: "select", name: "nhi", label: "OWASP NHI", options: NHI_TOP_10.map((n) => ({ value: n.id, label: `${n.id} ${n.title}` })) },
    { type: "select", name: "subjectType", label: "About", options: ["certificate", "key", "signer"].map((s) => ({ value: s, label: s })) },
    { type: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t.id, label: t.name })) },
    { type: "select", name: "platform", label: "Platform", options: PLATFORMS.map((p) => ({ value: p, label: p })) },
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
  ];
  const active = activeFilterCount(findingFiltersSchema, filters) + (filters.state !== "open" ? 1 : 0);
  const data = query.data;
  return (
    <>
      <FilterBar fields={fields} values={filters} onApply={(p) => setFilters(p)} onClear={clear} activeCount={active} />
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {data ? `${data.total.toLocaleString("en")}${data.isTotalCapped ? "+" : ""} ${filters.state === "all" ? "" : `${filters.state} `}finding${data.total === 1 ? "" : "s"}` : ""}
          {query.isFetching || isNavigating ? <span className="ml-2 text-slate-400">updating…</span> : null}
        </p>
        <div className="flex gap-2">
          <ColumnPicker columns={COLUMNS} visible={columns.visible} onChange={columns.setVisible} onReset={columns.reset} />
          <ExportLink href={`/api/v1/exports/findings${filtersQueryString(findingFiltersSchema, { ...filters, page: 1 })}`} />
        </div>
      </div>
      {query.isError ? <QueryError what="the findings" error={query.error} onRetry={() => query.refetch()} /> : null}
      {data && data.total === 0 ? (
        <EmptyState
          title={active > 0 ? "No finding matches these filters" : "No open findings"}
          action={active > 0 ? <button type="button" className="text-sm font-medium text-indigo-700 underline" onClick={clear}>Clear the filters</button> : null}
        >
          {active > 0 ? "Try another state (suppressed, resolved or all) or remove a filter." : "Every certificate, key and signer passes the rules. Findings are re-evaluated after every change and, as time passes, by the findings job every 5 minutes."}
        </EmptyState>
      ) : data ? (
        <>
          <DataTable
            caption="Findings"
            columns={COLUMNS}
            visible={columns.visible}
            rows={data.rows}
            rowKey={(r) => r.id}
            isBusy={query.isFetching || isNavigating}
            sortState={{ sort: filters.sort, dir: filters.dir, defaultSort: "severity", defaultDir: "desc" }}
            sortHref={(sort, dir) => hrefFor({ sort: sort as typeof filters.sort, dir })}
          />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} isTotalCapped={data.isTotalCapped} hrefFor={(page) => hrefFor({ page })} />
        </>
      ) : null}
    </>
  );
}
