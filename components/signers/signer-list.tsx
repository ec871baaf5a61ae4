"use client";

import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { teamField, type FilterField } from "@/components/tables/filter-bar";
import { choices, recordChoices, valueChoices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import { OwnerCell } from "@/components/inventory/owner-cell";
import type { SignerListRow } from "@/lib/db/signers/list";
import { signerFiltersSchema } from "@/lib/domain/inventory-filters";
import { CREDENTIAL_TYPES, KIND_LABELS, PLATFORMS, SIGNER_STATUSES, type SignerKind } from "@/lib/domain/signer-input";
import { signerListQuery } from "@/lib/queries/signers";

const none = <span className="text-slate-500">—</span>;

const COLUMNS: Column<SignerListRow>[] = [
  linkColumn({ id: "name", label: "Name", sort: "name", href: (s) => `/signers/${s.id}`, text: (s) => s.name }),
  {
    id: "kind",
    label: "Kind",
    sort: "kind",
    priority: 3,
    render: (s) => (
      <>
        {KIND_LABELS[s.kind as SignerKind] ?? s.kind}
        <div className="text-xs text-slate-500">
          {s.platform} · {s.certificateCount} cert{s.certificateCount === 1 ? "" : "s"}
        </div>
      </>
    ),
  },
  { id: "status", label: "Status", sort: "status", priority: 1, render: (s) => <StatusBadge status={s.status} /> },
  { id: "primaryOwner", label: "Primary owner", priority: 2, render: (s) => <OwnerCell owner={s.primaryOwner} /> },
  {
    id: "backupOwner",
    label: "Backup owner",
    priority: 3,
    render: (s) =>
      s.backupOwner ? (
        s.backupOwner.isActive ? (
          s.backupOwner.name
        ) : (
          <span className="text-slate-500">{s.backupOwner.name} (left)</span>
        )
      ) : (
        none
      ),
  },
  { id: "team", label: "Team", priority: 3, render: (s) => s.team?.name ?? none },
  {
    id: "findings",
    label: "Findings",
    priority: 2,
    render: (s) =>
      s.worstSeverity ? (
        <span className="inline-flex items-center gap-1">
          <SeverityBadge severity={s.worstSeverity} /> <span className="text-xs text-slate-500">{s.openFindings}</span>
        </span>
      ) : (
        <span className="text-slate-500">none</span>
      ),
  },
  {
    id: "lastUsed",
    label: "Last used",
    sort: "lastUsedAt",
    priority: 1,
    render: (s) => <DateText date={s.lastUsedAt} />,
  },
  { id: "environments", label: "Environments", priority: 3, render: (s) => s.environments.join(", ") || none },
  { id: "credential", label: "Credential", priority: 3, render: (s) => s.credentialType },
];
const DEFAULT_COLUMNS = ["kind", "status", "primaryOwner", "backupOwner", "team", "findings", "lastUsed"];

/** The signers list. Owners see only their own signers, and no team or owner filter. */
export function SignerList({
  teams,
  people,
  isOwner,
}: {
  teams: { id: string; name: string }[];
  people: { id: string; name: string }[];
  isOwner: boolean;
}) {
  const list = useInventoryList(signerFiltersSchema, signerListQuery);
  const columns = useColumnChoice("signers", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search name", placeholder: "payments…" },
    { type: "select", name: "status", label: "Status", options: valueChoices(SIGNER_STATUSES) },
    { type: "select", name: "kind", label: "Kind", options: choices(KIND_LABELS) },
    { type: "select", name: "platform", label: "Platform", options: valueChoices(PLATFORMS) },
    { type: "select", name: "credentialType", label: "Credential", options: valueChoices(CREDENTIAL_TYPES) },
    ...(isOwner
      ? []
      : [teamField(teams), { type: "select", name: "owner", label: "Owner", options: recordChoices(people) } as const]),
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
    { type: "select", name: "orphaned", label: "Ownership", options: choices({ "1": "Orphaned only" }) },
  ];
  return (
    <InventoryList
      list={list}
      fields={fields}
      // "kind" is a filter here (on the owners list it picks people or teams, which the count leaves out)
      activeCount={list.activeCount + (list.filters.kind ? 1 : 0)}
      noun="signer"
      empty={{
        none: isOwner
          ? {
              title: "You own no signers",
              text: "When the security team records you as the primary or backup owner of a signer, it appears here.",
            }
          : {
              title: "No signers yet",
              text: "Register a signer, import a CSV/JSON file, or load the demo dataset from the overview page.",
            },
      }}
      table={{ caption: "Signers", columns: COLUMNS, choice: columns, sort: { by: "name", dir: "asc" } }}
    />
  );
}
