"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/tables/data-table";
import { FilterBar, type FilterField } from "@/components/tables/filter-bar";
import { countLabel, ListFrame } from "@/components/tables/list-frame";
import { ExportLink } from "@/components/tables/list-status";
import { useListFilters } from "@/components/tables/use-list-filters";
import type { AuditRow } from "@/lib/db/audit/list";
import { activeFilterCount, auditFiltersSchema, filtersQueryString } from "@/lib/domain/inventory-filters";
import { auditListQuery } from "@/lib/queries/audit";

const COLUMNS: Column<AuditRow>[] = [
  { id: "at", label: "When", isRequired: true, render: (e) => <DateText date={e.at} /> },
  { id: "actor", label: "Who", render: (e) => <span title={e.actorType}>{e.actorLabel}</span> },
  { id: "action", label: "Action", render: (e) => <code className="text-xs">{e.action}</code> },
  {
    id: "target",
    label: "Target",
    className: "max-w-[12rem] truncate",
    render: (e) =>
      e.targetType ? (
        <span title={e.targetId ?? ""}>
          {e.targetType} {e.targetId?.slice(0, 12)}
        </span>
      ) : (
        "—"
      ),
  },
  { id: "summary", label: "What", className: "whitespace-normal", render: (e) => e.summary },
  { id: "ip", label: "From", render: (e) => e.ip ?? "—" },
];

export function AuditList() {
  const { filters, hrefFor, setFilters, clear, isNavigating } = useListFilters(auditFiltersSchema);
  const query = useQuery({ ...auditListQuery(filters), placeholderData: keepPreviousData });
  const fields: FilterField[] = [
    { type: "search", name: "actor", label: "Actor", placeholder: "email or id" },
    { type: "search", name: "action", label: "Action", placeholder: "finding. or user.created" },
    { type: "search", name: "target", label: "Target", placeholder: "id, type or words" },
    { type: "date", name: "from", label: "From" },
    { type: "date", name: "to", label: "To" },
  ];
  const active = activeFilterCount(auditFiltersSchema, filters);
  return (
    <>
      <FilterBar fields={fields} values={filters} onApply={(p) => setFilters(p)} onClear={clear} activeCount={active} />
      <ListFrame
        query={query}
        isNavigating={isNavigating}
        count={(data) => countLabel(data, "event")}
        actions={
          <ExportLink
            href={`/api/v1/exports/audit${filtersQueryString(auditFiltersSchema, { ...filters, page: 1 })}`}
          />
        }
        what="the audit log"
        empty={
          <EmptyState title={active ? "No event matches these filters" : "No audit events yet"}>
            {active
              ? "Widen the date range or remove a filter."
              : "Changes, sign-ins and refused requests are recorded here as they happen."}
          </EmptyState>
        }
        hrefFor={hrefFor}
      >
        {(data, isBusy) => (
          <DataTable
            caption="Audit events"
            columns={COLUMNS}
            visible={COLUMNS.map((c) => c.id)}
            rows={data.rows}
            rowKey={(r) => r.id}
            isBusy={isBusy}
          />
        )}
      </ListFrame>
    </>
  );
}
