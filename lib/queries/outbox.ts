import { queryOptions } from "@tanstack/react-query";
import type { getOutboxMessage, listOutboxMessages, OutboxStatus } from "@/lib/db/outbox/outbox";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

// the repository's list, repeated here because client code must not import lib/db
export const OUTBOX_STATUS_LIST = ["pending", "sending", "sent", "failed"] as const satisfies readonly OutboxStatus[];

export type OutboxFilters = { status: OutboxStatus | null; page: number };
export const OUTBOX_PAGE_SIZE = 25;

export type OutboxPage = Awaited<ReturnType<typeof listOutboxMessages>> & { page: number; pageSize: number };
export type OutboxMessageDetail = NonNullable<Awaited<ReturnType<typeof getOutboxMessage>>>;

export const outboxKeys = resourceKeys<OutboxFilters>("outbox");

export function outboxQueryString(filters: OutboxFilters): string {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(OUTBOX_PAGE_SIZE) });
  if (filters.status) params.set("status", filters.status);
  return params.toString();
}

export const outboxListQuery = (filters: OutboxFilters) =>
  queryOptions({ queryKey: outboxKeys.list(filters), queryFn: () => fetchJson<OutboxPage>(`/api/v1/outbox?${outboxQueryString(filters)}`) });

export const outboxMessageQuery = (id: string) =>
  queryOptions({ queryKey: outboxKeys.detail(id), queryFn: () => fetchJson<OutboxMessageDetail>(`/api/v1/outbox/${encodeURIComponent(id)}`) });
