"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextAreaField, TextField, valueChoices } from "@/components/ui/field";
import { usePostForm } from "./post-json";

export type AnswerGrant = { id: string; scope: string; environment: string; lastUsed: string };
export type AnswerKey = { id: string; label: string; custody: string };

const CUSTODIES = ["hsm", "cloud-kms", "vault", "hardware-token", "software-file", "unknown"];

export function AnswerForm({
  taskId,
  signerName,
  grants,
  keys,
  isCorrection,
}: {
  taskId: string;
  signerName: string;
  grants: AnswerGrant[];
  keys: AnswerKey[];
  isCorrection: boolean;
}) {
  const router = useRouter();
  const [isStillNeeded, setStillNeeded] = useState<boolean | null>(null);
  const [isCustodyConfirmed, setCustodyConfirmed] = useState(true);
  const { error, setError, issues, isBusy, post } = usePostForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isStillNeeded === null) {
      setError("Say whether the signer is still needed");
      return;
    }
    const f = new FormData(event.currentTarget);
    const privileges = isStillNeeded
      ? grants.flatMap((g) => (f.get(`grant-${g.id}`) ? [{ privilegeId: g.id, decision: f.get(`grant-${g.id}`) }] : []))
      : [];
    const custody =
      isCustodyConfirmed || !isStillNeeded
        ? { isConfirmed: true }
        : { isConfirmed: false, keyId: f.get("keyId"), custody: f.get("custody"), evidence: f.get("evidence") };
    await post(
      `/api/v1/attestations/${taskId}/answer`,
      { isStillNeeded, privileges, custody, comment: f.get("comment") || null },
      () => {
        router.push(`/tasks?answered=${encodeURIComponent(signerName)}`);
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label={`Attestation of ${signerName}`}>
      <FormError message={error} />
      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Is {signerName} still needed?</legend>
        <YesNo
          name="isStillNeeded"
          value={isStillNeeded}
          onChange={setStillNeeded}
          yes="Yes, still needed"
          no="No, decommission it"
        />
        {isStillNeeded === false ? (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The signer will be suspended at once, the security team gets a decommission request, and revocation of its
            certificates is requested from the CA (reason: cessation of operation, within 5 days).
          </p>
        ) : null}
      </fieldset>

      {isStillNeeded && grants.length ? (
        <fieldset>
          <legend className="text-sm font-semibold text-slate-800">Privileges: keep or remove each grant</legend>
          <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
            {grants.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
                <div>
                  <code className="font-mono text-slate-900">{g.scope}</code>
                  {g.environment !== "any" ? <span className="ml-2 text-slate-500">({g.environment})</span> : null}
                  <div className="text-xs text-slate-500">last used {g.lastUsed}</div>
                  {issues[`privileges.${g.id}`] ? (
                    <div role="alert" className="text-xs text-red-700">
                      {issues[`privileges.${g.id}`]}
                    </div>
                  ) : null}
                </div>
                <div className="flex gap-4" role="radiogroup" aria-label={`Grant ${g.scope}`}>
                  <label className="flex items-center gap-1">
                    <input type="radio" name={`grant-${g.id}`} value="keep" defaultChecked /> Keep
                  </label>
                  <label className="flex items-center gap-1">
                    <input type="radio" name={`grant-${g.id}`} value="remove" /> Remove
                  </label>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}

      {isStillNeeded && keys.length ? (
        <fieldset>
          <legend className="text-sm font-semibold text-slate-800">Key custody</legend>
          <YesNo
            name="custodyChoice"
            value={isCustodyConfirmed}
            onChange={setCustodyConfirmed}
            yes="The recorded custody is correct"
            no="Correct it"
          />
          {!isCustodyConfirmed ? (
            <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
              <SelectField label="Key" name="keyId" error={issues["custody.keyId"]}>
                {keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label} (now: {k.custody})
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Actual custody"
                name="custody"
                defaultValue="hsm"
                error={issues["custody.custody"]}
                options={valueChoices(CUSTODIES)}
              />
              <TextField
                label="Evidence"
                name="evidence"
                placeholder="HSM attestation ref or KMS key id"
                error={issues["custody.evidence"]}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}

      <TextAreaField label="Comment (optional)" name="comment" rows={3} />
      <Button type="submit" disabled={isBusy}>
        {isBusy ? "Submitting…" : isCorrection ? "Submit correction" : "Submit attestation"}
      </Button>
    </form>
  );
}

/** A yes-or-no question's two radios, controlled: `value` is null until one is chosen. */
function YesNo({
  name,
  value,
  onChange,
  yes,
  no,
}: {
  name: string;
  value: boolean | null;
  onChange: (value: boolean) => void;
  yes: string;
  no: string;
}) {
  return (
    <div className="mt-2 flex gap-6 text-sm">
      {([true, false] as const).map((option) => (
        <label key={String(option)} className="flex items-center gap-2">
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} />{" "}
          {option ? yes : no}
        </label>
      ))}
    </div>
  );
}
