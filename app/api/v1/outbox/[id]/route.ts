import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { getOutboxMessage } from "@/lib/db/outbox/outbox";
import { outboxMessage } from "@/lib/api/responses/admin";

// One email as it is (or will be) sent: subject, text and HTML, status, and the alerts it carries.
// Lets an admin preview mail before SMTP is configured.
export const GET = route(
  { summary: "One email as it is (or will be) sent", responses: { 200: outboxMessage }, permission: "alerts:manage" },
  async ({ db, params }) => {
    const message = await getOutboxMessage(db, params.id ?? "");
    if (!message) throw notFound("Email");
    return message;
  },
);
