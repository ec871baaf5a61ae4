"use client";

import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { ListTabs } from "@/components/tables/list-tabs";
import type { IncidentListRow } from "@/lib/db/incidents/reads";
import { formatDuration } from "@/lib/domain/incidents";
import { filtersQueryString, incidentFiltersSchema, MAX_API_PAGE_SIZE } from "@/lib/domain/inventory-filters";
import { incidentListQuery } from "@/lib/queries/incidents";

const COLUMNS: Column<IncidentListRow>[] = [
  linkColumn({
    id: "subject",
    label: "Subject",
    // wraps on a phone so State stays in view
    wrap: "anywhere",
    href: (i) => `/incidents/${i.id}`,
    text: (i) => i.subjectLabel,
  }),
  {
    id: "kind",
    label: "Kind",
    priority: 1,
    render: (i) => (i.mode === "drill" ? <Badge tone="violet">DRILL</Badge> : <Badge tone="red">Compromise</Badge>),
  },
  { id: "suspected", label: "Suspected", priority: 3, render: (i) => <DateText date={new Date(i.suspectedAt)} /> },
  { id: "declared", label: "Declared", priority: 2, render: (i) => <DateText date={new Date(i.declaredAt)} /> },
  { id: "state", label: "State", priority: 1, render: (i) => i.status },
  { id: "contain", label: "Time to contain", priority: 2, render: (i) => formatDuration(i.msToContain) },
  { id: "recover", label: "Time to recover", priority: 3, render: (i) => formatDuration(i.msToRecover) },
  {
    id: "tasks",
    label: "Tasks",
    priority: 2,
    render: (i) => `${i.taskCount - i.openTaskCount}/${i.taskCount} settled`,
  },
];

/** Incidents and drills, newest first; the kind tab in the URL (`mode`), and the JSON export of that kind. */
export function IncidentList() {
  const list = useInventoryList(incidentFiltersSchema, incidentListQuery);
  const { filters, hrefFor } = list;
  const exportQuery = filtersQueryString(incidentFiltersSchema, { mode: filters.mode, pageSize: MAX_API_PAGE_SIZE });
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <ListTabs
          label="Filter by kind"
          tabs={[
            { href: hrefFor({ mode: undefined }), label: "All", isCurrent: !filters.mode },
            { href: hrefFor({ mode: "compromise" }), label: "Incidents", isCurrent: filters.mode === "compromise" },
            { href: hrefFor({ mode: "drill" }), label: "Drill history", isCurrent: filters.mode === "drill" },
          ]}
        />
        <a className="mb-3 text-sm font-medium text-indigo-700 underline" href={`/api/v1/incidents${exportQuery}`}>
          Export (JSON)
        </a>
      </div>
      <InventoryList
        list={list}
        fields={[]}
        count={(page) =>
          filters.mode === "drill"
            ? countLabel(page, "drill")
            : filters.mode === "compromise"
              ? countLabel(page, "incident")
              : countLabel(page, "incident or drill", "incidents and drills")
        }
        what="the incidents and drills"
        empty={{
          filtered: {
            title: filters.mode === "drill" ? "No drill run yet" : "No incident declared yet",
            text: "Choose All to see every incident and drill.",
          },
          none: { title: "Nothing here yet", text: "No incident has been declared and no drill run yet." },
        }}
        table={{ caption: "Incidents and drills, newest first", columns: COLUMNS }}
      />
    </>
  );
}
