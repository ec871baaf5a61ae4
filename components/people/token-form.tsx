"use client";

import { useState } from "react";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { ShownOnce } from "@/components/ui/shown-once";
import {
  CheckboxGroupField,
  DaysField,
  FormError,
  SelectField,
  TextField,
  fieldBinder,
  recordChoices,
} from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";
import { TOKEN_SCOPES, TOKEN_SCOPE_HELP, type TokenScope } from "@/lib/domain/token-scopes";

/** The token the create action answers with: shown this once, never stored in clear. */
export type NewToken = { token: string; name: string };

export function CreateTokenForm({
  action,
  signers,
}: {
  action: FormAction<NewToken>;
  signers: { id: string; name: string }[];
}) {
  const form = useActionForm(action);
  const { state } = form;
  const [scopes, setScopes] = useState<TokenScope[]>(["signing-events"]);
  // signing-events tokens are bound to a signer; gate tokens may be (then they ask only about it)
  const isBound = scopes.includes("signing-events") || scopes.includes("gate");
  const e = form.errors;
  // a refused form keeps what was typed; the scopes are this component's state, kept anyway
  const bind = fieldBinder(form.values, e);
  return (
    <div className="space-y-4">
      {state.data ? (
        <ShownOnce value={state.data.token} testIds={{ box: "new-token", value: "token-value" }}>
          Token “{state.data.name}” created. Copy it now: it is shown only this once and Signet keeps only its hash.
        </ShownOnce>
      ) : null}
      <ActionForm form={form} className="grid grid-cols-1 items-start gap-3 md:grid-cols-4" hasStatus={false}>
        <div className="md:col-span-4">
          <FormError message={state.error} />
        </div>
        <TextField label="Token name" {...bind("name")} required hint="What uses it, e.g. payments pipeline" />
        <CheckboxGroupField
          legend="Scopes (give only what the caller needs)"
          name="scopes"
          values={TOKEN_SCOPES}
          meaning={(s) => TOKEN_SCOPE_HELP[s]}
          checkbox={(s) => ({
            checked: scopes.includes(s),
            onChange: (ev) => setScopes((now) => (ev.target.checked ? [...now, s] : now.filter((x) => x !== s))),
          })}
          error={e.scopes}
          className="md:col-span-4"
        />
        {isBound ? (
          <SelectField
            label="Signer"
            {...bind("signerId")}
            none={scopes.includes("signing-events") ? "— choose —" : "— any signer —"}
            options={recordChoices(signers)}
          />
        ) : (
          <div />
        )}
        <DaysField
          label="Expires in (days)"
          {...bind("expiresInDays")}
          max={365}
          defaultValue={Number(form.values.expiresInDays || 90)}
          hint="Default 90, at most 365"
        />
        <div className="md:col-span-3" />
        <div>
          <SubmitButton isPending={form.isPending}>Create token</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}
