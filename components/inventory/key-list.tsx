"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/tables/data-table";
import { ColumnPicker } from "@/components/tables/column-picker";
import { FilterBar, type FilterField } from "@/components/tables/filter-bar";
import { countLabel, ListFrame, sortProps } from "@/components/tables/list-frame";
import { ExportLink } from "@/components/tables/list-status";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import { useListFilters } from "@/components/tables/use-list-filters";
import type { KeyListRow } from "@/lib/db/keys/list";
import { activeFilterCount, CUSTODIES, filtersQueryString, keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { keyListQuery } from "@/lib/queries/keys";

const link =
  "font-medium text-indigo-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 rounded";

export function CustodyBadge({ custody }: { custody: string }) {
  const tone =
    custody === "hsm" || custody === "hardware-token"
      ? "green"
      : custody === "software-file" || custody === "unknown"
        ? "red"
        : "amber";
  return (
    <Badge tone={tone}>
      {tone === "green" ? "🔒 " : tone === "red" ? "⚠ " : ""}
      {custody}
    </Badge>
  );
}

export function RotationBadge({
  days,
  isOverdue,
  isRetired = false,
}: {
  days: number;
  isOverdue: boolean;
  isRetired?: boolean;
}) {
  // a retired key (every certificate history) needs no rotation: its age is only a fact
  if (isRetired)
    return (
      <Badge tone="slate" title="No certificate of this key is in service">
        retired · {days.toLocaleString("en")} d
      </Badge>
    );
  return (
    <Badge tone={isOverdue ? "red" : "green"}>
      {isOverdue ? "⚠ overdue" : "ok"} · {days.toLocaleString("en")} d
    </Badge>
  );
}

const COLUMNS: Column<KeyListRow>[] = [
  {
    id: "key",
    label: "Key",
    isRequired: true,
    render: (k) => (
      <Link href={`/keys/${k.id}`} className={link}>
        <code className="text-xs">{k.spkiSha256.slice(0, 16)}…</code>
      </Link>
    ),
  },
  {
    id: "algorithm",
    label: "Algorithm",
    sort: "algorithm",
    render: (k) => `${k.algorithm} ${k.bits ?? k.curve ?? ""}`,
  },
  { id: "custody", label: "Custody", sort: "custody", render: (k) => <CustodyBadge custody={k.custody} /> },
  {
    id: "rotation",
    label: "Rotation age",
    render: (k) => <RotationBadge days={k.rotationAgeDays} isOverdue={k.isRotationOverdue} isRetired={k.isRetired} />,
  },
  { id: "firstSeen", label: "First seen", sort: "firstSeenAt", render: (k) => <DateText date={k.firstSeenAt} /> },
  { id: "certificates", label: "Certificates", render: (k) => k.certificateCount },
  {
    id: "latest",
    label: "Latest certificate",
    className: "max-w-[16rem] truncate",
    render: (k) =>
      k.latestSubject ? (
        <>
          {k.latestSubject} <span className="text-slate-500">(to {k.latestNotAfter?.slice(0, 10)})</span>
        </>
      ) : (
        "—"
      ),
  },
  { id: "attested", label: "Custody attested", render: (k) => <DateText date={k.custodyAttestedAt} /> },
];
const DEFAULT_COLUMNS = ["algorithm", "custody", "rotation", "firstSeen", "certificates", "latest"];

export function KeyList({ teams }: { teams: { id: string; name: string }[] }) {
  const { filters, hrefFor, setFilters, clear, isNavigating } = useListFilters(keyFiltersSchema);
  const query = useQuery({ ...keyListQuery(filters), placeholderData: keepPreviousData });
  const columns = useColumnChoice("keys", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "SPKI SHA-256 prefix or certificate subject" },
    { type: "select", name: "custody", label: "Custody", options: CUSTODIES.map((c) => ({ value: c, label: c })) },
    {
      type: "select",
      name: "algorithm",
      label: "Algorithm",
      options: ["RSA", "EC", "Ed25519", "Ed448"].map((a) => ({ value: a, label: a })),
    },
    {
      type: "select",
      name: "rotation",
      label: "Rotation",
      options: [
        { value: "overdue", label: "overdue" },
        { value: "ok", label: "within policy" },
      ],
    },
    { type: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t.id, label: t.name })) },
  ];
  const active = activeFilterCount(keyFiltersSchema, filters);
  return (
    <>
      <FilterBar fields={fields} values={filters} onApply={(p) => setFilters(p)} onClear={clear} activeCount={active} />
      <ListFrame
        query={query}
        isNavigating={isNavigating}
        count={(data) => countLabel(data, "key")}
        actions={
          <div className="flex gap-2">
            <ColumnPicker
              columns={COLUMNS}
              visible={columns.visible}
              onChange={columns.setVisible}
              onReset={columns.reset}
            />
            <ExportLink href={`/api/v1/exports/keys${filtersQueryString(keyFiltersSchema, { ...filters, page: 1 })}`} />
          </div>
        }
        what="the keys"
        empty={
          <EmptyState title={active ? "No key matches these filters" : "No keys yet"}>
            {active
              ? "Remove a filter to see more keys."
              : "Keys appear when certificates are imported: each distinct public key becomes one row."}
          </EmptyState>
        }
        hrefFor={hrefFor}
      >
        {(data, isBusy) => (
          <DataTable
            caption="Signing keys"
            columns={COLUMNS}
            visible={columns.visible}
            rows={data.rows}
            rowKey={(r) => r.id}
            isBusy={isBusy}
            {...sortProps(filters, hrefFor, "firstSeenAt", "asc")}
          />
        )}
      </ListFrame>
    </>
  );
}
