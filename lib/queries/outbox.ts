import { queryOptions } from "@tanstack/react-query";
import type { getOutboxMessage, listOutboxMessages, OutboxStatus } from "@/lib/db/outbox/outbox";
import { z } from "@/lib/domain/zod";
import { filtersQueryString, pageOnlySchema } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

// the repository's list, repeated here because client code must not import lib/db
export const OUTBOX_STATUS_LIST = ["pending", "sending", "sent", "failed"] as const satisfies readonly OutboxStatus[];

/** The outbox list's filters in the URL: a status, the page (the inventory lists' schema and pager). */
export const outboxFiltersSchema = pageOnlySchema.extend({
  status: z.enum(OUTBOX_STATUS_LIST).optional().catch(undefined),
});
export type OutboxFilters = z.infer<typeof outboxFiltersSchema>;

type OutboxResult = Awaited<ReturnType<typeof listOutboxMessages>>;
type OutboxMessageRow = OutboxResult["messages"][number];
/** A page of the outbox as the list shell takes it: `rows` beside the API's `messages` and status counts. */
export type OutboxPage = OutboxResult & { rows: OutboxMessageRow[]; page: number; pageSize: number };
export type OutboxMessageDetail = NonNullable<Awaited<ReturnType<typeof getOutboxMessage>>>;

export const outboxKeys = resourceKeys<OutboxFilters>("outbox");

/** The repository's answer (or the API's) as the list's page. */
export function outboxPageOf(result: OutboxResult, filters: OutboxFilters): OutboxPage {
  return { ...result, rows: result.messages, page: filters.page, pageSize: filters.pageSize };
}

export const outboxListQuery = (filters: OutboxFilters) =>
  queryOptions({
    queryKey: outboxKeys.list(filters),
    queryFn: async () =>
      outboxPageOf(
        await fetchJson<OutboxResult>(`/api/v1/outbox${filtersQueryString(outboxFiltersSchema, filters)}`),
        filters,
      ),
  });

export const outboxMessageQuery = (id: string) =>
  queryOptions({
    queryKey: outboxKeys.detail(id),
    queryFn: () => fetchJson<OutboxMessageDetail>(`/api/v1/outbox/${encodeURIComponent(id)}`),
  });
