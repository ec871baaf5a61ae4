"use client";

import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { FormError } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/**
 * One action on one row of a list (revoke a token, lift an exception); a refusal shows in its row.
 * `ariaLabel` names the row for screen readers where the label alone does not.
 */
export function RowActionButton({
  id,
  label,
  ariaLabel,
  action,
}: {
  id: string;
  label: string;
  ariaLabel?: string;
  action: FormAction;
}) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} hidden={{ id }} hasStatus={false} validation="browser">
      <FormError message={form.state.error} />
      <SubmitButton isPending={form.isPending} variant="secondary" aria-label={ariaLabel}>
        {label}
      </SubmitButton>
    </ActionForm>
  );
}
