import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { alertPolicyQuery } from "@/lib/queries/alert-policy";
import { AlertsAdminPage } from "@/components/alerts/alerts-admin-tabs";
import { prefetched } from "@/components/inventory/page-data";
import { AlertPolicyEditor } from "@/components/alerts/alert-policy-editor";

export const metadata = { title: "Alert policy" };

export default async function AlertPolicyPage() {
  await requirePageUser("/admin/alert-policy");
  const state = await prefetched({ ...alertPolicyQuery(), queryFn: () => loadAlertPolicyView(getDb()) });
  return (
    <AlertsAdminPage
      current="/admin/alert-policy"
      description="When expiry alerts go out. A signer's own policy replaces the global one as a whole."
      state={state}
    >
      <AlertPolicyEditor />
    </AlertsAdminPage>
  );
}
