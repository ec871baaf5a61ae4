"use client";

import { createUserAction } from "./actions";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { TextField, SelectField, fieldBinder, valueChoices } from "@/components/ui/field";
import { ROLES, ROLE_LABELS } from "@/lib/domain/authz";

export function CreateUserForm() {
  const form = useActionForm(createUserAction);
  // a refused form keeps what was typed (the password aside: it is never sent back)
  const bind = fieldBinder(form.values, form.errors);
  return (
    <ActionForm form={form} className="grid grid-cols-1 gap-4 md:grid-cols-2" statusClassName="md:col-span-2">
      <TextField label="Name" {...bind("name")} required />
      <TextField
        label="Email"
        {...bind("email")}
        type="email"
        required
        hint="Owners are matched to people in the inventory by email."
      />
      <SelectField
        label="Role"
        {...bind("role")}
        defaultValue={form.values.role ?? "owner"}
        options={valueChoices(ROLES, (r) => ROLE_LABELS[r])}
      />
      <TextField
        label="Initial password"
        {...bind("password")}
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters; share it out of band."
      />
      <div className="md:col-span-2">
        <SubmitButton isPending={form.isPending} pendingLabel="Creating…">
          Create user
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
