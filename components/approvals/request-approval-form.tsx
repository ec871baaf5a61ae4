"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** Ask for a window on one of the signer's just-in-time grants (the signer page). */
export function RequestApprovalForm({
  action,
  signer,
  grants,
  maxHours,
}: {
  action: FormAction;
  signer: string;
  grants: { scope: string; environment: string }[];
  maxHours: number;
}) {
  const form = useActionForm(action);
  const { errors: e, values: v } = form;
  const environments = [...new Set(grants.map((g) => g.environment).filter((env) => env !== "any"))];
  return (
    <ActionForm form={form} className="max-w-2xl space-y-4">
      <input type="hidden" name="signer" value={signer} />
      {environments.length > 0 ? (
        <SelectField
          label="Environment"
          name="environment"
          defaultValue={v.environment ?? environments[0]}
          options={environments.map((env) => ({ value: env, label: env }))}
          error={e.environment}
        />
      ) : (
        <TextField label="Environment" name="environment" defaultValue={v.environment} error={e.environment} />
      )}
      <TextField
        label="Hours"
        name="hours"
        defaultValue={v.hours ?? String(Math.min(2, maxHours))}
        error={e.hours}
        hint={`At most ${maxHours} hours (policy); the window opens now`}
      />
      <TextField
        label="Pipeline triggered by (optional)"
        name="triggeredBy"
        defaultValue={v.triggeredBy}
        error={e.triggeredBy}
      />
      <TextAreaField label="Release" name="reason" rows={2} defaultValue={v.reason} error={e.reason} />
      <SubmitButton isPending={form.isPending}>Request approval</SubmitButton>
    </ActionForm>
  );
}
