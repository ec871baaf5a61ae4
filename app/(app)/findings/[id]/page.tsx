import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { can } from "@/lib/domain/authz";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { findingDetailQuery } from "@/lib/queries/findings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail } from "@/components/inventory/page-data";
import { FindingDetailView } from "@/components/findings/finding-detail-view";
import { RowActionButton } from "@/components/ui/row-action-button";
import { makeGrantJustInTimeAction } from "../../approvals/actions";

export const metadata = { title: "Finding" };

/** The grants signer.standing-grant-unused names (its evidence), for the one-click conversion. */
function grantIds(evidence: Record<string, unknown>): string[] {
  const ids = evidence.privilegeIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string").slice(0, 5) : [];
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, id, detail } = await loadInventoryDetail("/findings/[id]", params, getFindingDetail);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(findingDetailQuery(id).queryKey, detail);
  return (
    <>
      <Breadcrumb parent={{ href: "/findings", label: "Findings" }}>{detail.ruleId}</Breadcrumb>
      <PageHeader
        title={detail.title}
        description={detail.subjectLabel}
        actions={
          detail.ruleId === "signer.standing-grant-unused" && !detail.resolvedAt && can(user.role, "inventory:write")
            ? grantIds(detail.evidence).map((grantId, i) => (
                <RowActionButton
                  key={grantId}
                  id={grantId}
                  label="Convert to just-in-time"
                  ariaLabel={`Convert to just-in-time: grant ${i + 1}`}
                  action={makeGrantJustInTimeAction}
                />
              ))
            : null
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <FindingDetailView id={id} canTriage={can(user.role, "findings:triage")} />
      </HydrationBoundary>
    </>
  );
}
