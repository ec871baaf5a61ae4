import { requirePageUser } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listOutboxMessages } from "@/lib/db/outbox/outbox";
import { outboxFiltersSchema, outboxListQuery, outboxPageOf } from "@/lib/queries/outbox";
import { parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { AlertsAdminPage } from "@/components/alerts/alerts-admin-tabs";
import { prefetched } from "@/components/inventory/page-data";
import { OutboxList } from "@/components/alerts/outbox-list";

export const metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePageUser("/admin/outbox");
  const filters = parseFilters(outboxFiltersSchema, await searchParams);
  const state = await prefetched({
    ...outboxListQuery(filters),
    queryFn: async () =>
      outboxPageOf(
        await listOutboxMessages(getDb(), {
          status: filters.status,
          limit: filters.pageSize,
          offset: (filters.page - 1) * filters.pageSize,
        }),
        filters,
      ),
  });
  return (
    <AlertsAdminPage
      current="/admin/outbox"
      description="Emails queued by the alert sweep and attestation jobs: what went out, what is waiting and why."
      state={state}
    >
      <OutboxList isSmtpConfigured={getConfig().smtpUrl !== null} />
    </AlertsAdminPage>
  );
}
