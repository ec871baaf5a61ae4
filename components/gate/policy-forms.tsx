"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { SelectField, TextAreaField, TextField, recordChoices, valueChoices } from "@/components/ui/field";
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
  const { errors: e, values: v } = form;
  return (
    <ActionForm
      form={form}
      className="grid grid-cols-1 items-start gap-3 md:grid-cols-4"
      statusClassName="md:col-span-4"
    >
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
        <SubmitButton isPending={form.isPending}>Record exception</SubmitButton>
      </div>
    </ActionForm>
  );
}
