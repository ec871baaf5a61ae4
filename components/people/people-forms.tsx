"use client";

import type { ComponentProps, ReactNode } from "react";
import { ActionForm, RecordForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { SelectField, TextField, fieldBinder, recordChoices } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

type Action = FormAction;

// whole class names, so Tailwind sees them
const GRID = { 3: "md:grid-cols-3", 4: "md:grid-cols-4" } as const;
const FULL_ROW = { 3: "md:col-span-3", 4: "md:col-span-4" } as const;

/**
 * A one-row "add" form: its status line across the row, the fields (bound to what was last submitted
 * and its errors, so a refused form keeps what was typed), the submit button.
 */
function CreateForm({
  action,
  columns,
  submitLabel,
  children,
}: {
  action: Action;
  columns: 3 | 4;
  submitLabel: string;
  children: (bind: ReturnType<typeof fieldBinder<Record<string, string>>>) => ReactNode;
}) {
  const form = useActionForm(action);
  return (
    <ActionForm
      form={form}
      className={`grid grid-cols-1 items-start gap-3 ${GRID[columns]}`}
      statusClassName={FULL_ROW[columns]}
    >
      {children(fieldBinder(form.values, form.errors))}
      <div className="pt-6">
        <SubmitButton isPending={form.isPending}>{submitLabel}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function CreatePersonForm({ action, teams }: { action: Action; teams: { id: string; name: string }[] }) {
  return (
    <CreateForm action={action} columns={4} submitLabel="Add person">
      {(bind) => (
        <>
          <TextField label="Name" {...bind("name")} required />
          <TextField label="Email" {...bind("email")} type="email" required />
          <SelectField label="Team" {...bind("team")} none="— none —" options={recordChoices(teams)} />
        </>
      )}
    </CreateForm>
  );
}

export function CreateTeamForm({ action }: { action: Action }) {
  return (
    <CreateForm action={action} columns={3} submitLabel="Add team">
      {(bind) => (
        <>
          <TextField label="Team name" {...bind("teamName")} required />
          <TextField label="Team email" {...bind("teamEmail")} type="email" />
        </>
      )}
    </CreateForm>
  );
}

/** A form on one person's page: it changes that person (named in a hidden field); its parts stacked unless `className` says otherwise. */
function PersonForm({ personId, ...props }: Omit<ComponentProps<typeof RecordForm>, "hidden"> & { personId: string }) {
  return <RecordForm className="space-y-3" hidden={{ personId }} {...props} />;
}

export function DeactivatePersonForm({
  action,
  personId,
  name,
  signerCount,
}: {
  action: Action;
  personId: string;
  name: string;
  signerCount: number;
}) {
  return (
    <PersonForm
      action={action}
      personId={personId}
      validation="browser"
      confirm={() =>
        `Mark ${name} as having left? ${signerCount} signers they own will show as orphaned, and their sign-in is disabled.`
      }
      submit={{ label: "Mark as left the company", variant: "danger" }}
    >
      <TextField label="Reason (optional)" name="reason" hint="e.g. left the company on 2026-11-20" />
    </PersonForm>
  );
}

/** A person marked as having left is back; their sign-in stays off until an administrator re-enables it. */
export function ReactivatePersonForm({ action, personId, name }: { action: Action; personId: string; name: string }) {
  return (
    <PersonForm
      action={action}
      personId={personId}
      validation="browser"
      submit={{ label: <>Mark {name} as back</>, variant: "secondary" }}
    />
  );
}

/**
 * The accounts a person runs pipelines as (GitHub login, GitLab username…): how a pipeline's
 * "triggered by" is matched to them, so they cannot approve the window their own run asked for.
 */
export function CiHandlesForm({
  action,
  personId,
  ciHandles,
}: {
  action: Action;
  personId: string;
  ciHandles: readonly string[];
}) {
  return (
    <PersonForm
      action={action}
      personId={personId}
      submit={{ label: "Save CI accounts", pendingLabel: "Saving…", variant: "secondary" }}
    >
      {(form) => (
        <TextField
          label="CI accounts"
          name="ciHandles"
          defaultValue={form.values.ciHandles ?? ciHandles.join(", ")}
          error={form.errors.ciHandles}
          hint="Separate with commas or spaces, e.g. octocat, gitlab-jdoe. Compared without case; a leading @ is dropped."
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </PersonForm>
  );
}

/** The team a person belongs to: their signers' team filters and the team's overview count them there. */
export function PersonTeamForm({
  action,
  personId,
  teamId,
  teams,
}: {
  action: Action;
  personId: string;
  teamId: string | null;
  teams: readonly { id: string; name: string }[];
}) {
  return (
    <PersonForm
      action={action}
      personId={personId}
      className="flex flex-wrap items-end gap-3"
      statusClassName="basis-full"
      submit={{ label: "Move to team", pendingLabel: "Saving…", variant: "secondary" }}
    >
      {(form) => (
        <SelectField
          label="Team"
          name="team"
          // the reassign form on the same page has a team select too
          id="person-team"
          none="No team"
          defaultValue={form.values.team ?? teamId ?? ""}
          error={form.errors.team}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
      )}
    </PersonForm>
  );
}
