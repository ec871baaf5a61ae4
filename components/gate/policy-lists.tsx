"use client";

import { linkColumn, type Column } from "@/components/tables/data-table";
import { UnfilteredList } from "@/components/tables/inventory-list";
import { ListTabs } from "@/components/tables/list-tabs";
import { useListFilters } from "@/components/tables/use-list-filters";
import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { RowActionButton } from "@/components/ui/row-action-button";
import type { FormAction } from "@/lib/api/action-state";
import type { GateExceptionListRow } from "@/lib/db/gate/exceptions";
import type { PolicyVersionListRow } from "@/lib/db/policy/policy";
import { policyListFiltersSchema, type PolicyListFilters } from "@/lib/domain/inventory-filters";
import { gateExceptionListQuery, policyVersionListQuery } from "@/lib/queries/policy";

const VERSIONS: Column<PolicyVersionListRow>[] = [
  { id: "version", label: "Version", priority: 1, render: (v) => `v${v.version}` },
  { id: "saved", label: "Saved", priority: 2, render: (v) => <DateText date={v.createdAt} /> },
  { id: "by", label: "By", priority: 3, render: (v) => v.createdByLabel },
  { id: "comment", label: "Comment", priority: 3, wrap: "words", render: (v) => v.comment ?? "—" },
  {
    id: "changes",
    label: "Changes against the version before",
    priority: 1,
    wrap: "words",
    render: (v) => (
      <ul className="font-mono text-xs break-all">
        {v.changes.map((c) => (
          <li key={c.path}>
            {c.path}: <del className="text-red-700">{JSON.stringify(c.before)}</del> →{" "}
            <ins className="text-emerald-700">{JSON.stringify(c.after)}</ins>
          </li>
        ))}
      </ul>
    ),
  },
];

function VersionList() {
  return (
    <UnfilteredList
      schema={policyListFiltersSchema}
      query={policyVersionListQuery}
      noun="saved version"
      what="the policy versions"
      empty={{ title: "No saved version yet", text: "The built-in defaults (version 0) are in force." }}
      table={{ caption: "Policy versions, newest first", columns: VERSIONS }}
    />
  );
}

function ExceptionList({ lift }: { lift: FormAction }) {
  const columns: Column<GateExceptionListRow>[] = [
    linkColumn({ id: "signer", label: "Signer", href: (e) => `/signers/${e.signerId}`, text: (e) => e.signerName }),
    { id: "rule", label: "Rule", priority: 1, render: (e) => <code>{e.ruleId}</code> },
    { id: "reason", label: "Reason", priority: 3, wrap: "words", render: (e) => e.reason },
    { id: "ends", label: "Ends", priority: 2, render: (e) => <DateText date={e.endsAt} /> },
    {
      id: "state",
      label: "State",
      priority: 2,
      render: (e) => <Badge tone={e.state === "in force" ? "amber" : "slate"}>{e.state}</Badge>,
    },
    {
      id: "actions",
      label: "Actions",
      isLabelHidden: true,
      priority: 2,
      render: (e) =>
        e.state === "in force" ? (
          <RowActionButton
            id={e.id}
            label="Lift"
            ariaLabel={`Lift the exception of ${e.signerName} to ${e.ruleId}`}
            action={lift}
          />
        ) : null,
    },
  ];
  return (
    <UnfilteredList
      schema={policyListFiltersSchema}
      query={gateExceptionListQuery}
      noun="exception"
      what="the gate exceptions"
      empty={{ title: "No exceptions", text: "Every rule applies to every signer." }}
      table={{ caption: "Per-signer exceptions to a gate rule, those in force first", columns }}
    />
  );
}

/** The policy page's lists, one tab each (`view` in the URL): the saved versions, or the gate exceptions. */
export function PolicyLists({ lift }: { lift: FormAction }) {
  // the tabs read the URL only; each tab's list asks for its own page
  const { filters, hrefFor } = useListFilters(policyListFiltersSchema);
  const view = filters.view;
  const tab = (v: PolicyListFilters["view"], label: string) => ({
    href: hrefFor({ view: v, page: 1 }),
    label,
    isCurrent: view === v,
  });
  return (
    <>
      <ListTabs label="Policy lists" tabs={[tab("versions", "Versions"), tab("exceptions", "Gate exceptions")]} />
      {view === "exceptions" ? <ExceptionList lift={lift} /> : <VersionList />}
    </>
  );
}
