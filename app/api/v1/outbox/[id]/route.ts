import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { getOutboxMessage } from "@/lib/db/outbox/outbox";

// One email as it is (or will be) sent: subject, text and HTML, status, and the alerts it carries.
// Lets an admin preview mail before SMTP is configured.
export const GET = route({ permission: "alerts:manage" }, async ({ db, params }) => {
  const message = await getOutboxMessage(db, params.id ?? "");
  if (!message) throw notFound("Email");
  return message;
});
