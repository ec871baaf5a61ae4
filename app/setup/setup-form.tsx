"use client";

import { useEffect } from "react";
import { setupAction } from "./actions";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { TextField, FormError, fieldBinder } from "@/components/ui/field";

export function SetupForm() {
  const form = useActionForm(setupAction);
  const { state } = form;
  useEffect(() => {
    if (state.data?.isDone) window.location.href = "/sign-in?setup=done";
  }, [state.data?.isDone]);
  // the action never answers the passwords back (action() leaves them out)
  const bind = fieldBinder({ ...form.values }, state.fieldErrors);
  return (
    // a refused form shows the name and email as typed (ActionForm keys the form by the answer)
    <ActionForm form={form} className="mt-6 space-y-4" hasStatus={false}>
      <FormError message={state.error} />
      <TextField label="Your name" {...bind("name")} autoComplete="name" required />
      <TextField label="Email" {...bind("email")} type="email" autoComplete="email" required />
      <TextField
        label="Password"
        {...bind("password")}
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters, hard to guess: a passphrase of unrelated words works."
      />
      <TextField label="Confirm password" {...bind("confirm")} type="password" autoComplete="new-password" required />
      <SubmitButton isPending={form.isPending} pendingLabel="Creating…" className="w-full">
        Create administrator
      </SubmitButton>
    </ActionForm>
  );
}
