import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CREDENTIAL_TYPES, KIND_LABELS, PLATFORMS, SIGNER_KINDS, SIGNER_STATUSES } from "@/lib/domain/signer-input";
import type { SignerListQuery } from "@/lib/api/signer-query";

const SELECT = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function SignerFilters({
  query,
  teams,
  people,
}: {
  query: SignerListQuery;
  teams?: { id: string; name: string }[];
  people?: { id: string; name: string }[];
}) {
  return (
    <form
      method="get"
      action="/signers"
      role="search"
      aria-label="Filter signers"
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm md:grid-cols-4 xl:grid-cols-9"
    >
      <label className="col-span-2 text-xs font-medium text-slate-600">
        Search name
        <input name="q" defaultValue={query.q ?? ""} className={SELECT} placeholder="payments…" />
      </label>
      <Select label="Status" name="status" value={query.status} options={SIGNER_STATUSES.map((s) => [s, s])} />
      <Select label="Kind" name="kind" value={query.kind} options={SIGNER_KINDS.map((k) => [k, KIND_LABELS[k]])} />
      <Select label="Platform" name="platform" value={query.platform} options={PLATFORMS.map((p) => [p, p])} />
      <Select
        label="Credential"
        name="credentialType"
        value={query.credentialType}
        options={CREDENTIAL_TYPES.map((c) => [c, c])}
      />
      {teams ? <Select label="Team" name="team" value={query.team} options={teams.map((t) => [t.id, t.name])} /> : null}
      {people ? (
        <Select label="Owner" name="owner" value={query.owner} options={people.map((p) => [p.id, p.name])} />
      ) : null}
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="orphaned"
          value="1"
          defaultChecked={query.orphaned === "1" || query.orphaned === "true"}
        />
        Orphaned only
      </label>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link href="/signers" className={buttonClass("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}

function Select({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: [string, string][];
}) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={SELECT}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
