"use client";

import { RecordForm } from "@/components/ui/action-form";
import { fieldBinder, recordChoices, SelectField, TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";

// The three decisions on one entry of the discovery queue, each its own small form posting to the
// same server action (decideDiscoveryAction) with the decision named in a hidden field. Each button's
// accessible name starts with its visible text (WCAG 2.5.3, label in name), then names the entry.

type Props = {
  identityId: string;
  label: string;
  action: FormAction;
  signers: { id: string; name: string }[];
  people: { id: string; name: string }[];
};

function DecisionForm({
  identityId,
  decision,
  action,
  children,
  submit,
  ariaLabel,
}: {
  identityId: string;
  decision: string;
  action: FormAction;
  children: React.ReactNode;
  submit: string;
  ariaLabel: string;
}) {
  return (
    <RecordForm
      action={action}
      className="flex flex-wrap items-end gap-2"
      hidden={{ identityId, decision }}
      statusClassName="w-full"
      statusPlacement="last"
      validation="browser"
      submit={{ label: submit, variant: "secondary", "aria-label": ariaLabel }}
    >
      {children}
    </RecordForm>
  );
}

export function DiscoveryDecisions({ identityId, label, action, signers, people }: Props) {
  // the same fields stand once per queue entry: their ids start with the entry's
  const bind = fieldBinder<Record<string, string>>({ environment: "production" }, {}, { idPrefix: `${identityId}-` });
  return (
    <div className="space-y-3">
      <DecisionForm
        identityId={identityId}
        decision="link"
        action={action}
        submit="Link"
        ariaLabel={`Link ${label} to the chosen signer`}
      >
        <SelectField
          label="Link to signer"
          {...bind("signerId")}
          none="Choose a signer"
          options={recordChoices(signers)}
        />
      </DecisionForm>
      <DecisionForm
        identityId={identityId}
        decision="create-signer"
        action={action}
        submit="Create signer"
        ariaLabel={`Create signer for ${label}`}
      >
        <TextField label="New signer name" {...bind("name")} required />
        <SelectField label="Owner" {...bind("primaryOwner")} none="Choose an owner" options={recordChoices(people)} />
        <TextField label="Environment" {...bind("environment")} required />
      </DecisionForm>
      <DecisionForm
        identityId={identityId}
        decision="known-external"
        action={action}
        submit="Mark known-external"
        ariaLabel={`Mark known-external: ${label}`}
      >
        <TextField label="Whose signature (vendor)" {...bind("note")} required />
      </DecisionForm>
    </div>
  );
}
