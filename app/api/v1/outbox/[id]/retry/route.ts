import { route } from "@/lib/api/handler";
import { retryOutboxMessage } from "@/lib/services/retry-outbox-message";
import { outboxRetried } from "@/lib/api/responses/admin";

// "Retry now": a failed or waiting email becomes due at once with a fresh set of attempts.
export const POST = route(
  { summary: "Make a failed or waiting email due now", responses: { 200: outboxRetried }, permission: "alerts:manage" },
  async ({ db, params, actor }) => ({
    message: await retryOutboxMessage(db, { messageId: params.id ?? "" }, actor),
  }),
);
