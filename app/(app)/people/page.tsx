import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listPeopleWithCounts, listTeamsWithCounts } from "@/lib/db/people/people-admin";
import { can, isOwnerScoped } from "@/lib/domain/authz";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/button";
import { CreatePersonForm, CreateTeamForm } from "@/components/people/people-forms";
import { createPersonAction, createTeamAction } from "./actions";

export const metadata = { title: "People and teams" };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; q?: string; status?: string }>;
}) {
  const user = await requirePageUser("inventory:read");
  if (isOwnerScoped(user.role)) forbidden();
  const sp = await searchParams;
  const page = parsePage(sp.page);
  const status = sp.status === "active" || sp.status === "left" ? sp.status : "all";
  const db = getDb();
  const [people, teams] = await Promise.all([
    listPeopleWithCounts(db, { q: sp.q, status, page, pageSize: 50 }),
    listTeamsWithCounts(db),
  ]);
  const mayWrite = can(user.role, "inventory:write");
  return (
    <>
      <PageHeader
        title="People and teams"
        description="The owners of signers. Someone who leaves stays listed as “left”, so the signers they owned show as orphaned until they are handed over."
      />
      <div className="space-y-6">
        <form method="get" role="search" aria-label="Filter people" className="flex flex-wrap items-end gap-3">
          <label className="text-xs font-medium text-slate-600">
            Search
            <input
              name="q"
              defaultValue={sp.q ?? ""}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
          </label>
          <label className="text-xs font-medium text-slate-600">
            Status
            <select
              name="status"
              defaultValue={status}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            >
              <option value="all">Everyone</option>
              <option value="active">Active</option>
              <option value="left">Left</option>
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Filter
          </button>
        </form>
        <Table caption="People" columns={["Name", "Email", "Team", "Status", "Primary of", "Backup of", "Signet user"]}>
          {people.rows.map((p) => (
            <tr key={p.id}>
              <Td>
                <Link className="font-medium text-indigo-700 hover:underline" href={`/people/${p.id}`}>
                  {p.name}
                </Link>
              </Td>
              <Td>{p.email}</Td>
              <Td>{p.team?.name ?? <span className="text-slate-400">—</span>}</Td>
              <Td>{p.isActive ? <Badge tone="green">active</Badge> : <Badge tone="red">left</Badge>}</Td>
              <Td>
                {p.primaryCount ? (
                  p.isActive ? (
                    p.primaryCount
                  ) : (
                    <span className="font-semibold text-red-700">{p.primaryCount} orphaned</span>
                  )
                ) : (
                  <span className="text-slate-400">0</span>
                )}
              </Td>
              <Td>{p.backupCount || <span className="text-slate-400">0</span>}</Td>
              <Td>{p.hasUser ? "yes" : <span className="text-slate-400">no</span>}</Td>
            </tr>
          ))}
        </Table>
        <Pagination
          basePath="/people"
          page={page}
          pageSize={people.pageSize}
          total={people.total}
          params={{ ...(sp.q ? { q: sp.q } : {}), status }}
        />
        {mayWrite ? (
          <Card title="Add a person">
            <CreatePersonForm action={createPersonAction} teams={teams} />
          </Card>
        ) : null}
        <Table caption="Teams" columns={["Team", "Email", "People", "Signers"]}>
          {teams.map((t) => (
            <tr key={t.id}>
              <Td>
                <Link className="text-indigo-700 hover:underline" href={`/signers?team=${t.id}`}>
                  {t.name}
                </Link>
              </Td>
              <Td>{t.email ?? <span className="text-slate-400">—</span>}</Td>
              <Td>{t.peopleCount}</Td>
              <Td>{t.signerCount}</Td>
            </tr>
          ))}
        </Table>
        {mayWrite ? (
          <Card title="Add a team">
            <CreateTeamForm action={createTeamAction} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
