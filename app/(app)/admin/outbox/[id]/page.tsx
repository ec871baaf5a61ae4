import Link from "next/link";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getOutboxMessage } from "@/lib/db/outbox/outbox";
import { makeQueryClient } from "@/lib/queries/query-client";
import { outboxMessageQuery } from "@/lib/queries/outbox";
import { PageHeader } from "@/components/ui/card";
import { OutboxMessageView } from "@/components/alerts/outbox-message-view";

export const metadata = { title: "Email preview" };

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("/admin/outbox/[id]");
  const { id } = await params;
  const message = await getOutboxMessage(getDb(), id);
  if (!message) notFound();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(outboxMessageQuery(id).queryKey, message);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/outbox" className="text-indigo-700 hover:underline">
          ← Outbox
        </Link>
      </p>
      <PageHeader title="Email preview" description={message.subject} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OutboxMessageView id={id} />
      </HydrationBoundary>
    </>
  );
}
