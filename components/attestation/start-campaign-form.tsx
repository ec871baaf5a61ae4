"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import {
  DaysField,
  FormError,
  SelectField,
  fieldBinder,
  TextField,
  valueChoices,
  recordChoices,
} from "@/components/ui/field";
import { usePostForm } from "./post-json";

type Option = { id: string; name: string };

export function StartCampaignForm({
  teams,
  signers,
  environments,
  ruleIds,
  defaultDueDay,
}: {
  teams: Option[];
  signers: Option[];
  environments: string[];
  ruleIds: string[];
  defaultDueDay: string;
}) {
  const router = useRouter();
  const [kind, setKind] = useState("all-active");
  const [isAutoSuspend, setAutoSuspend] = useState(false);
  // the API names a field by its path in the body ("scope.teamId"); the form by its input name
  const { error, issues: fieldErrors, isBusy, post } = usePostForm((path) => path.split(".").at(-1) ?? path);
  const bind = fieldBinder({ dueAt: defaultDueDay, reminderEveryDays: 7, autoSuspendAfterDays: 14 }, fieldErrors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const scope =
      kind === "team"
        ? { kind, teamId: f.get("teamId") }
        : kind === "environment"
          ? { kind, environment: f.get("environment") }
          : kind === "findings"
            ? { kind, ruleIds: f.getAll("ruleIds") }
            : kind === "signers"
              ? { kind, signerIds: f.getAll("signerIds") }
              : { kind };
    const due = String(f.get("dueAt") ?? "");
    const body = {
      name: f.get("name"),
      scope,
      // end of the chosen day, UTC
      dueAt: due ? `${due}T23:59:59Z` : undefined,
      reminderEveryDays: Number(f.get("reminderEveryDays")),
      recurrence: f.get("recurrence"),
      autoSuspendAfterDays: isAutoSuspend ? Number(f.get("autoSuspendAfterDays")) : null,
    };
    await post<{ campaignId: string }>("/api/v1/campaigns", body, (data) =>
      router.push(`/campaigns/${data.campaignId}`),
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid grid-cols-1 gap-4 md:grid-cols-2" noValidate>
      <div className="md:col-span-2">
        <FormError message={error} />
      </div>
      <TextField label="Campaign name" name="name" required placeholder="Q3 signer review" error={fieldErrors.name} />
      <SelectField label="Scope" name="scopeKind" value={kind} onChange={(e) => setKind(e.target.value)}>
        <option value="all-active">All active signers</option>
        <option value="team">A team</option>
        <option value="environment">An environment</option>
        <option value="findings">Signers with open findings of given rules</option>
        <option value="signers">Hand-picked signers</option>
      </SelectField>
      {kind === "team" ? (
        <SelectField label="Team" name="teamId" error={fieldErrors.teamId} options={recordChoices(teams)} />
      ) : null}
      {kind === "environment" ? (
        <SelectField
          label="Environment"
          name="environment"
          error={fieldErrors.environment}
          options={valueChoices(environments)}
        />
      ) : null}
      {kind === "findings" ? (
        <fieldset className="md:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Finding rules</legend>
          {fieldErrors.ruleIds ? (
            <p role="alert" className="text-xs text-red-700">
              {fieldErrors.ruleIds}
            </p>
          ) : null}
          <div className="mt-1 grid grid-cols-2 gap-1 md:grid-cols-3">
            {ruleIds.map((r) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="ruleIds" value={r} /> {r}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {kind === "signers" ? (
        <div className="md:col-span-2">
          <label htmlFor="signerIds" className="block text-sm font-medium text-slate-700">
            Signers (hold Ctrl or Cmd to pick several)
          </label>
          <select
            id="signerIds"
            name="signerIds"
            multiple
            size={8}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            {signers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {fieldErrors.signerIds ? (
            <p role="alert" className="text-xs text-red-700">
              {fieldErrors.signerIds}
            </p>
          ) : null}
        </div>
      ) : null}
      <TextField label="Due date" {...bind("dueAt")} type="date" required />
      <DaysField label="Remind every (days)" {...bind("reminderEveryDays")} max={90} />
      <SelectField label="Repeat" name="recurrence" defaultValue="none">
        <option value="none">Once</option>
        <option value="monthly">Monthly</option>
        <option value="quarterly">Quarterly</option>
        <option value="yearly">Yearly</option>
      </SelectField>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" checked={isAutoSuspend} onChange={(e) => setAutoSuspend(e.target.checked)} /> Suspend
          signers still unattested after the due date
        </label>
        {isAutoSuspend ? (
          <DaysField label="Days after the due date" {...bind("autoSuspendAfterDays")} max={365} />
        ) : (
          <p className="mt-1 text-xs text-slate-500">
            Off: overdue signers get a finding and an escalation, nothing is suspended.
          </p>
        )}
      </div>
      <div className="md:col-span-2">
        <Button type="submit" disabled={isBusy}>
          {isBusy ? "Starting…" : "Start campaign"}
        </Button>
      </div>
    </form>
  );
}
