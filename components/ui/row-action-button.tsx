"use client";

import type { ComponentProps } from "react";
import { RecordForm, type ActionForm } from "@/components/ui/action-form";
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
  return (
    <RecordForm
      action={action}
      hidden={{ id, ...fields }}
      hasStatus={false}
      validation="browser"
      confirm={confirm}
      submit={{ label, variant: "secondary", "aria-label": ariaLabel }}
    >
      {(form) => <FormError message={form.state.error} />}
    </RecordForm>
  );
}
