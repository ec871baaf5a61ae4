import Link from "next/link";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { findingDetailQuery } from "@/lib/queries/findings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { FindingDetailView } from "@/components/findings/finding-detail-view";

export const metadata = { title: "Finding" };

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("inventory:read");
  const { id } = await params;
  const detail = await getFindingDetail(getDb(), user, id, new Date());
  if (!detail) notFound();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(findingDetailQuery(id).queryKey, detail);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/findings" className="hover:underline">Findings</Link> / {detail.ruleId}
      </nav>
      <PageHeader title={detail.title} description={detail.subjectLabel} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <FindingDetailView id={id} canTriage={can(user.role, "findings:triage")} userLabel={user.email} />
      </HydrationBoundary>
    </>
  );
}
