import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listAuditPage } from "@/lib/db/audit/list";
import { auditFiltersSchema, parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { auditListQuery } from "@/lib/queries/audit";
import { PageHeader } from "@/components/ui/card";
import { AuditList } from "@/components/inventory/audit-list";
import { prefetched } from "@/components/inventory/page-data";
import { ChainPanel } from "@/components/audit/chain-panel";
import { auditChainStatus } from "@/lib/services/audit-chain-status";
import { verifyAuditChainAction } from "./actions";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePageUser("/audit");
  const filters = parseFilters(auditFiltersSchema, await searchParams);
  const [status, state] = await Promise.all([
    auditChainStatus(getDb()),
    prefetched({ ...auditListQuery(filters), queryFn: () => listAuditPage(getDb(), filters) }),
  ]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, triage decision, export and refused request, newest first."
      />
      <ChainPanel status={status} action={verifyAuditChainAction} />
      <HydrationBoundary state={state}>
        <AuditList />
      </HydrationBoundary>
    </>
  );
}
