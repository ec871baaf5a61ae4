import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { can } from "@/lib/domain/authz";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { findingDetailQuery } from "@/lib/queries/findings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail } from "@/components/inventory/page-data";
import { FindingDetailView } from "@/components/findings/finding-detail-view";

export const metadata = { title: "Finding" };

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, id, detail } = await loadInventoryDetail(params, getFindingDetail);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(findingDetailQuery(id).queryKey, detail);
  return (
    <>
      <Breadcrumb parent={{ href: "/findings", label: "Findings" }}>{detail.ruleId}</Breadcrumb>
      <PageHeader title={detail.title} description={detail.subjectLabel} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <FindingDetailView id={id} canTriage={can(user.role, "findings:triage")} />
      </HydrationBoundary>
    </>
  );
}
