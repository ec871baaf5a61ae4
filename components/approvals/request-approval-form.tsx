"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { ActionState, FormAction } from "@/lib/api/action-state";

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
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const environments = [...new Set(grants.map((g) => g.environment).filter((env) => env !== "any"))];
  return (
    <form key={state.nonce} action={formAction} className="max-w-2xl space-y-4" noValidate>
      <FormStatus error={state.error} message={state.message} />
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
      <Button type="submit" disabled={isPending}>
        Request approval
      </Button>
    </form>
  );
}
