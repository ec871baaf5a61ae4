"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, rowLinkClass, type Column } from "@/components/tables/data-table";
import { type FilterField } from "@/components/tables/filter-bar";
import { choices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import type { PersonListRow } from "@/lib/db/people/people-admin";
import { personFiltersSchema } from "@/lib/domain/inventory-filters";
import { personListQuery } from "@/lib/queries/people";

const none = (text: string) => <span className="text-slate-400">{text}</span>;

const PEOPLE: Column<PersonListRow>[] = [
  {
    id: "name",
    label: "Name",
    isRequired: true,
    render: (p) => (
      <Link className={rowLinkClass} href={`/people/${p.id}`}>
        {p.name}
      </Link>
    ),
  },
  { id: "email", label: "Email", render: (p) => p.email },
  { id: "team", label: "Team", render: (p) => p.team?.name ?? none("—") },
  {
    id: "status",
    label: "Status",
    isKey: true,
    render: (p) => (p.isActive ? <Badge tone="green">active</Badge> : <Badge tone="red">left</Badge>),
  },
  {
    id: "primary",
    label: "Primary of",
    isKey: true,
    render: (p) =>
      p.primaryCount ? (
        p.isActive ? (
          p.primaryCount
        ) : (
          <span className="font-semibold text-red-700">{p.primaryCount} orphaned</span>
        )
      ) : (
        none("0")
      ),
  },
  { id: "backup", label: "Backup of", render: (p) => p.backupCount || none("0") },
  { id: "user", label: "Signet user", render: (p) => (p.hasUser ? "yes" : none("no")) },
];

const FIELDS: FilterField[] = [
  { type: "search", name: "q", label: "Search", placeholder: "Name or email" },
  {
    type: "select",
    name: "status",
    label: "Status",
    allLabel: "Everyone",
    options: choices({ active: "Active", left: "Left" }),
  },
];

/** The people directory: who owns signers, and who has left (their signers show as orphaned). */
export function PeopleList() {
  const list = useInventoryList(personFiltersSchema, personListQuery);
  return (
    <InventoryList
      list={list}
      fields={FIELDS}
      // "status" defaults to everyone, which the URL leaves out: count it when it narrows the list
      activeCount={list.activeCount + (list.filters.status !== "all" ? 1 : 0)}
      count={(data) => countLabel(data, "person", "people")}
      what="the people"
      empty={{
        filtered: { title: "Nobody matches these filters", text: "Clear a filter to see more.", canClear: true },
        none: { title: "No people yet", text: "Add a person below, import signers with owners, or load the demo." },
      }}
      table={{ caption: "People", columns: PEOPLE }}
    />
  );
}

type TeamRow = { id: string; name: string; email: string | null; peopleCount: number; signerCount: number };

const TEAMS: Column<TeamRow>[] = [
  {
    id: "team",
    label: "Team",
    isRequired: true,
    render: (t) => (
      <Link className={rowLinkClass} href={`/signers?team=${t.id}`}>
        {t.name}
      </Link>
    ),
  },
  { id: "email", label: "Email", render: (t) => t.email ?? none("—") },
  { id: "people", label: "People", isKey: true, render: (t) => t.peopleCount },
  { id: "signers", label: "Signers", isKey: true, render: (t) => t.signerCount },
];

/** The teams: few enough to show at once, each opening its signers. */
export function TeamTable({ teams }: { teams: TeamRow[] }) {
  return (
    <DataTable caption="Teams" columns={TEAMS} visible={TEAMS.map((c) => c.id)} rows={teams} rowKey={(t) => t.id} />
  );
}
