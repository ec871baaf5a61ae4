"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import type { AlertPolicy } from "@/lib/domain/alerts/policy";
import { alertPolicyKeys, alertPolicyQuery, type AlertPolicyView } from "@/lib/queries/alert-policy";
import { fetchJson, HttpError } from "@/lib/queries/query-client";

// a refusal is an HttpError carrying the server's per-field issues, so each error sits under its field
const putPolicy = (body: { signerId: string | null; policy: unknown }) =>
  fetchJson<unknown>("/api/v1/alerts/policy", { method: "PUT", body: JSON.stringify(body) });

type FieldErrors = Partial<Record<BandName | "escalateWithinDays", string>>;
const GLOBAL = "";

const bandsText = (bands: readonly number[]) => bands.join(", ");

/** The three lists of alert days: the policy field, what it is about (in labels and errors), and a hint. */
const BANDS = [
  {
    name: "signingBands",
    about: "Signing certificates",
    hint: "Largest first, separated by commas, e.g. 90, 30, 14, 7, 1",
  },
  { name: "caBands", about: "CA certificates", hint: "Re-issuing a hierarchy takes months, e.g. 365, 180" },
  { name: "credentialBands", about: "Credentials", hint: "Pipeline client secrets and tokens, e.g. 30, 14, 7, 1" },
] as const;
type BandName = (typeof BANDS)[number]["name"];

/** "90, 30 7" → numbers; a token that is not a number is reported here (the server checks the rest). */
function parseBands(text: string, label: string): { bands: number[] } | { error: string } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const bad = tokens.filter((t) => !/^-?\d+(\.\d+)?$/.test(t));
  if (bad.length) return { error: `${label}: “${bad.join("”, “")}” is not a number of days` };
  return { bands: tokens.map(Number) };
}

function PolicyForm({
  view,
  scope,
  onScope,
  onSaved,
}: {
  view: AlertPolicyView;
  scope: string;
  onScope: (scope: string) => void;
  onSaved: (message: string | undefined) => void;
}) {
  const queryClient = useQueryClient();
  const own = scope ? view.signers[scope] : undefined;
  const start: AlertPolicy = scope ? (own ?? view.global) : view.global;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const save = useMutation({
    mutationFn: putPolicy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertPolicyKeys.all }),
  });

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSaved(undefined);
    setFormError(undefined);
    const form = new FormData(e.currentTarget);
    const next: FieldErrors = {};
    const parsed = Object.fromEntries(
      BANDS.map((b) => [b.name, parseBands(String(form.get(b.name) ?? ""), b.about)]),
    ) as Record<BandName, ReturnType<typeof parseBands>>;
    for (const [key, r] of Object.entries(parsed)) if ("error" in r) next[key as keyof FieldErrors] = r.error;
    const escText = String(form.get("escalateWithinDays") ?? "").trim();
    if (!/^-?\d+(\.\d+)?$/.test(escText)) next.escalateWithinDays = "Escalation: a whole number of days from 0 to 3650";
    setErrors(next);
    if (Object.keys(next).length) return;
    const bands = (r: (typeof parsed)[BandName]) => ("bands" in r ? r.bands : []);
    const policy = {
      signingBands: bands(parsed.signingBands),
      caBands: bands(parsed.caBands),
      credentialBands: bands(parsed.credentialBands),
      escalateWithinDays: Number(escText),
      isEnabled: form.get("isEnabled") === "on",
    };
    try {
      await save.mutateAsync({ signerId: scope || null, policy });
      onSaved(
        scope
          ? `Saved the policy of ${view.signerOptions.find((s) => s.id === scope)?.name ?? "this signer"}.`
          : "Saved the global policy.",
      );
    } catch (error) {
      if (error instanceof HttpError && error.issues.length) {
        const fromServer: FieldErrors = {};
        for (const i of error.issues)
          if (i.path in parsed || i.path === "escalateWithinDays") fromServer[i.path as keyof FieldErrors] = i.message;
        setErrors(fromServer);
        setFormError("The policy was not saved: fix the fields marked below.");
      } else setFormError(error instanceof Error ? error.message : "Could not save the policy");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Alert policy">
      <SelectField label="Applies to" name="scope" value={scope} onChange={(e) => onScope(e.target.value)}>
        <option value={GLOBAL}>Global policy (every signer without its own)</option>
        {view.signerOptions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {view.signers[s.id] ? " (own policy)" : ""}
          </option>
        ))}
      </SelectField>
      {scope && !own ? (
        <p className="text-sm text-slate-600">
          This signer follows the global policy; saving gives it its own, starting from the global values.
        </p>
      ) : null}
      <FormError message={formError} />
      {BANDS.map((b) => (
        <TextField
          key={b.name}
          label={`${b.about}: alert days before expiry`}
          name={b.name}
          defaultValue={bandsText(start[b.name])}
          error={errors[b.name]}
          hint={b.hint}
        />
      ))}
      <TextField
        label="Copy the security team within (days)"
        name="escalateWithinDays"
        inputMode="numeric"
        defaultValue={String(start.escalateWithinDays)}
        error={errors.escalateWithinDays}
        hint="and on expiry; 0 copies them only on expiry"
      />
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input
          type="checkbox"
          name="isEnabled"
          defaultChecked={start.isEnabled}
          className="h-4 w-4 rounded border-slate-300"
        />
        Alerts enabled
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save policy"}
        </Button>
      </div>
    </form>
  );
}

export function AlertPolicyEditor() {
  const { data: view } = useQuery(alertPolicyQuery());
  const [scope, setScope] = useState(GLOBAL);
  // kept here: saving re-keys the form (fresh values), which must not wipe the confirmation
  const [saved, setSaved] = useState<string>();
  if (!view) return null;
  // the form is keyed by scope and data, so picking another signer or saving reloads its values
  const formKey = `${scope}:${JSON.stringify(scope ? view.signers[scope] : view.global)}`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 xl:grid-cols-[minmax(0,36rem)_minmax(0,1fr)]">
      <Card title={scope ? "Signer's own policy" : "Global policy"}>
        <PolicyForm
          key={formKey}
          view={view}
          scope={scope}
          onScope={(next) => {
            setSaved(undefined);
            setScope(next);
          }}
          onSaved={setSaved}
        />
        <p role="status" className="mt-3 text-sm text-emerald-700">
          {saved}
        </p>
      </Card>
      <Card title={`Signers with their own policy (${view.overrides.length})`}>
        {view.overrides.length === 0 ? (
          <p className="text-sm text-slate-600">
            Every signer follows the global policy. Pick a signer in the form to give it its own.
          </p>
        ) : (
          <Table
            caption="Signers with their own alert policy"
            columns={[
              "Signer",
              "Signing",
              "CA",
              "Credentials",
              "Escalate",
              { label: "Actions", isVisuallyHidden: true },
            ]}
          >
            {view.overrides.map((o) => (
              <tr key={o.signerId}>
                <Td>
                  {o.signerName} {o.policy.isEnabled ? null : <Badge tone="slate">disabled</Badge>}
                </Td>
                <Td>{bandsText(o.policy.signingBands)}</Td>
                <Td>{bandsText(o.policy.caBands)}</Td>
                <Td>{bandsText(o.policy.credentialBands)}</Td>
                <Td>{o.policy.escalateWithinDays} d</Td>
                <Td>
                  <Button
                    variant="ghost"
                    className="px-2 py-1 text-xs"
                    onClick={() => {
                      setSaved(undefined);
                      setScope(o.signerId);
                    }}
                    aria-label={`Edit ${o.signerName}'s policy`}
                  >
                    Edit
                  </Button>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
