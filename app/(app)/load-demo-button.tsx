"use client";

import { useActionState } from "react";
import { loadDemoAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

export function LoadDemoButton() {
  const [state, action, isPending] = useActionState(loadDemoAction, {});
  return (
    <form action={action} className="flex flex-col items-center gap-2">
      <FormError message={state.error} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Loading demo data… (about 20 seconds)" : "Load demo data"}
      </Button>
    </form>
  );
}
