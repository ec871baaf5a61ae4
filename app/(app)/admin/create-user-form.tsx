"use client";

import { createUserAction } from "./actions";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { TextField, SelectField, valueChoices } from "@/components/ui/field";
import { ROLES, ROLE_LABELS } from "@/lib/domain/authz";

export function CreateUserForm() {
  const form = useActionForm(createUserAction);
  const e = form.errors;
  return (
    <ActionForm form={form} className="grid grid-cols-1 gap-4 md:grid-cols-2" statusClassName="md:col-span-2">
      <TextField label="Name" name="name" required error={e.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        error={e.email}
        hint="Owners are matched to people in the inventory by email."
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue="owner"
        error={e.role}
        options={valueChoices(ROLES, (r) => ROLE_LABELS[r])}
      />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={e.password}
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
