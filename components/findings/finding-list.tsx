"use client";

import Link from "next/link";
import { useState } from "react";
import { SeverityBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { requiredColumn, rowLinkClass, type Column } from "@/components/tables/data-table";
import { teamField, type FilterField } from "@/components/tables/filter-bar";
import { choices, valueChoices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import { FindingStateBadge, subjectHref } from "./finding-table";
import { BulkTriageBar, type Selection } from "./bulk-triage-bar";
import type { FindingListRow } from "@/lib/db/findings/list";
import { findingFiltersSchema, PLATFORMS } from "@/lib/domain/inventory-filters";
import { NHI_TOP_10 } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import { findingListQuery } from "@/lib/queries/findings";

/** The columns; with a selection, each row's first cell also holds its checkbox (bulk triage). */
const findingColumns = (selection: Selection | null): Column<FindingListRow>[] => [
  requiredColumn({
    id: "finding",
    label: "Finding",
    className: "min-w-[10rem] max-w-md",
    render: (f) => (
      <div className="flex gap-2">
        {selection ? (
          <input
            type="checkbox"
            className="mt-1"
            aria-label={`Select: ${f.title} (${f.subjectLabel})`}
            checked={selection.ids.has(f.id)}
            onChange={(e) => selection.toggle(f.id, e.currentTarget.checked)}
          />
        ) : null}
        <div>
          <Link href={`/findings/${f.id}`} className={rowLinkClass}>
            {f.title}
          </Link>
          <div className="whitespace-normal text-xs text-slate-500">{f.message}</div>
        </div>
      </div>
    ),
  }),
  {
    id: "severity",
    priority: 1,
    label: "Severity",
    sort: "severity",
    render: (f) => <SeverityBadge severity={f.severity} />,
  },
  {
    id: "subject",
    priority: 2,
    label: "Subject",
    className: "max-w-[14rem] truncate",
    render: (f) => {
      const href = subjectHref(f);
      return (
        <>
          <span className="mr-1 text-xs text-slate-500">{f.subjectType}</span>
          {href ? (
            <Link href={href} className="hover:underline">
              {f.subjectLabel}
            </Link>
          ) : (
            f.subjectLabel
          )}
        </>
      );
    },
  },
  { id: "nhi", priority: 3, label: "OWASP NHI", render: (f) => f.nhi ?? "—" },
  {
    id: "state",
    priority: 2,
    label: "State",
    render: (f) => <FindingStateBadge state={f.state} until={f.acceptedUntil} />,
  },
  {
    id: "firstSeen",
    priority: 3,
    label: "First seen",
    sort: "firstSeenAt",
    render: (f) => <DateText date={f.firstSeenAt} />,
  },
  {
    id: "lastSeen",
    priority: 3,
    label: "Last seen",
    sort: "lastSeenAt",
    render: (f) => <DateText date={f.lastSeenAt} />,
  },
  { id: "rule", priority: 3, label: "Rule", sort: "rule", render: (f) => <code className="text-xs">{f.ruleId}</code> },
  {
    id: "threshold",
    priority: 3,
    label: "Threshold",
    className: "max-w-xs truncate",
    render: (f) => f.threshold ?? "—",
  },
];
const DEFAULT_COLUMNS = ["severity", "subject", "nhi", "state", "firstSeen"];

export function FindingList({
  teams,
  rules,
  canTriage = false,
}: {
  teams: { id: string; name: string }[];
  rules: { id: string; title: string }[];
  /** admins and analysts: select rows and triage them together */
  canTriage?: boolean;
}) {
  const list = useInventoryList(findingFiltersSchema, findingListQuery);
  const { filters } = list;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection: Selection = {
    ids: selected,
    toggle: (id, isOn) =>
      setSelected((cur) => {
        const next = new Set(cur);
        if (isOn) next.add(id);
        else next.delete(id);
        return next;
      }),
    set: (ids) => setSelected(new Set(ids)),
  };
  const pageRows = list.query.data?.rows ?? [];
  const columns = useColumnChoice("findings", DEFAULT_COLUMNS);
  const label = filters.state === "all" ? "" : `${filters.state.replace("-", " ")} `;
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "Words in the message or rule id" },
    {
      type: "select",
      name: "state",
      label: "State",
      allLabel: "open",
      // open lists open and acknowledged findings; accepted risks and false positives have their own
      options: choices({
        acknowledged: "acknowledged",
        "risk-accepted": "risk accepted",
        "false-positive": "false positive",
        resolved: "resolved",
        all: "all",
      }),
    },
    { type: "select", name: "severity", label: "Severity", options: valueChoices(SEVERITIES) },
    { type: "select", name: "rule", label: "Rule", options: rules.map((r) => ({ value: r.id, label: r.title })) },
    {
      type: "select",
      name: "nhi",
      label: "OWASP NHI",
      options: NHI_TOP_10.map((n) => ({ value: n.id, label: `${n.id} ${n.title}` })),
    },
    {
      type: "select",
      name: "subjectType",
      label: "About",
      options: valueChoices(["certificate", "key", "signer"]),
    },
    teamField(teams),
    { type: "select", name: "platform", label: "Platform", options: valueChoices(PLATFORMS) },
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
  ];
  const active = list.activeCount + (filters.state !== "open" ? 1 : 0);
  return (
    <>
      {canTriage ? <BulkTriageBar selection={selection} pageRows={pageRows} /> : null}
      <InventoryList
        list={list}
        fields={fields}
        activeCount={active}
        resource="findings"
        count={(data) => countLabel(data, `${label}finding`)}
        what="the findings"
        empty={{
          filtered: {
            title: "No finding matches these filters",
            text: "Try another state (risk accepted, false positive, resolved or all) or remove a filter.",
            canClear: true,
          },
          none: {
            title: "No open findings",
            text: "Every certificate, key and signer passes the rules. Findings are re-evaluated after every change and, as time passes, by the findings job every 5 minutes.",
          },
        }}
        table={{
          caption: "Findings",
          columns: findingColumns(canTriage ? selection : null),
          choice: columns,
          sort: { by: "severity", dir: "desc" },
        }}
      />
    </>
  );
}
