import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { can, isOwnerScoped } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { listSignersFiltered } from "@/lib/db/signers/list";
import { listActivePeople, listTeamOptions } from "@/lib/db/people/people-admin";
import { signerListQuery, toSignerFilters } from "@/lib/api/signer-query";
import { KIND_LABELS, type SignerKind } from "@/lib/domain/signer-input";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { SeverityBadge, StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/button";
import { OwnerCell } from "@/components/inventory/owner-cell";
import { SignerFilters } from "@/components/signers/signer-filters";

export const metadata = { title: "Signers" };

export default async function SignersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("inventory:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = signerListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : signerListQuery.parse({});
  const db = getDb();
  const isOwner = isOwnerScoped(user.role);
  const [data, teams, people] = await Promise.all([
    listSignersFiltered(db, user, toSignerFilters(query), { page: query.page, pageSize: 50 }),
    isOwner ? undefined : listTeamOptions(db),
    isOwner ? undefined : listActivePeople(db),
  ]);
  const mayWrite = can(user.role, "inventory:write");
  const params = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => k !== "page" && typeof v === "string" && v !== ""),
  ) as Record<string, string>;
  const isFiltered = Object.keys(params).length > 0;
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Signers"
        description={
          isOwner
            ? "The signers you own as primary or backup owner."
            : "The service identities that sign your software: pipelines, build services, release bots and automation accounts."
        }
        actions={
          mayWrite ? (
            <>
              <Link href="/signers/import" className={buttonClass("secondary")}>
                Import CSV/JSON
              </Link>
              <Link href="/signers/new" className={buttonClass("primary")}>
                New signer
              </Link>
            </>
          ) : undefined
        }
      />
      <SignerFilters query={query} teams={teams} people={people?.map((p) => ({ id: p.id, name: p.name }))} />
      {data.total === 0 ? (
        <EmptyState
          title={isFiltered ? "No signers match these filters" : isOwner ? "You own no signers" : "No signers yet"}
        >
          {isFiltered
            ? "Clear a filter to see more."
            : isOwner
              ? "When the security team records you as the primary or backup owner of a signer, it appears here."
              : "Register a signer, import a CSV/JSON file, or load the demo dataset from the overview page."}
        </EmptyState>
      ) : (
        <>
          <Table
            caption="Signers"
            columns={[
              { label: "Name", priority: 1 },
              { label: "Kind", priority: 3 },
              { label: "Status", priority: 1 },
              { label: "Primary owner", priority: 2 },
              { label: "Backup owner", priority: 3 },
              { label: "Team", priority: 3 },
              { label: "Findings", priority: 2 },
              { label: "Last used", priority: 1 },
            ]}
          >
            {data.rows.map((s) => (
              <tr key={s.id} className="hover:bg-slate-50">
                <Td>
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/signers/${s.id}`}>
                    {s.name}
                  </Link>
                </Td>
                <Td>
                  {KIND_LABELS[s.kind as SignerKind] ?? s.kind}
                  <div className="text-xs text-slate-500">
                    {s.platform} · {s.certificateCount} cert{s.certificateCount === 1 ? "" : "s"}
                  </div>
                </Td>
                <Td>
                  <StatusBadge status={s.status} />
                </Td>
                <Td>
                  <OwnerCell owner={s.primaryOwner} />
                </Td>
                <Td>
                  {s.backupOwner ? (
                    s.backupOwner.isActive ? (
                      s.backupOwner.name
                    ) : (
                      <span className="text-slate-500">{s.backupOwner.name} (left)</span>
                    )
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
                <Td>{s.team?.name ?? <span className="text-slate-500">—</span>}</Td>
                <Td>
                  {s.worstSeverity ? (
                    <span className="inline-flex items-center gap-1">
                      <SeverityBadge severity={s.worstSeverity} />{" "}
                      <span className="text-xs text-slate-500">{s.openFindings}</span>
                    </span>
                  ) : (
                    <span className="text-slate-500">none</span>
                  )}
                </Td>
                <Td>
                  <DateText date={s.lastUsedAt} now={now} />
                </Td>
              </tr>
            ))}
          </Table>
          <Pagination
            basePath="/signers"
            page={query.page}
            pageSize={data.pageSize}
            total={data.total}
            params={params}
          />
        </>
      )}
    </>
  );
}
