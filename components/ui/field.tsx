import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";

type FieldProps = { label: string; name: string; error?: string; hint?: ReactNode };

/** A select's choice. */
export type Option = { value: string; label: string };

/** Options from value → label pairs, in the order given. */
export const choices = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Options labelled by their own values, or by `label`. */
export const valueChoices = <V extends string>(values: readonly V[], label: (v: V) => string = (v) => v): Option[] =>
  values.map((v) => ({ value: v, label: label(v) }));

/** Options naming records (teams, people, signers) by their id. */
export const recordChoices = (records: readonly { id: string; name: string }[]): Option[] =>
  records.map((r) => ({ value: r.id, label: r.name }));

/** A form field's label above its control, then its hint, or its error in place of the hint. */
function Field({
  label,
  name,
  error,
  errorId,
  hint,
  children,
}: FieldProps & { errorId?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, name, error, hint, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <Field label={label} name={name} error={error} errorId={errorId} hint={hint}>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={INPUT}
        {...props}
      />
    </Field>
  );
}

/** A select: an empty first choice labelled `none` when given, then `options`, then any `children`. */
export function SelectField({
  label,
  name,
  error,
  hint,
  none,
  options,
  children,
  ...props
}: FieldProps & { none?: string; options?: readonly Option[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} name={name} error={error} hint={hint}>
      <select id={name} name={name} aria-invalid={error ? true : undefined} className={INPUT} {...props}>
        {none === undefined ? null : <option value="">{none}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Field>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  ...props
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} name={name} error={error} hint={hint}>
      <textarea id={name} name={name} aria-invalid={error ? true : undefined} className={INPUT} {...props} />
    </Field>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}

/** What a submitted form answered: its error, or its success message (announced politely). */
export function FormStatus({ error, message }: { error?: string; message?: string }) {
  return (
    <>
      <FormError message={error} />
      {message ? (
        <p role="status" className="text-sm text-emerald-700">
          {message}
        </p>
      ) : null}
    </>
  );
}
