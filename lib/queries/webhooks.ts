import type { WebhookDeliveryPage, WebhookDeliveryRow } from "@/lib/db/webhooks/deliveries";
import { webhookDeliveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The /admin/webhooks deliveries, with the number in each status (GET /api/v1/webhooks/deliveries). */
export const { keys: webhookDeliveryKeys, query: webhookDeliveryListQuery } = apiList<
  WebhookDeliveryRow,
  typeof webhookDeliveryFiltersSchema,
  WebhookDeliveryPage
>("webhook-deliveries", webhookDeliveryFiltersSchema, "/api/v1/webhooks/deliveries");
