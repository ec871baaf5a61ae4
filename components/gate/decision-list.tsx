"use client";

import Link from "next/link";
import { DateText } from "@/components/ui/date-text";
import { rowLinkClass, type Column } from "@/components/tables/data-table";
import { valueChoices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import type { FilterField } from "@/components/tables/filter-bar";
import type { GateDecisionRow } from "@/lib/db/gate/decisions";
import { GATE_OUTCOMES, gateDecisionFiltersSchema } from "@/lib/domain/inventory-filters";
import { gateDecisionListQuery } from "@/lib/queries/gate-decisions";
import { GateOutcomeBadge, GateReasons } from "./decision-parts";

const COLUMNS: Column<GateDecisionRow>[] = [
  { id: "decidedAt", label: "Decided", isRequired: true, render: (d) => <DateText date={d.decidedAt} /> },
  { id: "outcome", label: "Decision", render: (d) => <GateOutcomeBadge outcome={d.outcome} /> },
  {
    id: "signer",
    label: "Signer",
    render: (d) =>
      d.signerId ? (
        <Link href={`/signers/${d.signerId}`} className={rowLinkClass}>
          {d.signerName ?? d.subjectLabel}
        </Link>
      ) : (
        <code className="text-xs">{d.subjectLabel.slice(0, 40)}</code>
      ),
  },
  { id: "action", label: "Action", render: (d) => `${d.action} → ${d.environment}` },
  {
    id: "reasons",
    label: "Reasons",
    wrap: "words",
    className: "min-w-80",
    render: (d) => <GateReasons reasons={d.reasons} />,
  },
  { id: "triggeredBy", label: "Triggered by", render: (d) => d.triggeredBy ?? "—" },
  { id: "policy", label: "Policy", render: (d) => `v${d.policyVersion}` },
];

export function GateDecisionList() {
  const list = useInventoryList(gateDecisionFiltersSchema, gateDecisionListQuery);
  const fields: FilterField[] = [
    { type: "select", name: "outcome", label: "Decision", options: valueChoices(GATE_OUTCOMES) },
    { type: "select", name: "action", label: "Action", options: valueChoices(["sign", "promote"]) },
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
  ];
  return (
    <InventoryList
      list={list}
      fields={fields}
      resource="gate-decisions"
      noun="decision"
      what="the gate decisions"
      empty={{
        none: {
          title: "No gate decisions yet",
          text: "Pipelines ask the gate with signet gate or POST /api/v1/gate (see docs/pipelines.md); every answer is kept here.",
        },
      }}
      table={{ caption: "Release gate decisions", columns: COLUMNS }}
    />
  );
}
