"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import type { TokenFormState } from "@/lib/api/action-state";

const SCOPE_HELP: Record<string, string> = {
  read: "read the inventory (GET /api/v1/…)",
  ingest: "import certificates and signers, report signing events for any signer",
  "signing-events": "report signing events for one signer only (for that signer's pipeline)",
};

export function CreateTokenForm({ action, signers }: { action: (prev: TokenFormState, form: FormData) => Promise<TokenFormState>; signers: { id: string; name: string }[] }) {
  const [state, formAction, isPending] = useActionState<TokenFormState, FormData>(action, {});
  const [scope, setScope] = useState("signing-events");
  const e = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      {state.token ? (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="new-token">
          <p className="font-medium text-emerald-900">Token “{state.tokenName}” created. Copy it now: it is shown only this once and Signet keeps only its hash.</p>
          <code className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-slate-900" data-testid="token-value">{state.token}</code>
        </div>
      ) : null}
      <form action={formAction} className="grid grid-cols-1 items-start gap-3 md:grid-cols-4" noValidate>
        <div className="md:col-span-4"><FormError message={state.error} /></div>
        <TextField label="Token name" name="name" required error={e.name} hint="What uses it, e.g. payments pipeline" />
        <SelectField label="Scope" name="scope" value={scope} onChange={(ev) => setScope(ev.target.value)} error={e.scope}>
          {Object.keys(SCOPE_HELP).map((s) => <option key={s} value={s}>{s}</option>)}
        </SelectField>
        {scope === "signing-events" ? (
          <SelectField label="Signer" name="signerId" defaultValue="" error={e.signerId}>
            <option value="">— choose —</option>
            {signers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </SelectField>
        ) : <div />}
        <TextField label="Expires in (days)" name="expiresInDays" type="number" min={1} max={365} defaultValue={90} error={e.expiresInDays} hint="Default 90, at most 365" />
        <p className="text-xs text-slate-500 md:col-span-3">{SCOPE_HELP[scope]}</p>
        <div><Button type="submit" disabled={isPending}>Create token</Button></div>
      </form>
    </div>
  );
}
