"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { ShownOnce } from "@/components/ui/shown-once";
import { CheckboxGroupField, FormError, FormStatus, SelectField, TextField, fieldBinder } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";
import type { WebhookSubscriptionRow } from "@/lib/db/webhooks/subscriptions";
import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from "@/lib/domain/webhooks/events";

/** What the create action answers: the signing secret, shown this once. */
export type NewWebhook = { secret: string; name: string };

/** The fields of a stored subscription the edit form shows. */
type Existing = Pick<WebhookSubscriptionRow, "id" | "name" | "url" | "events" | "format" | "isEnabled">;

const FORMAT_LABELS: Record<WebhookFormat, string> = {
  generic: "Generic JSON (signed)",
  slack: "Slack incoming webhook",
  teams: "Microsoft Teams workflow webhook",
};

/** Creates a subscription (no `existing`) or edits one, disabling included. */
export function WebhookForm<T extends NewWebhook | undefined>({
  action,
  existing,
}: {
  action: FormAction<T>;
  existing?: Existing;
}) {
  const form = useActionForm(action);
  const created = form.state.data as NewWebhook | undefined;
  const e = form.errors;
  const prefix = existing ? `webhook-${existing.id}-` : "webhook-new-";
  // a refused form shows what was submitted (a box left unticked is absent from it); otherwise what is saved
  const shown = form.state.values
    ? {
        name: form.values.name,
        url: form.values.url,
        format: form.values.format,
        events: form.lists.events ?? [],
        isEnabled: form.values.isEnabled === "on",
      }
    : {
        name: existing?.name,
        url: existing?.url,
        format: existing?.format ?? "generic",
        events: existing?.events ?? [],
        isEnabled: existing?.isEnabled,
      };
  const bind = fieldBinder(shown, e, { idPrefix: prefix });
  return (
    <div className="space-y-4">
      {created ? (
        <ShownOnce value={created.secret} testIds={{ box: "new-webhook", value: "webhook-secret" }}>
          Subscription “{created.name}” created. Copy its signing secret now: it is shown only this once.
        </ShownOnce>
      ) : null}
      <ActionForm
        form={form}
        className="grid grid-cols-1 items-start gap-3 md:grid-cols-3"
        hidden={{ id: existing?.id }}
        hasStatus={false}
      >
        <div className="md:col-span-3">
          <FormError message={form.state.error} />
        </div>
        <TextField label="Name" {...bind("name")} required />
        <TextField
          label="URL"
          {...bind("url")}
          type="url"
          required
          hint="https://…; an internal host must be in SIGNET_WEBHOOK_ALLOW_HOSTS"
        />
        <SelectField
          label="Format"
          {...bind("format")}
          options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
        />
        <CheckboxGroupField
          legend="Events"
          name="events"
          id={`${prefix}events`}
          values={WEBHOOK_EVENT_TYPES}
          meaning={(t) => WEBHOOK_EVENT_LABELS[t]}
          checkbox={(t) => ({ defaultChecked: shown.events.includes(t) })}
          error={e.events}
          className="md:col-span-3"
        />
        {existing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isEnabled" defaultChecked={shown.isEnabled} /> Enabled
          </label>
        ) : null}
        <div className="md:col-span-3">
          <SubmitButton isPending={form.isPending}>
            {existing ? "Save subscription" : "Create subscription"}
          </SubmitButton>
          <FormStatus message={form.state.message} />
        </div>
      </ActionForm>
    </div>
  );
}
