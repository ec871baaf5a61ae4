import Link from "next/link";
import type { OwnerDetail } from "@/lib/db/people/owners";
import { Card } from "@/components/ui/card";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateCell } from "@/components/ui/date-cell";
import { Table, Td } from "@/components/ui/table";
import { OpenFindingsCard } from "@/components/findings/finding-table";
import { OwnerCell } from "./owner-cell";

const link = "font-medium text-indigo-700 hover:underline";

/** A person's or a team's signers and the open findings behind them. */
export function OwnerDetailView({ owner }: { owner: OwnerDetail }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {owner.kind === "person" ? (
          owner.isActive ? (
            <Badge tone="green">active</Badge>
          ) : (
            <Badge tone="red">
              ⚠ left the company{owner.deactivatedAt ? ` on ${owner.deactivatedAt.slice(0, 10)}` : ""}
            </Badge>
          )
        ) : null}
        {owner.email ? <span>{owner.email}</span> : null}
        {owner.team ? (
          <span>
            Team{" "}
            <Link className={link} href={`/owners/teams/${owner.team.id}`}>
              {owner.team.name}
            </Link>
          </span>
        ) : null}
        <Link
          className={link}
          href={owner.kind === "person" ? `/certificates?owner=${owner.id}` : `/certificates?team=${owner.id}`}
        >
          Their certificates
        </Link>
      </div>
      {owner.kind === "person" && !owner.isActive && owner.signers.some((s) => s.role === "primary") ? (
        <p role="note" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          This person has left: the signers they own as primary owner are orphaned. Assign a new owner to each.
        </p>
      ) : null}
      <Card title={`Signers (${owner.signers.length})`}>
        {owner.signers.length === 0 ? (
          <p className="text-sm text-slate-500">
            {owner.kind === "person" ? "This person owns no signers." : "No signer belongs to this team."}
          </p>
        ) : (
          <Table caption="Signers" columns={["Signer", "Role", "Status", "Platform", "Primary owner", "Last used"]}>
            {owner.signers.map((s) => (
              <tr key={`${s.id}-${s.role}`}>
                <Td>
                  <Link className={link} href={`/signers/${s.id}`}>
                    {s.name}
                  </Link>
                </Td>
                <Td>{s.role}</Td>
                <Td>
                  <StatusBadge status={s.status} />
                </Td>
                <Td>{s.platform}</Td>
                <Td>
                  <OwnerCell owner={s.primaryOwner} />
                </Td>
                <DateCell date={s.lastUsedAt} />
              </tr>
            ))}
          </Table>
        )}
      </Card>
      {owner.people.length ? (
        <Card title={`People (${owner.people.length})`}>
          <ul className="grid gap-2 text-sm sm:grid-cols-2 xl:grid-cols-3">
            {owner.people.map((p) => (
              <li key={p.id}>
                <Link className={link} href={`/owners/people/${p.id}`}>
                  {p.name}
                </Link>{" "}
                <span className="text-slate-500">{p.email}</span> {p.isActive ? null : <Badge tone="red">left</Badge>}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <OpenFindingsCard
        findings={owner.findings}
        total={owner.openFindingTotal}
        action={
          <Link
            className="text-sm text-indigo-700 hover:underline"
            href={owner.kind === "person" ? `/findings?owner=${owner.id}` : `/findings?team=${owner.id}`}
          >
            Open in findings
          </Link>
        }
        caption="Open findings"
        empty="No open findings on these signers or their certificates."
      />
    </div>
  );
}
