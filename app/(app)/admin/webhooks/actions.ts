"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import { defaultInstanceId } from "@/lib/jobs/runner";
import { deliverWebhooks } from "@/lib/services/deliver-webhooks";
import { webhookSubscriptionInput } from "@/lib/domain/webhooks/events";
import {
  createWebhookSubscription,
  redeliverWebhook,
  sendWebhookPing,
  updateWebhookSubscriptionSettings,
} from "@/lib/services/manage-webhooks";

const PATH = "/admin/webhooks";
const readSubscription = (form: FormData) => ({
  name: form.get("name"),
  url: form.get("url"),
  events: form.getAll("events").map(String),
  format: form.get("format") || undefined,
});
const byId = z.object({ id: z.string().min(1) });

/** Creates a subscription; its signing secret is in this one answer only (data), never in a later read. */
export const createWebhookAction = action(
  { name: "createWebhook", permission: "alerts:manage", input: webhookSubscriptionInput, read: readSubscription },
  async ({ db, input, actor, now }) => {
    const { subscription, secret } = await createWebhookSubscription(db, input, { actor, now });
    revalidatePath(PATH);
    return { data: { secret, name: subscription.name } };
  },
);

export const updateWebhookAction = action(
  {
    name: "updateWebhook",
    permission: "alerts:manage",
    input: webhookSubscriptionInput.and(z.object({ id: z.string().min(1), isEnabled: z.boolean() })),
    read: (form) => ({ ...readSubscription(form), id: form.get("id"), isEnabled: form.get("isEnabled") === "on" }),
  },
  async ({ db, input, actor, now }) => {
    const { id, ...settings } = input;
    await updateWebhookSubscriptionSettings(db, id, settings, { actor, now });
    revalidatePath(PATH);
    return { message: "Subscription saved" };
  },
);

export const pingWebhookAction = action(
  { name: "pingWebhook", permission: "alerts:manage", input: byId },
  async ({ db, input, actor, now }) => {
    await sendWebhookPing(db, input.id, { actor, now });
    // a test answers at once: send what is due now (the ping included) instead of waiting for the job
    const sent = await deliverWebhooks(db, { now, instanceId: defaultInstanceId(), batchSize: 20 });
    revalidatePath(PATH);
    return { message: sent.delivered > 0 ? "Test sent" : "Test queued: see its delivery below" };
  },
);

export const redeliverWebhookAction = action(
  { name: "redeliverWebhook", permission: "alerts:manage", input: byId },
  async ({ db, input, actor, now }) => {
    await redeliverWebhook(db, input.id, { actor, now });
    revalidatePath(PATH);
    return { message: "Queued for redelivery" };
  },
);
