import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { countWebhookDeliveries, listWebhookDeliveries } from "@/lib/db/webhooks/deliveries";
import { listWebhookSubscriptions } from "@/lib/db/webhooks/subscriptions";
import { Card, PageHeader } from "@/components/ui/card";
import { RowActionButton } from "@/components/ui/row-action-button";
import { RowsTable, Td } from "@/components/ui/table";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { createWebhookAction, pingWebhookAction, redeliverWebhookAction, updateWebhookAction } from "./actions";

export const metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

const STATUS_CLASS: Record<string, string> = {
  delivered: "text-emerald-700",
  failed: "text-red-700",
  pending: "text-amber-700",
  sending: "text-slate-700",
};

export default async function WebhooksPage() {
  await requirePageUser("alerts:manage");
  const db = getDb();
  const [subscriptions, deliveries, counts] = await Promise.all([
    listWebhookSubscriptions(db),
    listWebhookDeliveries(db, { limit: 50 }),
    countWebhookDeliveries(db),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Events, chat messages and the audit stream sent to other systems, signed with each subscription's secret. See docs/webhooks.md for the events, the body and how to verify the signature."
      />
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
      <Card
        title={`Recent deliveries (pending ${counts.pending}, sending ${counts.sending}, delivered ${counts.delivered}, failed ${counts.failed})`}
      >
        <RowsTable
          caption="The 50 newest webhook deliveries"
          headings={["Subscription", "Event", "Status", "Attempts", "Last answer", "Queued", ""]}
          rows={deliveries}
          empty="Nothing sent yet."
          row={(d) => (
            <>
              <Td>{d.subscriptionName}</Td>
              <Td>
                <code className="text-xs">{d.eventType}</code>
                <div className="font-mono text-xs text-slate-500">{d.eventId}</div>
              </Td>
              <Td className={STATUS_CLASS[d.status]} data-testid="delivery-status">
                {d.status}
              </Td>
              <Td>{d.attempts}</Td>
              <Td className="max-w-xs break-words text-xs">
                {d.responseStatus ? `HTTP ${d.responseStatus}` : ""} {d.lastError ?? ""}
              </Td>
              <Td className="text-xs">{d.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Td>
              <Td>
                {d.status === "delivered" || d.status === "failed" ? (
                  <RowActionButton
                    id={d.id}
                    label="Redeliver"
                    ariaLabel={`Redeliver ${d.eventType} ${d.eventId}`}
                    action={redeliverWebhookAction}
                  />
                ) : null}
              </Td>
            </>
          )}
        />
      </Card>
    </div>
  );
}
