"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

/** Revokes one token of the list; a refusal shows in its row. */
export function RevokeTokenButton({ id, name, action }: { id: string; name: string; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <FormError message={state.error} />
      <Button type="submit" variant="secondary" disabled={isPending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    </form>
  );
}
