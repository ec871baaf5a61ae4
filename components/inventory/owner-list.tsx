"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { teamField, type FilterField } from "@/components/tables/filter-bar";
import { choices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { ListTabs } from "@/components/tables/list-tabs";
import type { OwnerRow, PersonRow, TeamRow } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { ownerListQuery } from "@/lib/queries/owners";

const findingsCell = (n: number) =>
  n ? <Badge tone="amber">{n.toLocaleString("en")} open</Badge> : <span className="text-slate-500">none</span>;

const PEOPLE: Column<PersonRow>[] = [
  linkColumn({ id: "name", label: "Name", sort: "name", href: (p) => `/owners/people/${p.id}`, text: (p) => p.name }),
  { id: "email", priority: 3, label: "Email", render: (p) => p.email },
  {
    id: "team",
    priority: 2,
    label: "Team",
    render: (p) =>
      p.team ? (
        <Link className="hover:underline" href={`/owners/teams/${p.team.id}`}>
          {p.team.name}
        </Link>
      ) : (
        "—"
      ),
  },
  {
    id: "status",
    priority: 1,
    label: "Status",
    render: (p) => (p.isActive ? <Badge tone="green">active</Badge> : <Badge tone="red">⚠ left</Badge>),
  },
  { id: "signers", priority: 1, label: "Primary owner of", sort: "signers", render: (p) => p.primaryCount },
  { id: "backup", priority: 3, label: "Backup owner of", render: (p) => p.backupCount },
  { id: "findings", priority: 2, label: "Open findings", render: (p) => findingsCell(p.openFindings) },
];
const TEAMS: Column<TeamRow>[] = [
  linkColumn({ id: "name", label: "Team", sort: "name", href: (t) => `/owners/teams/${t.id}`, text: (t) => t.name }),
  { id: "email", priority: 3, label: "Email", render: (t) => t.email ?? "—" },
  { id: "people", priority: 3, label: "People", render: (t) => t.peopleCount },
  { id: "signers", priority: 1, label: "Signers", sort: "signers", render: (t) => t.signerCount },
  { id: "findings", priority: 2, label: "Open findings", render: (t) => findingsCell(t.openFindings) },
];

export function OwnerList({ teams }: { teams: { id: string; name: string }[] }) {
  const list = useInventoryList(ownerFiltersSchema, ownerListQuery);
  const { filters, hrefFor } = list;
  const isTeams = filters.kind === "teams";
  const fields: FilterField[] = isTeams
    ? [{ type: "search", name: "q", label: "Search", placeholder: "Team name" }]
    : [
        { type: "search", name: "q", label: "Search", placeholder: "Name or email" },
        teamField(teams),
        {
          type: "select",
          name: "active",
          label: "Status",
          options: choices({ yes: "active", no: "left the company" }),
        },
      ];
  const tab = (kind: "people" | "teams", label: string) => ({
    href: hrefFor({ kind, q: undefined, team: undefined, active: undefined, sort: undefined, dir: undefined }),
    label,
    isCurrent: filters.kind === kind,
  });
  return (
    <>
      <ListTabs label="Owner kind" tabs={[tab("people", "People"), tab("teams", "Teams")]} />
      <InventoryList
        list={list}
        fields={fields}
        resource="owners"
        count={(data) => countLabel(data, isTeams ? "team" : "person")}
        what="the owners"
        empty={{
          filtered: { title: "Nobody matches these filters", text: "Remove a filter to see more." },
          none: {
            title: isTeams ? "No teams yet" : "No people yet",
            text: "People and teams are recorded when signers are registered with their owners (API, CLI or demo data).",
          },
        }}
        table={{
          ...(isTeams
            ? { caption: "Teams", columns: TEAMS as Column<OwnerRow>[] }
            : { caption: "People", columns: PEOPLE as Column<OwnerRow>[] }),
          sort: { by: "name", dir: "asc" },
        }}
      />
    </>
  );
}
