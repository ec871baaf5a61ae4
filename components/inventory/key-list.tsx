"use client";

import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { linkColumn, type Column } from "@/components/tables/data-table";
import { teamField, type FilterField } from "@/components/tables/filter-bar";
import { choices, valueChoices } from "@/components/ui/field";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { useColumnChoice } from "@/components/tables/use-column-choice";
import type { KeyListRow } from "@/lib/db/keys/list";
import { CUSTODIES, keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { keyListQuery } from "@/lib/queries/keys";

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
  linkColumn({
    id: "key",
    label: "Key",
    href: (k) => `/keys/${k.id}`,
    text: (k) => <code className="text-xs">{k.spkiSha256.slice(0, 16)}…</code>,
  }),
  {
    id: "algorithm",
    priority: 2,
    label: "Algorithm",
    sort: "algorithm",
    render: (k) => `${k.algorithm} ${k.bits ?? k.curve ?? ""}`,
  },
  {
    id: "custody",
    priority: 2,
    label: "Custody",
    sort: "custody",
    render: (k) => <CustodyBadge custody={k.custody} />,
  },
  {
    id: "rotation",
    priority: 1,
    label: "Rotation age",
    render: (k) => <RotationBadge days={k.rotationAgeDays} isOverdue={k.isRotationOverdue} isRetired={k.isRetired} />,
  },
  {
    id: "firstSeen",
    priority: 3,
    label: "First seen",
    sort: "firstSeenAt",
    render: (k) => <DateText date={k.firstSeenAt} />,
  },
  { id: "certificates", priority: 3, label: "Certificates", render: (k) => k.certificateCount },
  {
    id: "latest",
    priority: 2,
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
  { id: "attested", priority: 3, label: "Custody attested", render: (k) => <DateText date={k.custodyAttestedAt} /> },
];
const DEFAULT_COLUMNS = ["algorithm", "custody", "rotation", "firstSeen", "certificates", "latest"];

export function KeyList({ teams }: { teams: { id: string; name: string }[] }) {
  const list = useInventoryList(keyFiltersSchema, keyListQuery);
  const columns = useColumnChoice("keys", DEFAULT_COLUMNS);
  const fields: FilterField[] = [
    { type: "search", name: "q", label: "Search", placeholder: "SPKI SHA-256 prefix or certificate subject" },
    { type: "select", name: "custody", label: "Custody", options: valueChoices(CUSTODIES) },
    {
      type: "select",
      name: "algorithm",
      label: "Algorithm",
      options: valueChoices(["RSA", "EC", "Ed25519", "Ed448"]),
    },
    {
      type: "select",
      name: "rotation",
      label: "Rotation",
      options: choices({ overdue: "overdue", ok: "within policy" }),
    },
    teamField(teams),
  ];
  return (
    <InventoryList
      list={list}
      fields={fields}
      resource="keys"
      noun="key"
      empty={{
        none: {
          title: "No keys yet",
          text: "Keys appear when certificates are imported: each distinct public key becomes one row.",
        },
      }}
      table={{ caption: "Signing keys", columns: COLUMNS, choice: columns, sort: { by: "firstSeenAt", dir: "asc" } }}
    />
  );
}
