"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** Suspend / resume / decommission, each with a reason; decommissioning asks for confirmation. */
export function StatusForm({ id, status, action }: { id: string; status: string; action: FormAction }) {
  const form = useActionForm(action);
  if (status === "decommissioned")
    return <p className="text-sm text-slate-600">This signer is decommissioned; that is final.</p>;
  return (
    <ActionForm
      form={form}
      className="space-y-3"
      hidden={{ id }}
      validation="browser"
      confirm={(submitter) =>
        submitter?.value === "decommissioned"
          ? "Decommission this signer? This is final and revokes its API tokens."
          : null
      }
    >
      <TextField
        label="Reason"
        name="reason"
        defaultValue={form.values.reason}
        hint="Required to suspend or decommission; kept in the audit trail"
      />
      <div className="flex flex-wrap gap-2">
        {status === "active" ? (
          <SubmitButton isPending={form.isPending} name="status" value="suspended" variant="secondary">
            Suspend
          </SubmitButton>
        ) : null}
        {status === "suspended" ? (
          <SubmitButton isPending={form.isPending} name="status" value="active" variant="secondary">
            Resume
          </SubmitButton>
        ) : null}
        <SubmitButton isPending={form.isPending} name="status" value="decommissioned" variant="danger">
          Decommission
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
