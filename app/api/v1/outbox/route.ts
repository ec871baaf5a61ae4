import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { listOutboxMessages, OUTBOX_STATUSES } from "@/lib/db/outbox/outbox";
import { outboxPage } from "@/lib/api/responses/admin";

const listQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// Queued, sent and failed emails with their attempts and last SMTP error; counts per status.
export const GET = route(
  {
    summary: "Queued, sent and failed emails",
    responses: { 200: outboxPage },
    permission: "alerts:manage",
    query: listQuery,
  },
  async ({ db, query }) => {
    const result = await listOutboxMessages(db, {
      status: query.status,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { ...result, page: query.page, pageSize: query.pageSize };
  },
);
