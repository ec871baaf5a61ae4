import { dehydrate } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listOutboxMessages, OUTBOX_STATUSES, type OutboxStatus } from "@/lib/db/outbox/outbox";
import { makeQueryClient } from "@/lib/queries/query-client";
import { OUTBOX_PAGE_SIZE, outboxListQuery, type OutboxFilters } from "@/lib/queries/outbox";
import { parsePage } from "@/lib/domain/inventory-filters";
import { AlertsAdminPage } from "@/components/alerts/alerts-admin-tabs";
import { OutboxList } from "@/components/alerts/outbox-list";

export const metadata = { title: "Outbox" };

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("alerts:manage");
  const sp = await searchParams;
  const status =
    typeof sp.status === "string" && (OUTBOX_STATUSES as readonly string[]).includes(sp.status)
      ? (sp.status as OutboxStatus)
      : null;
  const filters: OutboxFilters = { status, page: parsePage(typeof sp.page === "string" ? sp.page : undefined) };
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...outboxListQuery(filters),
    queryFn: async () => ({
      ...(await listOutboxMessages(getDb(), {
        status: status ?? undefined,
        limit: OUTBOX_PAGE_SIZE,
        offset: (filters.page - 1) * OUTBOX_PAGE_SIZE,
      })),
      page: filters.page,
      pageSize: OUTBOX_PAGE_SIZE,
    }),
  });
  return (
    <AlertsAdminPage
      current="/admin/outbox"
      description="Emails queued by the alert sweep and attestation jobs: what went out, what is waiting and why."
      state={dehydrate(queryClient)}
    >
      <OutboxList filters={filters} isSmtpConfigured={getConfig().smtpUrl !== null} />
    </AlertsAdminPage>
  );
}
