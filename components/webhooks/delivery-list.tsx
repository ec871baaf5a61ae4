"use client";

import type { Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { valueChoices } from "@/components/ui/field";
import { RowActionButton } from "@/components/ui/row-action-button";
import type { FormAction } from "@/lib/api/action-state";
import type { WebhookDeliveryRow } from "@/lib/db/webhooks/deliveries";
import { webhookDeliveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { WEBHOOK_DELIVERY_STATUSES } from "@/lib/domain/webhooks/events";
import { webhookDeliveryListQuery } from "@/lib/queries/webhooks";

const TONE = { delivered: "green", failed: "red", pending: "amber", sending: "slate" } as const;

/**
 * The webhook deliveries, the newest first, filtered by status in the URL; a delivered or failed one
 * can be sent again.
 */
export function WebhookDeliveryList({ redeliver }: { redeliver: FormAction }) {
  const list = useInventoryList(webhookDeliveryFiltersSchema, webhookDeliveryListQuery);
  const columns: Column<WebhookDeliveryRow>[] = [
    {
      id: "event",
      label: "Event",
      priority: 1,
      render: (d) => (
        <>
          <code className="text-xs">{d.eventType}</code>
          <div className="font-mono text-xs text-slate-500 break-all">{d.eventId}</div>
        </>
      ),
    },
    { id: "subscription", label: "Subscription", priority: 2, render: (d) => d.subscriptionName },
    {
      id: "status",
      label: "Status",
      priority: 1,
      render: (d) => (
        <span data-testid="delivery-status">
          <Badge tone={TONE[d.status as keyof typeof TONE] ?? "slate"}>{d.status}</Badge>
        </span>
      ),
    },
    { id: "attempts", label: "Attempts", priority: 3, render: (d) => d.attempts },
    {
      id: "answer",
      label: "Last answer",
      priority: 2,
      className: "max-w-xs whitespace-normal break-words text-xs",
      render: (d) => `${d.responseStatus ? `HTTP ${d.responseStatus}` : ""} ${d.lastError ?? ""}`.trim(),
    },
    { id: "queued", label: "Queued", priority: 3, render: (d) => <DateText date={d.createdAt} /> },
    {
      id: "actions",
      label: "Actions",
      isLabelHidden: true,
      priority: 2,
      render: (d) =>
        d.status === "delivered" || d.status === "failed" ? (
          <RowActionButton
            id={d.id}
            label="Redeliver"
            ariaLabel={`Redeliver ${d.eventType} ${d.eventId}`}
            action={redeliver}
          />
        ) : null,
    },
  ];
  return (
    <InventoryList
      list={list}
      fields={[{ type: "select", name: "status", label: "Status", options: valueChoices(WEBHOOK_DELIVERY_STATUSES) }]}
      count={(page) => {
        const counts = list.query.data?.counts;
        const all = counts
          ? ` (of all: ${WEBHOOK_DELIVERY_STATUSES.map((s) => `${s} ${counts[s].toLocaleString("en")}`).join(", ")})`
          : "";
        return `${countLabel(page, "delivery", "deliveries")}${all}`;
      }}
      what="the webhook deliveries"
      empty={{
        filtered: {
          title: "No deliveries with this status",
          text: "Clear the filter to see every delivery.",
          canClear: true,
        },
        none: {
          title: "Nothing sent yet",
          text: "Deliveries appear here once a subscribed event happens or a test is sent.",
        },
      }}
      table={{ caption: "Webhook deliveries, the newest first", columns }}
    />
  );
}
