import { listRoute } from "@/lib/api/list-route";
import { listWebhookDeliveryPage } from "@/lib/db/webhooks/deliveries";
import { webhookDeliveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { webhookDeliveryPage } from "@/lib/api/responses/admin";

// The /admin/webhooks page's deliveries, the newest first, optionally of one status, with the number in
// each status. Administrators, signed in (like the subscriptions they belong to).
export const GET = listRoute(
  "Webhook deliveries, the newest first, paged (optionally of one status)",
  { filters: webhookDeliveryFiltersSchema, page: webhookDeliveryPage, permission: "alerts:manage" },
  async ({ db, query }) => listWebhookDeliveryPage(db, query),
);
