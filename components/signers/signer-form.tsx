"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormError, SelectField, TextAreaField, TextField, fieldBinder, valueChoices } from "@/components/ui/field";
import {
  CREDENTIAL_TYPES,
  CUSTODY_LABELS,
  CUSTODY_TYPES,
  KIND_LABELS,
  PLATFORMS,
  SIGNER_FIELD_HINTS as HINT,
  SIGNER_KINDS,
} from "@/lib/domain/signer-input";
import type { FormAction } from "@/lib/api/action-state";

/** A new signer's form: every field as the form holds it (text), with its default. */
export const EMPTY_SIGNER_FORM = {
  name: "",
  kind: "ci-pipeline",
  platform: "github-actions",
  environments: "",
  artifactTypes: "",
  description: "",
  credentialType: "oidc",
  credentialExpiresAt: "",
  primaryOwner: "",
  backupOwner: "",
  team: "",
  privileges: "",
  certificates: "",
  custody: "unknown",
  custodyEvidence: "",
  keylessIssuer: "",
  keylessSubjectPattern: "",
} satisfies Record<string, string>;

/** The form's values: its fields, and the signer's id when it edits one. */
export type SignerFormValues = typeof EMPTY_SIGNER_FORM & { id?: string };

type Option = { id: string; label: string };

/** One part of the form: its legend over a three-column grid (one column on a phone) of its fields. */
function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-3">
      <legend className="mb-2 text-sm font-semibold text-slate-800">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function SignerForm({
  action,
  values: initial,
  people,
  teams,
  submitLabel,
  cancelHref,
}: {
  action: FormAction;
  values: SignerFormValues;
  people: Option[];
  teams: Option[];
  submitLabel: string;
  cancelHref: string;
}) {
  const form = useActionForm(action);
  const e = form.errors;
  const values = { ...initial, ...form.values } as SignerFormValues;
  const bind = fieldBinder(values, e);
  const peopleOptions = people.map((p) => ({ value: p.id, label: p.label }));
  const teamOptions = teams.map((t) => ({ value: t.id, label: t.label }));
  return (
    <ActionForm form={form} className="space-y-6" hidden={{ id: values.id || undefined }} hasStatus={false}>
      <FormError message={form.state.error} />
      <Section legend="Identity">
        <TextField label="Name" {...bind("name")} required hint={HINT.name} />
        <SelectField label="Kind" {...bind("kind")} options={valueChoices(SIGNER_KINDS, (k) => KIND_LABELS[k])} />
        <SelectField label="Platform" {...bind("platform")} options={valueChoices(PLATFORMS)} />
        <TextField label="Environments" {...bind("environments")} hint="Comma-separated, e.g. production, staging" />
        <TextField label="Artifact types" {...bind("artifactTypes")} hint={HINT.artifactTypes} />
        <TextAreaField label="Description" {...bind("description")} rows={2} span={3} />
      </Section>

      <Section legend="Owners">
        <SelectField
          label="Primary owner"
          {...bind("primaryOwner")}
          none="— none (orphaned) —"
          options={peopleOptions}
        />
        <SelectField label="Backup owner" {...bind("backupOwner")} none="— none —" options={peopleOptions} />
        <SelectField label="Team" {...bind("team")} none="— none —" options={teamOptions} />
      </Section>

      <Section legend="Credential and privileges">
        <SelectField label="Credential type" {...bind("credentialType")} options={valueChoices(CREDENTIAL_TYPES)} />
        <TextField
          label="Credential expires"
          {...bind("credentialExpiresAt")}
          type="date"
          hint={HINT.credentialExpiresAt}
        />
        <div />
        <TextAreaField
          label="Privileges"
          {...bind("privileges")}
          rows={4}
          placeholder={"sign:release/production@production\nrepo:acme/payments"}
          hint={`One grant per line: ${HINT.privileges}.`}
          span={2}
        />
      </Section>

      <Section legend="Certificates and key custody">
        <TextAreaField
          label="Certificate fingerprints (SHA-256)"
          {...bind("certificates")}
          rows={2}
          hint={`${HINT.certificates}, one per line.`}
          span={3}
        />
        <SelectField
          label="Key custody"
          {...bind("custody")}
          hint={HINT.custody}
          options={valueChoices(CUSTODY_TYPES, (c) => (c === "unknown" ? "Not declared (unknown)" : CUSTODY_LABELS[c]))}
        />
        <TextField label="Custody evidence" {...bind("custodyEvidence")} hint={HINT.custodyEvidence} span={2} />
      </Section>

      <Section legend="Sigstore keyless identity">
        <TextField
          label="OIDC issuer"
          {...bind("keylessIssuer")}
          hint={`${HINT.keylessIssuer}; leave both empty if the signer does not sign keyless`}
        />
        <TextField
          label="Subject, workflow or repository pattern"
          {...bind("keylessSubjectPattern")}
          hint={HINT.keylessSubjectPattern}
          span={2}
        />
      </Section>

      <div className="flex gap-2">
        <SubmitButton isPending={form.isPending} pendingLabel="Saving…">
          {submitLabel}
        </SubmitButton>
        <Link href={cancelHref} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
