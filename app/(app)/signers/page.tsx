import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listSigners } from "@/lib/db/lists";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { Table, Th, Td } from "@/components/ui/table";
import { StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { OwnerCell } from "@/components/inventory/owner-cell";

export const metadata = { title: "Signers" };

export default async function SignersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("inventory:read");
  const page = parsePage((await searchParams).page);
  const data = await listSigners(getDb(), user, { page, pageSize: 50 });
  const now = new Date();
  return (
    <>
      <PageHeader title="Signers" description="The service identities that sign your software: pipelines, build services, release bots and automation accounts." />
      {data.total === 0 ? (
        <EmptyState title={user.role === "owner" ? "You own no signers" : "No signers yet"}>
          {user.role === "owner"
            ? "When the security team records you as the primary or backup owner of a signer, it appears here."
            : "Register signers through the API or CLI, or load the demo dataset from the overview page."}
        </EmptyState>
      ) : (
        <>
          <Table caption="Signers">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Kind</Th>
                <Th>Platform</Th>
                <Th>Status</Th>
                <Th>Primary owner</Th>
                <Th>Team</Th>
                <Th>Certificates</Th>
                <Th>Last used</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.rows.map((s) => (
                <tr key={s.id} className="hover:bg-slate-50">
                  <Td>
                    <Link className="font-medium text-indigo-700 hover:underline" href={`/signers/${s.id}`}>
                      {s.name}
                    </Link>
                  </Td>
                  <Td>{s.kind}</Td>
                  <Td>{s.platform}</Td>
                  <Td><StatusBadge status={s.status} /></Td>
                  <Td><OwnerCell owner={s.primaryOwner} /></Td>
                  <Td>{s.team?.name ?? <span className="text-slate-400">—</span>}</Td>
                  <Td>{s.certificateCount}</Td>
                  <Td><DateText date={s.lastUsedAt} now={now} /></Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination basePath="/signers" page={page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
