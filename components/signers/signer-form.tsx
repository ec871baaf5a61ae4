"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { CREDENTIAL_TYPES, CUSTODY_LABELS, CUSTODY_TYPES, KIND_LABELS, PLATFORMS, SIGNER_KINDS } from "@/lib/domain/signer-input";
import type { SignerFormState } from "@/lib/api/action-state";

export type SignerFormValues = {
  id?: string;
  name: string;
  kind: string;
  platform: string;
  environments: string;
  artifactTypes: string;
  description: string;
  credentialType: string;
  credentialExpiresAt: string;
  primaryOwner: string;
  backupOwner: string;
  team: string;
  privileges: string;
  certificates: string;
  custody: string;
  custodyEvidence: string;
};

export const EMPTY_SIGNER_FORM: SignerFormValues = {
  name: "", kind: "ci-pipeline", platform: "github-actions", environments: "", artifactTypes: "", description: "",
  credentialType: "oidc", credentialExpiresAt: "", primaryOwner: "", backupOwner: "", team: "", privileges: "",
  certificates: "", custody: "unknown", custodyEvidence: "",
};

type Option = { id: string; label: string };

export function SignerForm({
  action,
  values: initial,
  people,
  teams,
  submitLabel,
  cancelHref,
}: {
  action: (prev: SignerFormState, form: FormData) => Promise<SignerFormState>;
  values: SignerFormValues;
  people: Option[];
  teams: Option[];
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction, isPending] = useActionState<SignerFormState, FormData>(action, {});
  const e = state.fieldErrors ?? {};
  const values = { ...initial, ...(state.values ?? {}) } as SignerFormValues;
  return (
    <form key={state.nonce ?? 0} action={formAction} className="space-y-6" noValidate>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <FormError message={state.error} />
      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Identity</legend>
        <TextField label="Name" name="name" defaultValue={values.name} required error={e.name} hint="Unique, e.g. payments-release-pipeline" />
        <SelectField label="Kind" name="kind" defaultValue={values.kind} error={e.kind}>
          {SIGNER_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </SelectField>
        <SelectField label="Platform" name="platform" defaultValue={values.platform} error={e.platform}>
          {PLATFORMS.map((p) => <option key={p} value={p}>{p}</option>)}
        </SelectField>
        <TextField label="Environments" name="environments" defaultValue={values.environments} error={e.environments} hint="Comma-separated, e.g. production, staging" />
        <TextField label="Artifact types" name="artifactTypes" defaultValue={values.artifactTypes} error={e.artifactTypes} hint="e.g. jar, msi, container" />
        <div className="md:col-span-3">
          <TextAreaField label="Description" name="description" rows={2} defaultValue={values.description} error={e.description} />
        </div>
      </fieldset>

      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Owners</legend>
        <SelectField label="Primary owner" name="primaryOwner" defaultValue={values.primaryOwner} error={e.primaryOwner}>
          <option value="">— none (orphaned) —</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </SelectField>
        <SelectField label="Backup owner" name="backupOwner" defaultValue={values.backupOwner} error={e.backupOwner}>
          <option value="">— none —</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </SelectField>
        <SelectField label="Team" name="team" defaultValue={values.team} error={e.team}>
          <option value="">— none —</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
        </SelectField>
      </fieldset>

      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Credential and privileges</legend>
        <SelectField label="Credential type" name="credentialType" defaultValue={values.credentialType} error={e.credentialType}>
          {CREDENTIAL_TYPES.map((c) => <option key={c} value={c}>{c}</option>)}
        </SelectField>
        <TextField label="Credential expires" name="credentialExpiresAt" type="date" defaultValue={values.credentialExpiresAt} error={e.credentialExpiresAt} hint="For static secrets and certificates the pipeline uses" />
        <div />
        <div className="md:col-span-2">
          <TextAreaField label="Privileges" name="privileges" rows={4} defaultValue={values.privileges} error={e.privileges} placeholder={"sign:release/production@production\nrepo:acme/payments"} />
          <p className="mt-1 text-xs text-slate-500">One grant per line: a scope (sign:release/production, repo:acme/payments, approve:release, *), optionally @environment.</p>
        </div>
      </fieldset>

      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Certificates and key custody</legend>
        <div className="md:col-span-3">
          <TextAreaField label="Certificate fingerprints (SHA-256)" name="certificates" rows={2} defaultValue={values.certificates} error={e.certificates} />
          <p className="mt-1 text-xs text-slate-500">Certificates already imported into Signet that this signer signs with, one per line.</p>
        </div>
        <SelectField label="Key custody" name="custody" defaultValue={values.custody} error={e.custody} hint="How the owner says the signing key is held; it counts for keys with no custody record of their own">
          {CUSTODY_TYPES.map((c) => <option key={c} value={c}>{c === "unknown" ? "Not declared (unknown)" : CUSTODY_LABELS[c]}</option>)}
        </SelectField>
        <div className="md:col-span-2">
          <TextField label="Custody evidence" name="custodyEvidence" defaultValue={values.custodyEvidence} error={e.custodyEvidence} hint="A reference, never a secret: HSM model and partition, KMS key id, attestation document link" />
        </div>
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={isPending}>{isPending ? "Saving…" : submitLabel}</Button>
        <Link href={cancelHref} className={buttonClass("secondary")}>Cancel</Link>
      </div>
    </form>
  );
}
