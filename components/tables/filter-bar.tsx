"use client";

import { useId, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { recordChoices, type Option } from "@/components/ui/field";

export type FilterField =
  | { type: "search"; name: string; label: string; placeholder?: string }
  | { type: "select"; name: string; label: string; options: Option[]; allLabel?: string }
  | { type: "date"; name: string; label: string };

/** The owner-team filter of the inventory lists. */
export const teamField = (teams: { id: string; name: string }[]): FilterField => ({
  type: "select",
  name: "team",
  label: "Team",
  options: recordChoices(teams),
});

const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/**
 * Filters as a GET form (works without JavaScript too). Choices in a select apply at once; text
 * and dates apply on Enter or with the Apply button.
 */
export function FilterBar({
  fields,
  values,
  onApply,
  onClear,
  activeCount,
}: {
  fields: FilterField[];
  values: Record<string, unknown>;
  onApply: (patch: Record<string, string | undefined>) => void;
  onClear: () => void;
  activeCount: number;
}) {
  const idBase = useId();
  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const patch: Record<string, string | undefined> = {};
    for (const f of fields) {
      const v = data.get(f.name);
      patch[f.name] = typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    }
    return patch;
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply(read(e.currentTarget));
  };
  // key: re-mount the uncontrolled inputs when the URL's filters change (back button)
  const formKey = JSON.stringify(fields.map((f) => values[f.name] ?? ""));
  return (
    <form
      key={formKey}
      role="search"
      aria-label="Filters"
      onSubmit={submit}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      {fields.map((f) => {
        const id = `${idBase}-${f.name}`;
        const value = values[f.name] === undefined ? "" : String(values[f.name]);
        return (
          <div key={f.name} className={f.type === "search" ? "min-w-56 flex-1" : "w-40"}>
            <label htmlFor={id} className="block text-xs font-medium text-slate-600">
              {f.label}
            </label>
            {f.type === "select" ? (
              <select
                id={id}
                name={f.name}
                defaultValue={value}
                className={INPUT}
                onChange={(e) =>
                  onApply({ ...read(e.currentTarget.form!), [f.name]: e.currentTarget.value || undefined })
                }
              >
                <option value="">{f.allLabel ?? "Any"}</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={f.name}
                type={f.type === "date" ? "date" : "search"}
                defaultValue={value}
                placeholder={f.type === "search" ? f.placeholder : undefined}
                className={INPUT}
              />
            )}
          </div>
        );
      })}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        {activeCount > 0 ? (
          <button type="button" className={buttonClass("ghost")} onClick={onClear}>
            Clear {activeCount} filter{activeCount === 1 ? "" : "s"}
          </button>
        ) : null}
      </div>
    </form>
  );
}
