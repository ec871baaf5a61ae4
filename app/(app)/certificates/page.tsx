import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listCertificates } from "@/lib/db/lists";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { Table, Th, Td } from "@/components/ui/table";
import { StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { certificateState } from "@/lib/domain/certificate-state";

export const metadata = { title: "Certificates" };

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("inventory:read");
  const page = parsePage((await searchParams).page);
  const data = await listCertificates(getDb(), user, { page, pageSize: 50 });
  const now = new Date();
  return (
    <>
      <PageHeader title="Certificates" description="Signing certificates and the CAs that issued them, soonest expiry first." />
      {data.total === 0 ? (
        <EmptyState title="No certificates yet">Import certificates with <code>signet import</code>, the API, or load the demo dataset from the overview page.</EmptyState>
      ) : (
        <>
          <Table caption="Certificates">
            <thead>
              <tr>
                <Th>Subject</Th>
                <Th>Issuer</Th>
                <Th>Status</Th>
                <Th>Expires</Th>
                <Th>Key</Th>
                <Th>Signers</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.rows.map((c) => {
                const state = certificateState(c, now);
                return (
                  <tr key={c.id} className="hover:bg-slate-50">
                    <Td className="max-w-xs truncate font-medium" title={c.subject}>
                      {c.subjectCn ?? c.subject}
                      {c.isCA ? <span className="ml-2 text-xs text-slate-500">(CA)</span> : null}
                    </Td>
                    <Td className="max-w-xs truncate">{c.issuerCn ?? "—"}</Td>
                    <Td><StatusBadge status={state} /></Td>
                    <Td><DateText date={c.notAfter} now={now} /></Td>
                    <Td>{c.keyAlgorithm} {c.keyBits ?? ""}{c.curve ? ` ${c.curve}` : ""}</Td>
                    <Td className="max-w-xs truncate">{c.signerNames.join(", ") || <span className="text-slate-400">none</span>}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <Pagination basePath="/certificates" page={page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
