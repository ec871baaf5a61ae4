"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** One action on one row of a list (revoke a token, lift an exception); a refusal shows in its row. */
export function RowActionButton({
  id,
  label,
  ariaLabel,
  action,
}: {
  id: string;
  label: string;
  ariaLabel: string;
  action: FormAction;
}) {
  const [state, formAction, isPending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <FormError message={state.error} />
      <Button type="submit" variant="secondary" disabled={isPending} aria-label={ariaLabel}>
        {label}
      </Button>
    </form>
  );
}
