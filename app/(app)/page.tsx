import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { getOverview } from "@/lib/db/inventory/overview";
import { overviewQuery } from "@/lib/queries/overview";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { LoadDemoButton } from "./load-demo-button";
import { OverviewClient } from "./overview-client";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageUser("/");
  const overview = await getOverview(getDb(), user, new Date());
  const isEmpty = overview.signers.total.count === 0 && overview.certificates.total.count === 0;
  const queryClient = makeQueryClient();
  queryClient.setQueryData(overviewQuery().queryKey, overview);
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          user.role === "owner"
            ? "The signers you own and their certificates."
            : "Every signing identity, its certificates and what needs attention."
        }
      />
      {isEmpty ? (
        <EmptyState title="The inventory is empty" action={can(user.role, "demo:load") ? <LoadDemoButton /> : null}>
          {can(user.role, "demo:load")
            ? "Register signers and import certificates through the API or the CLI (signet import), or load a realistic demo dataset to explore Signet."
            : user.role === "owner"
              ? "You own no signers yet. When the security team records you as the primary or backup owner of a signer, it appears here."
              : "Nothing to show yet. An administrator registers signers and imports certificates."}
        </EmptyState>
      ) : (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <OverviewClient
            isOwner={user.role === "owner"}
            canSeeCampaigns={can(user.role, "campaigns:read")}
            canWrite={can(user.role, "inventory:write")}
          />
        </HydrationBoundary>
      )}
    </>
  );
}
