"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { fieldBinder, SelectField, TextAreaField, TextField, recordChoices, valueChoices } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

type Action = FormAction;

/** The policy document (overrides of the defaults) as JSON, saved as a new version. */
export function PolicyEditor({ action, document }: { action: Action; document: string }) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} className="space-y-3">
      <TextAreaField
        label="Policy document (JSON: only what differs from the defaults)"
        name="document"
        rows={16}
        defaultValue={form.values.document ?? document}
        error={form.errors.document}
        className="font-mono text-xs"
        spellCheck={false}
      />
      <TextField
        label="What changed and why"
        name="comment"
        defaultValue={form.values.comment}
        hint="Kept with the version and in the audit log"
      />
      <SubmitButton isPending={form.isPending} pendingLabel="Saving…">
        Save as a new version
      </SubmitButton>
    </ActionForm>
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
  const form = useActionForm(action);
  const bind = fieldBinder(form.values, form.errors);
  return (
    <ActionForm
      form={form}
      className="grid grid-cols-1 items-start gap-3 md:grid-cols-4"
      statusClassName="md:col-span-4"
    >
      <SelectField label="Signer" {...bind("signerId")} none="— choose —" options={recordChoices(signers)} />
      <SelectField label="Rule" {...bind("ruleId")} none="— choose —" options={valueChoices(ruleIds)} />
      <TextField label="Ends on" type="date" {...bind("endsAt")} error={form.errors.endsAt ?? form.errors.until} />
      <TextField label="Reason" {...bind("reason")} hint="At least 10 characters" />
      <div className="md:col-span-4">
        <SubmitButton isPending={form.isPending}>Record exception</SubmitButton>
      </div>
    </ActionForm>
  );
}
