import { route } from "@/lib/api/handler";
import { listWebhookDeliveryPage } from "@/lib/db/webhooks/deliveries";
import { apiListQuery, webhookDeliveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { webhookDeliveryPage } from "@/lib/api/responses/admin";

// The /admin/webhooks page's deliveries, the newest first, optionally of one status, with the number in
// each status. Administrators, signed in (like the subscriptions they belong to).
export const GET = route(
  {
    summary: "Webhook deliveries, the newest first, paged (optionally of one status)",
    responses: { 200: webhookDeliveryPage },
    permission: "alerts:manage",
    query: apiListQuery(webhookDeliveryFiltersSchema),
  },
  async ({ db, query }) => listWebhookDeliveryPage(db, query),
);
