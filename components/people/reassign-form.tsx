"use client";

import Link from "next/link";
import { ActionForm, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { FormError, SelectField, recordChoices } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import type { FormAction } from "@/lib/api/action-state";
import type { OwnedSignerRow } from "@/lib/db/people/people-admin";

type Action = FormAction;
type Option = { id: string; name: string };

function Owner({ owner }: { owner: OwnedSignerRow["primaryOwner"] }) {
  if (!owner) return <Badge tone="red">⚠ orphaned — no owner</Badge>;
  if (!owner.isActive) return <Badge tone="red">⚠ orphaned — {owner.name} left</Badge>;
  return <span>{owner.name}</span>;
}

/** The person's signers with checkboxes, and one action that sets owners/team on all chosen ones. */
export function ReassignForm({
  action,
  personId,
  signers,
  people,
  teams,
}: {
  action: Action;
  personId: string;
  signers: OwnedSignerRow[];
  people: Option[];
  teams: Option[];
}) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} className="space-y-4" hidden={{ personId }} hasStatus={false} validation="browser">
      <FormError message={form.state.error} />
      <Table
        caption="Signers this person owns"
        columns={[
          { label: "Choose", isVisuallyHidden: true },
          "Signer",
          "Role",
          "Status",
          "Primary owner",
          "Backup owner",
          "Team",
        ]}
      >
        {signers.map((s) => (
          <tr key={s.id}>
            <Td>
              <input
                type="checkbox"
                name="signerIds"
                value={s.id}
                defaultChecked={s.status !== "decommissioned"}
                aria-label={`Choose ${s.name}`}
              />
            </Td>
            <Td>
              <Link className="font-medium text-indigo-700 hover:underline" href={`/signers/${s.id}`}>
                {s.name}
              </Link>
            </Td>
            <Td>{s.roles.join(", ")}</Td>
            <Td>
              <StatusBadge status={s.status} />
            </Td>
            <Td>{s.status === "decommissioned" ? (s.primaryOwner?.name ?? "—") : <Owner owner={s.primaryOwner} />}</Td>
            <Td>{s.backupOwner ? `${s.backupOwner.name}${s.backupOwner.isActive ? "" : " (left)"}` : "—"}</Td>
            <Td>{s.team?.name ?? "—"}</Td>
          </tr>
        ))}
      </Table>
      <div className="grid grid-cols-1 items-end gap-3 md:grid-cols-4">
        <PersonSelect label="New primary owner" name="primaryOwner" people={people} />
        <PersonSelect label="New backup owner" name="backupOwner" people={people} />
        <SelectField label="New team" name="team" defaultValue="">
          <option value="">Keep as it is</option>
          <option value="__clear__">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SubmitButton isPending={form.isPending} pendingLabel="Reassigning…">
          Reassign chosen signers
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

function PersonSelect({ label, name, people }: { label: string; name: string; people: Option[] }) {
  return (
    <SelectField label={label} name={name} defaultValue="">
      <option value="">Keep as it is</option>
      <option value="__clear__">Nobody</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The usual offboarding step: every role this person holds goes to one successor. */
export function HandOverForm({
  action,
  fromPersonId,
  people,
}: {
  action: Action;
  fromPersonId: string;
  people: Option[];
}) {
  const form = useActionForm(action);
  return (
    <ActionForm
      form={form}
      className="flex flex-wrap items-end gap-3"
      hidden={{ mode: "handover", personId: fromPersonId, fromPerson: fromPersonId }}
      hasStatus={false}
      validation="browser"
    >
      <div className="min-w-64">
        <SelectField
          label="Successor"
          name="toPerson"
          defaultValue=""
          none="— choose —"
          options={recordChoices(people)}
        />
      </div>
      <SubmitButton isPending={form.isPending} variant="secondary">
        Hand over every role
      </SubmitButton>
      <div className="w-full">
        <FormError message={form.state.error} />
      </div>
    </ActionForm>
  );
}
