"use client";

import { useState } from "react";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { DateText } from "@/components/ui/date-text";
import { FormStatus, SelectField, TextField, choices, fieldBinder } from "@/components/ui/field";
import { RowActionButton } from "@/components/ui/row-action-button";
import { Table, Td } from "@/components/ui/table";
import type { FormAction } from "@/lib/api/action-state";
import { CREDENTIAL_KIND_LABELS, type CredentialKind, type SignerCredentialRef } from "@/lib/domain/signer-credentials";

// A signer's credentials as a compact table: what and where each is and when it expires (never a
// value), with add, edit and remove for those who may write. A refused form keeps what was typed.

type Actions = { add: FormAction; update: FormAction; remove: FormAction };

const COLUMNS = [
  { label: "Name", priority: 1 },
  { label: "Kind", priority: 2 },
  { label: "Where it lives", priority: 3 },
  { label: "Expires", priority: 1 },
  { label: "Last rotated", priority: 3 },
] as const;

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : "");

export function CredentialsPanel({
  signerId,
  credentials,
  now,
  actions,
}: {
  signerId: string;
  credentials: SignerCredentialRef[];
  now: Date;
  /** null: the viewer may not change them */
  actions: Actions | null;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const columns = actions ? [...COLUMNS, { label: "Actions", isVisuallyHidden: true }] : COLUMNS;
  const edited = credentials.find((c) => c.id === editing) ?? null;
  return (
    <div className="space-y-4">
      {credentials.length === 0 ? (
        <p className="text-sm text-slate-600">No credentials recorded.</p>
      ) : (
        <Table caption="Credentials" columns={columns}>
          {credentials.map((c) => (
            <tr key={c.id} data-testid="credential-row">
              <Td className="font-medium">{c.name}</Td>
              <Td>{CREDENTIAL_KIND_LABELS[c.kind as CredentialKind] ?? c.kind}</Td>
              <Td className="whitespace-normal wrap-anywhere">
                {c.location ?? <span className="text-slate-500">—</span>}
              </Td>
              <Td>
                <DateText date={c.expiresAt} now={now} />
              </Td>
              <Td>
                <DateText date={c.lastRotatedAt} now={now} />
              </Td>
              {actions ? (
                <Td>
                  <div className="flex gap-2">
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Edit credential ${c.name}`}
                      onClick={() => setEditing(c.id)}
                    >
                      Edit
                    </Button>
                    <RowActionButton
                      id={c.id}
                      fields={{ signerId }}
                      label="Remove"
                      ariaLabel={`Remove credential ${c.name}`}
                      action={actions.remove}
                      confirm={() => `Remove the credential ${c.name}?`}
                    />
                  </div>
                </Td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
      {actions ? (
        edited ? (
          <CredentialForm
            key={edited.id}
            signerId={signerId}
            credential={edited}
            action={actions.update}
            onDone={() => setEditing(null)}
          />
        ) : (
          <CredentialForm key="new" signerId={signerId} credential={null} action={actions.add} />
        )
      ) : null}
    </div>
  );
}

function CredentialForm({
  signerId,
  credential,
  action,
  onDone,
}: {
  signerId: string;
  credential: SignerCredentialRef | null;
  action: FormAction;
  onDone?: () => void;
}) {
  const form = useActionForm(action);
  const { state } = form;
  const initial = {
    kind: credential?.kind ?? "ci-secret",
    name: credential?.name ?? "",
    location: credential?.location ?? "",
    expiresAt: day(credential?.expiresAt ?? null),
    lastRotatedAt: day(credential?.lastRotatedAt ?? null),
  };
  // after a refusal the fields show what was typed; after a success, the stored values (or blank to add another)
  const values = state.error ? { ...initial, ...state.values } : initial;
  const prefix = credential ? `credential-${credential.id}` : "credential-new";
  const bind = fieldBinder(values, state.fieldErrors, { idPrefix: `${prefix}-` });
  return (
    <ActionForm
      form={form}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      hidden={{ signerId, credentialId: credential?.id }}
      hasStatus={false}
      validation="browser"
    >
      <h3 className="text-sm font-semibold text-slate-800">
        {credential ? `Edit credential ${credential.name}` : "Add a credential"}
      </h3>
      <p className="text-xs text-slate-500">
        Record what the credential is and where it lives, never its value: Signet refuses anything that looks like a
        secret or a private key.
      </p>
      <FormStatus error={state.error} message={state.message} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <SelectField label="Kind" {...bind("kind")} options={choices(CREDENTIAL_KIND_LABELS)} />
        <TextField label="Name" {...bind("name")} hint="e.g. the secret's variable name, SIGN_TOKEN" required />
        <TextField
          label="Where it lives"
          {...bind("location")}
          hint="e.g. GitHub Actions secret SIGN_TOKEN in acme/app"
        />
        <TextField label="Expires" {...bind("expiresAt")} type="date" />
        <TextField label="Last rotated" {...bind("lastRotatedAt")} type="date" />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton isPending={form.isPending}>{credential ? "Save credential" : "Add credential"}</SubmitButton>
        {onDone ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </ActionForm>
  );
}
