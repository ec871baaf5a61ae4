"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus, SelectField, TextAreaField, TextField, recordChoices, valueChoices } from "@/components/ui/field";
import type { ActionState, FormAction } from "@/lib/api/action-state";

type Action = FormAction;

/** The policy document (overrides of the defaults) as JSON, saved as a new version. */
export function PolicyEditor({ action, document }: { action: Action; document: string }) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, {});
  return (
    // keyed by the answer, so a refused save shows the document as typed (React resets a form after its action)
    <form key={state.nonce} action={formAction} className="space-y-3" noValidate>
      <FormStatus error={state.error} message={state.message} />
      <TextAreaField
        label="Policy document (JSON: only what differs from the defaults)"
        name="document"
        rows={16}
        defaultValue={state.values?.document ?? document}
        error={state.fieldErrors?.document}
        className="font-mono text-xs"
        spellCheck={false}
      />
      <TextField
        label="What changed and why"
        name="comment"
        defaultValue={state.values?.comment}
        hint="Kept with the version and in the audit log"
      />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save as a new version"}
      </Button>
    </form>
  );
}

/** A per-signer exception to one gate rule: a reason and an end date, like accepting a finding's risk. */
export function GateExceptionForm({
  action,
  signers,
  ruleIds,
}: {
  action: Action;
  signers: { id: string; name: string }[];
  ruleIds: readonly string[];
}) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form
      key={state.nonce}
      action={formAction}
      className="grid grid-cols-1 items-start gap-3 md:grid-cols-4"
      noValidate
    >
      <div className="md:col-span-4">
        <FormStatus error={state.error} message={state.message} />
      </div>
      <SelectField
        label="Signer"
        name="signerId"
        defaultValue={v.signerId ?? ""}
        none="— choose —"
        options={recordChoices(signers)}
        error={e.signerId}
      />
      <SelectField
        label="Rule"
        name="ruleId"
        defaultValue={v.ruleId ?? ""}
        none="— choose —"
        options={valueChoices(ruleIds)}
        error={e.ruleId}
      />
      <TextField label="Ends on" name="endsAt" type="date" defaultValue={v.endsAt} error={e.endsAt ?? e.until} />
      <TextField label="Reason" name="reason" defaultValue={v.reason} error={e.reason} hint="At least 10 characters" />
      <div className="md:col-span-4">
        <Button type="submit" disabled={isPending}>
          Record exception
        </Button>
      </div>
    </form>
  );
}
