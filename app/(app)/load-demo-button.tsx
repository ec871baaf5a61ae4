"use client";

import { loadDemoAction } from "./actions";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { FormError } from "@/components/ui/field";

export function LoadDemoButton() {
  const form = useActionForm(loadDemoAction);
  return (
    <ActionForm form={form} className="flex flex-col items-center gap-2" hasStatus={false} validation="browser">
      <FormError message={form.state.error} />
      <SubmitButton isPending={form.isPending} pendingLabel="Loading demo data… (about 20 seconds)">
        Load demo data
      </SubmitButton>
    </ActionForm>
  );
}
