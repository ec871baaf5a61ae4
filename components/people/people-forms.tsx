"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import type { PeopleFormState } from "@/lib/api/action-state";

type Action = (prev: PeopleFormState, form: FormData) => Promise<PeopleFormState>;

function Status({ state }: { state: PeopleFormState }) {
  return (
    <>
      <FormError message={state.error} />
      {state.message ? <p role="status" className="text-sm text-emerald-700">{state.message}</p> : null}
    </>
  );
}

export function CreatePersonForm({ action, teams }: { action: Action; teams: { id: string; name: string }[] }) {
  const [state, formAction, isPending] = useActionState<PeopleFormState, FormData>(action, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid grid-cols-1 items-start gap-3 md:grid-cols-4" noValidate>
      <div className="md:col-span-4"><Status state={state} /></div>
      <TextField label="Name" name="name" required error={e.name} />
      <TextField label="Email" name="email" type="email" required error={e.email} />
      <SelectField label="Team" name="team" defaultValue="" error={e.team}>
        <option value="">— none —</option>
        {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </SelectField>
      <div className="pt-6"><Button type="submit" disabled={isPending}>Add person</Button></div>
    </form>
  );
}

export function CreateTeamForm({ action }: { action: Action }) {
  const [state, formAction, isPending] = useActionState<PeopleFormState, FormData>(action, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid grid-cols-1 items-start gap-3 md:grid-cols-3" noValidate>
      <div className="md:col-span-3"><Status state={state} /></div>
      <TextField label="Team name" name="teamName" required error={e.teamName} />
      <TextField label="Team email" name="teamEmail" type="email" error={e.teamEmail} />
      <div className="pt-6"><Button type="submit" disabled={isPending}>Add team</Button></div>
    </form>
  );
}

export function DeactivatePersonForm({ action, personId, name, signerCount }: { action: Action; personId: string; name: string; signerCount: number }) {
  const [state, formAction, isPending] = useActionState<PeopleFormState, FormData>(action, {});
  return (
    <form
      action={formAction}
      className="space-y-3"
      onSubmit={(event) => {
        if (!window.confirm(`Mark ${name} as having left? ${signerCount} signers they own will show as orphaned, and their sign-in is disabled.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="personId" value={personId} />
      <Status state={state} />
      <TextField label="Reason (optional)" name="reason" hint="e.g. left the company on 2026-11-20" />
      <Button type="submit" variant="danger" disabled={isPending}>Mark as left the company</Button>
    </form>
  );
}
