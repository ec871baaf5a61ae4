import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { makeQueryClient } from "@/lib/queries/query-client";
import { alertPolicyQuery } from "@/lib/queries/alert-policy";
import { PageHeader } from "@/components/ui/card";
import { AlertsAdminTabs } from "@/components/alerts/alerts-admin-tabs";
import { AlertPolicyEditor } from "@/components/alerts/alert-policy-editor";

export const metadata = { title: "Alert policy" };

export default async function AlertPolicyPage() {
  await requirePageUser("alerts:manage");
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ ...alertPolicyQuery(), queryFn: () => loadAlertPolicyView(getDb()) });
  return (
    <>
      <PageHeader
        title="Alerts & jobs"
        description="When expiry alerts go out. A signer's own policy replaces the global one as a whole."
      />
      <AlertsAdminTabs current="/admin/alert-policy" />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AlertPolicyEditor />
      </HydrationBoundary>
    </>
  );
}
