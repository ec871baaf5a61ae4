import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listAuditEvents } from "@/lib/db/audit";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { Table, Th, Td } from "@/components/ui/table";
import { DateText } from "@/components/ui/date-text";
import { Pagination, parsePage } from "@/components/ui/pagination";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePageUser("audit:read");
  const page = parsePage((await searchParams).page);
  const data = await listAuditEvents(getDb(), { page, pageSize: 100 });
  return (
    <>
      <PageHeader title="Audit log" description="Every change, sign-in-related administration and refused request, newest first." />
      {data.total === 0 ? (
        <EmptyState title="No audit events yet" />
      ) : (
        <>
          <Table caption="Audit events">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>What</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.rows.map((e) => (
                <tr key={e.id}>
                  <Td><DateText date={e.at} /></Td>
                  <Td>{e.actorLabel}</Td>
                  <Td><code className="text-xs">{e.action}</code></Td>
                  <Td className="whitespace-normal">{e.summary}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination basePath="/audit" page={page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
