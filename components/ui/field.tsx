import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";

/**
 * `id` (default: `name`) ties the label to the control: set it where a name can stand twice on a page.
 * `span`: how many columns of its form's grid the field takes from the md breakpoint up (one otherwise).
 */
type FieldProps = { label: string; name: string; id?: string; error?: string; hint?: ReactNode; span?: 2 | 3 };

const SPAN = { 2: "md:col-span-2", 3: "md:col-span-3" } as const;

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

/**
 * Binds a form's fields to what it holds: `bind(name)` gives a field its name, its id (`idPrefix` +
 * name, where the same form stands more than once on a page), its value as last submitted or first
 * given, and its error.
 */
export function fieldBinder<V extends object>(
  values: V,
  errors: Record<string, string> = {},
  { idPrefix }: { idPrefix?: string } = {},
) {
  return <K extends keyof V & string>(name: K) => ({
    name,
    ...(idPrefix === undefined ? {} : { id: `${idPrefix}${name}` }),
    defaultValue: values[name],
    error: errors[name],
  });
}

/** The ids of a field's hint and error, which its control names as its description. */
const hintId = (id: string) => `${id}-hint`;
const errorId = (id: string) => `${id}-error`;

/** A form field's label above its control, then its hint, or its error in place of the hint. */
function Field({
  label,
  id,
  error,
  hint,
  span,
  children,
}: Omit<FieldProps, "name"> & { id: string; children: ReactNode }) {
  return (
    <div className={span === undefined ? undefined : SPAN[span]}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {/* wrap-anywhere: a hint's long example (a URL, a pattern) breaks instead of widening the form past a phone's width */}
      {hint && !error ? (
        <p id={hintId(id)} className="mt-1 text-xs text-slate-500 wrap-anywhere">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId(id)} role="alert" className="mt-1 text-xs text-red-700 wrap-anywhere">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A field around its control: the field's own props (label, id, error, hint, span) go to the label, hint
 * and error; the rest to the control, with its id, name, invalid state, description (the error, else the
 * hint: what a screen reader reads after the label) and class (a `className` given by the caller wins).
 */
function withField<P extends FieldProps>(
  { label, name, id = name, error, hint, span, ...rest }: P,
  render: (control: Omit<P, keyof FieldProps> & ControlProps) => ReactNode,
) {
  const control = {
    id,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId(id) : hint ? hintId(id) : undefined,
    className: INPUT,
    ...rest,
  };
  return <Field {...{ label, id, error, hint, span }}>{render(control)}</Field>;
}

type ControlProps = {
  id: string;
  name: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  className?: string;
};

export function TextField(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return withField(props, (control) => <input {...control} />);
}

/** A number of days, from one to `max` (a reminder interval, a grace period, a lifetime). */
export function DaysField({ max, ...props }: FieldProps & { max: number; defaultValue: number }) {
  return <TextField type="number" min={1} max={max} {...props} />;
}

/** A select: an empty first choice labelled `none` when given, then `options`, then any `children`. */
export function SelectField({
  none,
  options,
  children,
  ...props
}: FieldProps & {
  none?: string;
  options?: readonly Option[];
  ref?: Ref<HTMLSelectElement>;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return withField(props, (control) => (
    <select {...control}>
      {none === undefined ? null : <option value="">{none}</option>}
      {options?.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  ));
}

export function TextAreaField(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return withField(props, (control) => <textarea {...control} />);
}

/**
 * Several values of one name, a checkbox each showing the value as code and what it means (token
 * scopes, webhook events), under a legend; the error (id `${id}-error`) below the group.
 */
export function CheckboxGroupField<V extends string>({
  legend,
  name,
  id = name,
  values,
  meaning,
  checkbox,
  error,
  className,
}: {
  legend: string;
  name: string;
  id?: string;
  values: readonly V[];
  meaning: (value: V) => ReactNode;
  /** each checkbox's state: `checked` and `onChange` for a controlled group, else `defaultChecked` */
  checkbox: (value: V) => InputHTMLAttributes<HTMLInputElement>;
  error?: string;
  className?: string;
}) {
  return (
    <fieldset className={className} aria-describedby={error ? errorId(id) : undefined}>
      <legend className="block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 grid grid-cols-1 gap-1 md:grid-cols-2">
        {values.map((value) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name={name} value={value} className="mt-1" {...checkbox(value)} />
            <span>
              <code>{value}</code> <span className="text-slate-500">— {meaning(value)}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId(id)} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
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
