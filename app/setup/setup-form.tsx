"use client";

import { useActionState, useEffect } from "react";
import { setupAction } from "./actions";
import { TextField, FormError } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export function SetupForm() {
  const [state, action, isPending] = useActionState(setupAction, {});
  useEffect(() => {
    if (state.data?.isDone) window.location.href = "/sign-in?setup=done";
  }, [state.data?.isDone]);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <FormError message={state.error} />
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        key={`name-${state.values?.name}`}
        error={state.fieldErrors?.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        key={`email-${state.values?.email}`}
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.password}
        hint="At least 12 characters, hard to guess: a passphrase of unrelated words works."
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.confirm}
      />
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
