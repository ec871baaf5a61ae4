"use client";

import { useActionState, useEffect } from "react";
import { setupAction } from "./actions";
import { TextField, FormError, fieldBinder } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export function SetupForm() {
  const [state, action, isPending] = useActionState(setupAction, {});
  useEffect(() => {
    if (state.data?.isDone) window.location.href = "/sign-in?setup=done";
  }, [state.data?.isDone]);
  // the action never answers the passwords back (action() leaves them out)
  const bind = fieldBinder({ ...state.values }, state.fieldErrors);
  return (
    // keyed by the answer, so a refused form shows the name and email as typed (React resets a form after its action)
    <form key={state.nonce} action={action} className="mt-6 space-y-4" noValidate>
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
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
