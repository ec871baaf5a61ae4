import { listWebhookDeliveryPage } from "@/lib/db/webhooks/deliveries";
import { listWebhookSubscriptions } from "@/lib/db/webhooks/subscriptions";
import { webhookDeliveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { webhookDeliveryListQuery } from "@/lib/queries/webhooks";
import { inventoryListPage } from "@/components/inventory/list-page";
import { Card } from "@/components/ui/card";
import { RowActionButton } from "@/components/ui/row-action-button";
import { WebhookDeliveryList } from "@/components/webhooks/delivery-list";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { createWebhookAction, pingWebhookAction, redeliverWebhookAction, updateWebhookAction } from "./actions";

export const metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

// The subscriptions are settings (each one its edit form), not a list to page through; the deliveries
// are the page's list, on the shared list shell.
export default inventoryListPage({
  title: "Webhooks",
  description:
    "Events, chat messages and the audit stream sent to other systems, signed with each subscription's secret. See docs/webhooks.md for the events, the body and how to verify the signature.",
  schema: webhookDeliveryFiltersSchema,
  list: { query: webhookDeliveryListQuery, load: (db, _user, filters) => listWebhookDeliveryPage(db, filters) },
  page: "/admin/webhooks",
  choices: (db) => listWebhookSubscriptions(db),
  render: (subscriptions) => (
    <div className="space-y-6">
      <Card title="New subscription">
        <WebhookForm action={createWebhookAction} />
      </Card>
      <Card title={`Subscriptions (${subscriptions.length})`}>
        {subscriptions.length === 0 ? <p className="text-sm text-slate-500">No subscriptions yet.</p> : null}
        <div className="space-y-6">
          {subscriptions.map((s) => (
            <section
              key={s.id}
              aria-label={`Subscription ${s.name}`}
              className="space-y-2 border-b border-slate-100 pb-4"
            >
              <div className="flex flex-wrap items-center gap-3">
                <h3 className="font-medium text-slate-900">{s.name}</h3>
                <span className={s.isEnabled ? "text-xs text-emerald-700" : "text-xs text-slate-500"}>
                  {s.isEnabled ? "enabled" : "disabled"}
                </span>
                <RowActionButton
                  id={s.id}
                  label="Send test"
                  ariaLabel={`Send test to ${s.name}`}
                  action={pingWebhookAction}
                />
              </div>
              <details>
                <summary className="cursor-pointer text-sm text-slate-600">Edit or disable</summary>
                <div className="mt-2">
                  <WebhookForm action={updateWebhookAction} existing={s} />
                </div>
              </details>
            </section>
          ))}
        </div>
      </Card>
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="mb-2 text-lg font-semibold text-slate-900">
          Deliveries
        </h2>
        <WebhookDeliveryList redeliver={redeliverWebhookAction} />
      </section>
    </div>
  ),
});
