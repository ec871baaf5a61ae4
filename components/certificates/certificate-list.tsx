"use client";

import Link from "next/link";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { certificateName } from "@/lib/domain/certificate-name";
import { CertificateStateBadges } from "@/components/certificates/certificate-state-badges";
import { DateText } from "@/components/ui/date-text";
import { requiredColumn, rowLinkClass, type Column } from "@/components/tables/data-table";
import { teamField, type FilterField } from "@/components/tables/filter-bar";
import { choices, valueChoices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import type { CertificateListRow } from "@/lib/db/certificates/list";
import { certificateFiltersSchema, CUSTODIES, PLATFORMS, REVOCATION_STATUSES } from "@/lib/domain/inventory-filters";
import { certificateListQuery } from "@/lib/queries/certificates";

const COLUMNS: Column<CertificateListRow>[] = [
  requiredColumn({
    id: "subject",
    label: "Subject",
    sort: "subject",
    className: "max-w-xs truncate",
    render: (c) => (
      <Link href={`/certificates/${c.id}`} className={rowLinkClass} title={c.subject || undefined}>
        {certificateName(c)}
        {c.isCA ? <span className="ml-2 text-xs font-normal text-slate-500">(CA)</span> : null}
      </Link>
    ),
  }),
  {
    id: "state",
    priority: 1,
    label: "State",
    render: (c) => (
      // wraps: a key column on a phone, where two badges side by side pushed "Signers" out of view
      <span className="inline-flex flex-wrap items-center gap-1">
        <CertificateStateBadges state={c.state} isRevocationUnknown={c.isRevocationUnknown} />
      </span>
    ),
  },
  { id: "expires", priority: 2, label: "Expires", sort: "notAfter", render: (c) => <DateText date={c.notAfter} /> },
  {
    id: "issuer",
    priority: 3,
    label: "Issuer",
    sort: "issuer",
    className: "max-w-[14rem] truncate",
    render: (c) => c.issuerCn ?? "—",
  },
  {
    id: "key",
    priority: 3,
    label: "Key",
    sort: "keyAlgorithm",
    render: (c) => (
      <Link className={rowLinkClass} href={`/keys/${c.keyId}`}>
        {c.keyAlgorithm} {c.keyBits ?? c.curve ?? ""}
      </Link>
    ),
  },
  {
    id: "custody",
    priority: 2,
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
  { id: "revocation", priority: 2, label: "Revocation", render: (c) => <StatusBadge status={c.revocationStatus} /> },
  {
    id: "signers",
    priority: 1,
    label: "Signers",
    className: "max-w-[14rem] truncate",
    render: (c) =>
      c.signers.length ? c.signers.map((s) => s.name).join(", ") : <span className="text-slate-500">none</span>,
  },
  {
    id: "notBefore",
    priority: 3,
    label: "Valid from",
    sort: "notBefore",
    render: (c) => <DateText date={c.notBefore} />,
  },
  { id: "serial", priority: 3, label: "Serial", render: (c) => <code className="text-xs">{c.serialHex}</code> },
  {
    id: "imported",
    priority: 3,
    label: "Imported",
    sort: "importedAt",
    render: (c) => <DateText date={c.importedAt} />,
  },
];
const DEFAULT_COLUMNS = ["state", "expires", "issuer", "key", "custody", "revocation", "signers"];

export function CertificateList({ teams }: { teams: { id: string; name: string }[] }) {
  const list = useInventoryList(certificateFiltersSchema, certificateListQuery);
  const columns = useColumnChoice("certificates", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "Subject, issuer, SHA-256 or serial" },
    {
      type: "select",
      name: "status",
      label: "State",
      options: choices({
        valid: "Valid",
        expiring: "Expiring soon",
        expired: "Expired, not replaced",
        superseded: "Superseded by a renewal",
        revoked: "Revoked",
        keyless: "Keyless (valid at signing)",
      }),
    },
    { type: "date", name: "expiresFrom", label: "Expires from" },
    { type: "date", name: "expiresTo", label: "Expires to" },
    teamField(teams),
    { type: "select", name: "platform", label: "Platform", options: valueChoices(PLATFORMS) },
    { type: "search", name: "environment", label: "Environment", placeholder: "production" },
    { type: "select", name: "custody", label: "Key custody", options: valueChoices(CUSTODIES) },
    { type: "select", name: "revocation", label: "Revocation", options: valueChoices(REVOCATION_STATUSES) },
    {
      type: "select",
      name: "ca",
      label: "CA certificates",
      options: choices({ no: "Leaf only", yes: "CAs only" }),
    },
  ];
  return (
    <InventoryList
      list={list}
      fields={fields}
      resource="certificates"
      noun="certificate"
      empty={{
        filtered: {
          title: "No certificate matches these filters",
          text: "Widen the expiry window or remove a filter to see more.",
          canClear: true,
        },
        none: {
          title: "No certificates yet",
          text: (
            <>
              Import certificates with <code>signet import</code> or the API (POST /api/v1/certificates), or load the
              demo dataset from the overview page.
            </>
          ),
        },
      }}
      table={{ caption: "Certificates", columns: COLUMNS, choice: columns, sort: { by: "notAfter", dir: "asc" } }}
    />
  );
}
