"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { CertificateStateBadges } from "@/components/certificates/certificate-state-badges";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/tables/data-table";
import { ColumnPicker } from "@/components/tables/column-picker";
import { FilterBar, type FilterField } from "@/components/tables/filter-bar";
import { countLabel, ListFrame, sortProps } from "@/components/tables/list-frame";
import { ExportLink } from "@/components/tables/list-status";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import { useListFilters } from "@/components/tables/use-list-filters";
import type { CertificateListRow } from "@/lib/db/certificates/list";
import {
  activeFilterCount,
  certificateFiltersSchema,
  CUSTODIES,
  filtersQueryString,
  PLATFORMS,
  REVOCATION_STATUSES,
} from "@/lib/domain/inventory-filters";
import { certificateListQuery } from "@/lib/queries/certificates";

const link =
  "font-medium text-indigo-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 rounded";

const COLUMNS: Column<CertificateListRow>[] = [
  {
    id: "subject",
    label: "Subject",
    sort: "subject",
    isRequired: true,
    className: "max-w-xs truncate",
    render: (c) => (
      <Link href={`/certificates/${c.id}`} className={link} title={c.subject}>
        {c.subjectCn ?? c.subject}
        {c.isCA ? <span className="ml-2 text-xs font-normal text-slate-500">(CA)</span> : null}
      </Link>
    ),
  },
  {
    id: "state",
    label: "State",
    render: (c) => (
      <span className="inline-flex gap-1">
        <CertificateStateBadges state={c.state} isRevocationUnknown={c.isRevocationUnknown} />
      </span>
    ),
  },
  { id: "expires", label: "Expires", sort: "notAfter", render: (c) => <DateText date={c.notAfter} /> },
  {
    id: "issuer",
    label: "Issuer",
    sort: "issuer",
    className: "max-w-[14rem] truncate",
    render: (c) => c.issuerCn ?? "—",
  },
  {
    id: "key",
    label: "Key",
    sort: "keyAlgorithm",
    render: (c) => (
      <Link className={link} href={`/keys/${c.keyId}`}>
        {c.keyAlgorithm} {c.keyBits ?? c.curve ?? ""}
      </Link>
    ),
  },
  {
    id: "custody",
    label: "Custody",
    render: (c) => (
      <Badge
        tone={
          c.custody === "hsm" || c.custody === "hardware-token"
            ? "green"
            : c.custody === "unknown" || c.custody === "software-file"
              ? "red"
              : "slate"
        }
      >
        {c.custody}
      </Badge>
    ),
  },
  { id: "revocation", label: "Revocation", render: (c) => <StatusBadge status={c.revocationStatus} /> },
  {
    id: "signers",
    label: "Signers",
    className: "max-w-[14rem] truncate",
    render: (c) =>
      c.signers.length ? c.signers.map((s) => s.name).join(", ") : <span className="text-slate-400">none</span>,
  },
  { id: "notBefore", label: "Valid from", sort: "notBefore", render: (c) => <DateText date={c.notBefore} /> },
  { id: "serial", label: "Serial", render: (c) => <code className="text-xs">{c.serialHex}</code> },
  { id: "imported", label: "Imported", sort: "importedAt", render: (c) => <DateText date={c.importedAt} /> },
];
const DEFAULT_COLUMNS = ["state", "expires", "issuer", "key", "custody", "revocation", "signers"];

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function CertificateList({ teams }: { teams: { id: string; name: string }[] }) {
  const { filters, hrefFor, setFilters, clear, isNavigating } = useListFilters(certificateFiltersSchema);
  const query = useQuery({ ...certificateListQuery(filters), placeholderData: keepPreviousData });
  const columns = useColumnChoice("certificates", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "Subject, issuer, SHA-256 or serial" },
    {
      type: "select",
      name: "status",
      label: "State",
      options: [
        { value: "valid", label: "Valid" },
        { value: "expiring", label: "Expiring soon" },
        { value: "expired", label: "Expired, not replaced" },
        { value: "superseded", label: "Superseded by a renewal" },
        { value: "revoked", label: "Revoked" },
      ],
    },
    { type: "date", name: "expiresFrom", label: "Expires from" },
    { type: "date", name: "expiresTo", label: "Expires to" },
    { type: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t.id, label: t.name })) },
    { type: "select", name: "platform", label: "Platform", options: opts(PLATFORMS) },
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
    { type: "select", name: "custody", label: "Key custody", options: opts(CUSTODIES) },
    { type: "select", name: "revocation", label: "Revocation", options: opts(REVOCATION_STATUSES) },
    {
      type: "select",
      name: "ca",
      label: "CA certificates",
      options: [
        { value: "no", label: "Leaf only" },
        { value: "yes", label: "CAs only" },
      ],
    },
  ];
  const active = activeFilterCount(certificateFiltersSchema, filters);
  return (
    <>
      <FilterBar fields={fields} values={filters} onApply={(p) => setFilters(p)} onClear={clear} activeCount={active} />
      <ListFrame
        query={query}
        isNavigating={isNavigating}
        count={(data) => countLabel(data, "certificate")}
        actions={
          <div className="flex gap-2">
            <ColumnPicker
              columns={COLUMNS}
              visible={columns.visible}
              onChange={columns.setVisible}
              onReset={columns.reset}
            />
            <ExportLink
              href={`/api/v1/exports/certificates${filtersQueryString(certificateFiltersSchema, { ...filters, page: 1 })}`}
            />
          </div>
        }
        what="the certificates"
        empty={
          active > 0 ? (
            <EmptyState
              title="No certificate matches these filters"
              action={
                <button type="button" className="text-sm font-medium text-indigo-700 underline" onClick={clear}>
                  Clear the filters
                </button>
              }
            >
              Widen the expiry window or remove a filter to see more.
            </EmptyState>
          ) : (
            <EmptyState title="No certificates yet">
              Import certificates with <code>signet import</code> or the API (POST /api/v1/certificates), or load the
              demo dataset from the overview page.
            </EmptyState>
          )
        }
        hrefFor={hrefFor}
      >
        {(data, isBusy) => (
          <DataTable
            caption="Certificates"
            columns={COLUMNS}
            visible={columns.visible}
            rows={data.rows}
            rowKey={(r) => r.id}
            isBusy={isBusy}
            {...sortProps(filters, hrefFor, "notAfter", "asc")}
          />
        )}
      </ListFrame>
    </>
  );
}
