"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus, TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** Suspend / resume / decommission, each with a reason; decommissioning asks for confirmation. */
export function StatusForm({ id, status, action }: { id: string; status: string; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, {});
  if (status === "decommissioned")
    return <p className="text-sm text-slate-600">This signer is decommissioned; that is final.</p>;
  return (
    <form
      action={formAction}
      className="space-y-3"
      onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (
          submitter?.value === "decommissioned" &&
          !window.confirm("Decommission this signer? This is final and revokes its API tokens.")
        )
          event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <FormStatus error={state.error} message={state.message} />
      <TextField label="Reason" name="reason" hint="Required to suspend or decommission; kept in the audit trail" />
      <div className="flex flex-wrap gap-2">
        {status === "active" ? (
          <Button type="submit" name="status" value="suspended" variant="secondary" disabled={isPending}>
            Suspend
          </Button>
        ) : null}
        {status === "suspended" ? (
          <Button type="submit" name="status" value="active" variant="secondary" disabled={isPending}>
            Resume
          </Button>
        ) : null}
        <Button type="submit" name="status" value="decommissioned" variant="danger" disabled={isPending}>
          Decommission
        </Button>
      </div>
    </form>
  );
}
