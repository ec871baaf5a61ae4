"use client";

import type { ComponentProps } from "react";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { FormError } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/**
 * One action on one row of a list (revoke a token, lift an exception); a refusal shows in its row.
 * `ariaLabel` names the row for screen readers where the label alone does not; `fields` are more
 * hidden inputs the action reads beside the row's `id`; `confirm` as ActionForm's.
 */
export function RowActionButton({
  id,
  label,
  ariaLabel,
  action,
  fields,
  confirm,
}: {
  id: string;
  label: string;
  ariaLabel?: string;
  action: FormAction;
  fields?: Record<string, string>;
  confirm?: ComponentProps<typeof ActionForm>["confirm"];
}) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} hidden={{ id, ...fields }} hasStatus={false} validation="browser" confirm={confirm}>
      <FormError message={form.state.error} />
      <SubmitButton isPending={form.isPending} variant="secondary" aria-label={ariaLabel}>
        {label}
      </SubmitButton>
    </ActionForm>
  );
}
