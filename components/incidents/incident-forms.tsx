"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { fieldBinder, SelectField, TextAreaField, TextField, recordChoices } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** "Declare compromised" on a key or a signer, or a drill of it. */
export function DeclareIncidentForm({
  action,
  subjects,
  defaults,
}: {
  action: FormAction;
  subjects: { keys: { id: string; name: string }[]; signers: { id: string; name: string }[] };
  defaults: { mode: string; subjectType: string; subjectId: string };
}) {
  const form = useActionForm(action);
  const v: Record<string, string | undefined> = { ...defaults, ...form.values };
  const bind = fieldBinder(v, form.errors);
  const options = v.subjectType === "key" ? subjects.keys : subjects.signers;
  return (
    <ActionForm form={form} className="max-w-2xl space-y-4">
      <SelectField
        label="Mode"
        {...bind("mode")}
        options={[
          { value: "compromise", label: "Real compromise: suspend signers and request revocation" },
          { value: "drill", label: "DRILL: rehearse it, nothing is suspended or revoked" },
        ]}
      />
      <input type="hidden" name="subjectType" value={v.subjectType} />
      <SelectField
        label={v.subjectType === "key" ? "Key" : "Signer"}
        {...bind("subjectId")}
        none="— choose —"
        options={recordChoices(options)}
      />
      <TextField
        label="Suspected compromise time"
        {...bind("suspectedAt")}
        hint="YYYY-MM-DD (UTC) or an ISO 8601 instant; proposed as the revocation date"
      />
      <TextAreaField label="What happened" {...bind("reason")} rows={3} />
      <SubmitButton isPending={form.isPending}>
        {v.mode === "drill" ? "Start the drill" : "Declare compromised"}
      </SubmitButton>
    </ActionForm>
  );
}

/** Waives one recovery task with a reason. */
export function WaiveTaskForm({ action, taskId, channel }: { action: FormAction; taskId: string; channel: string }) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} className="flex items-start gap-2" hasStatus={false}>
      <input type="hidden" name="taskId" value={taskId} />
      <TextField
        label={`Reason to waive ${channel}`}
        name="reason"
        defaultValue={form.values.reason}
        error={form.errors.reason ?? form.state.error}
      />
      <SubmitButton isPending={form.isPending} variant="secondary">
        Waive
      </SubmitButton>
    </ActionForm>
  );
}
