"use client";

import { useActionState } from "react";
import { createUserAction } from "./actions";
import { TextField, SelectField, FormStatus, valueChoices } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { ROLES, ROLE_LABELS } from "@/lib/domain/authz";

export function CreateUserForm() {
  const [state, action, isPending] = useActionState(createUserAction, {});
  return (
    <form action={action} className="grid grid-cols-1 gap-4 md:grid-cols-2" noValidate>
      <div className="md:col-span-2">
        <FormStatus error={state.error} message={state.message} />
      </div>
      <TextField label="Name" name="name" required error={state.fieldErrors?.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        error={state.fieldErrors?.email}
        hint="Owners are matched to people in the inventory by email."
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue="owner"
        error={state.fieldErrors?.role}
        options={valueChoices(ROLES, (r) => ROLE_LABELS[r])}
      />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.password}
        hint="At least 12 characters; share it out of band."
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
