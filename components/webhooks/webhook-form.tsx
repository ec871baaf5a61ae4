"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
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
  const [state, formAction, isPending] = useActionState(action, {});
  const created = state.data as NewWebhook | undefined;
  const e = state.fieldErrors ?? {};
  const prefix = existing ? `webhook-${existing.id}-` : "webhook-new-";
  const bind = fieldBinder({ name: existing?.name, url: existing?.url, format: existing?.format ?? "generic" }, e, {
    idPrefix: prefix,
  });
  return (
    <div className="space-y-4">
      {created ? (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm"
          data-testid="new-webhook"
        >
          <p className="font-medium text-emerald-900">
            Subscription “{created.name}” created. Copy its signing secret now: it is shown only this once.
          </p>
          <code
            className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
            data-testid="webhook-secret"
          >
            {created.secret}
          </code>
        </div>
      ) : null}
      <form action={formAction} className="grid grid-cols-1 items-start gap-3 md:grid-cols-3" noValidate>
        {existing ? <input type="hidden" name="id" value={existing.id} /> : null}
        <div className="md:col-span-3">
          <FormError message={state.error} />
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
          checkbox={(t) => ({ defaultChecked: existing?.events.includes(t) })}
          error={e.events}
          className="md:col-span-3"
        />
        {existing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isEnabled" defaultChecked={existing.isEnabled} /> Enabled
          </label>
        ) : null}
        <div className="md:col-span-3">
          <Button type="submit" disabled={isPending}>
            {existing ? "Save subscription" : "Create subscription"}
          </Button>
          <FormStatus message={state.message} />
        </div>
      </form>
    </div>
  );
}
