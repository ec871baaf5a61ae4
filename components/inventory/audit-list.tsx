"use client";

import { DateText } from "@/components/ui/date-text";
import { requiredColumn, type Column } from "@/components/tables/data-table";
import type { FilterField } from "@/components/tables/filter-bar";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import type { AuditRow } from "@/lib/db/audit/list";
import { auditFiltersSchema } from "@/lib/domain/inventory-filters";
import { auditListQuery } from "@/lib/queries/audit";

const COLUMNS: Column<AuditRow>[] = [
  requiredColumn({ id: "at", label: "When", render: (e) => <DateText date={e.at} /> }),
  { id: "actor", label: "Who", priority: 2, render: (e) => <span title={e.actorType}>{e.actorLabel}</span> },
  { id: "action", label: "Action", priority: 2, render: (e) => <code className="text-xs">{e.action}</code> },
  {
    id: "target",
    label: "Target",
    priority: 3,
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
  {
    id: "summary",
    label: "What",
    priority: 1,
    className: "min-w-[10rem] [overflow-wrap:anywhere]",
    render: (e) => e.summary,
  },
  { id: "ip", label: "From", priority: 3, render: (e) => e.ip ?? "—" },
];

export function AuditList() {
  const list = useInventoryList(auditFiltersSchema, auditListQuery);
  const fields: FilterField[] = [
    { type: "search", name: "actor", label: "Actor", placeholder: "email or id" },
    { type: "search", name: "action", label: "Action", placeholder: "finding. or user.created" },
    { type: "search", name: "target", label: "Target", placeholder: "id, type or words" },
    { type: "date", name: "from", label: "From" },
    { type: "date", name: "to", label: "To" },
  ];
  return (
    <InventoryList
      list={list}
      fields={fields}
      resource="audit"
      noun="event"
      what="the audit log"
      empty={{
        filtered: { title: "No event matches these filters", text: "Widen the date range or remove a filter." },
        none: {
          title: "No audit events yet",
          text: "Changes, sign-ins and refused requests are recorded here as they happen.",
        },
      }}
      table={{ caption: "Audit events", columns: COLUMNS }}
    />
  );
}
