"use client";

import { useActionState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/field";
import type { ActionState, FormAction } from "@/lib/api/action-state";

/**
 * A server action's form: what it answered (`state`), its field errors and submitted values (`values`
 * the first of each name, `lists` all of them; empty until it has refused), and whether it is running.
 * Render it with ActionForm.
 */
export function useActionForm<T = undefined>(action: FormAction<T>) {
  const [state, formAction, isPending] = useActionState<ActionState<T>, FormData>(action, {});
  return {
    state,
    formAction,
    isPending,
    errors: state.fieldErrors ?? {},
    values: state.values ?? {},
    lists: state.lists ?? {},
  };
}

type ActionFormState = { state: ActionState<unknown>; formAction: (payload: FormData) => void };

/**
 * The `<form>` of a server action, keyed by its answer so a refused form shows what was typed (React
 * resets a form after its action), checked by the action rather than the browser, and opening with
 * its `hidden` inputs (name → value, e.g. the record it changes) and the answer's error or message
 * (`statusClassName` wraps that in a div, e.g. to span a grid's row; `hasStatus: false` leaves it
 * to the form; `statusPlacement: "last"` puts it after the form's content). `validation: "browser"`
 * keeps the browser's own checks of `required` fields, for forms that show no field errors; `confirm`
 * names the question to ask before it submits (given the button pressed; null: none) and the form is
 * not sent unless the person agrees.
 */
export function ActionForm({
  form,
  className,
  hidden = {},
  statusClassName,
  hasStatus = true,
  statusPlacement = "first",
  validation = "action",
  confirm,
  children,
}: {
  form: ActionFormState;
  className?: string;
  hidden?: Record<string, string | undefined>;
  statusClassName?: string;
  hasStatus?: boolean;
  statusPlacement?: "first" | "last";
  validation?: "action" | "browser";
  confirm?: (submitter: HTMLButtonElement | null) => string | null;
  children: ReactNode;
}) {
  const line = hasStatus ? <FormStatus error={form.state.error} message={form.state.message} /> : null;
  const status = line && statusClassName !== undefined ? <div className={statusClassName}>{line}</div> : line;
  return (
    <form
      key={form.state.nonce}
      action={form.formAction}
      className={className}
      noValidate={validation === "action"}
      onSubmit={confirm ? (event) => askFirst(event, confirm) : undefined}
    >
      {Object.entries(hidden).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {statusPlacement === "first" ? status : null}
      {children}
      {statusPlacement === "last" ? status : null}
    </form>
  );
}

type ActionFormProps = ComponentProps<typeof ActionForm>;

/**
 * The form of one change to one record: `hidden` names the record, `children` are its fields (a
 * function of the form where they show its last values or errors), then its one submit button
 * (`submit`: the button's words and look). The rest as ActionForm's.
 */
export function RecordForm({
  action,
  submit: { label, ...button },
  children,
  ...options
}: Omit<ActionFormProps, "form" | "children"> & {
  action: FormAction;
  submit: { label: ReactNode } & Omit<ComponentProps<typeof SubmitButton>, "isPending" | "children">;
  children?: ReactNode | ((form: ReturnType<typeof useActionForm>) => ReactNode);
}) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} {...options}>
      {typeof children === "function" ? children(form) : children}
      <SubmitButton isPending={form.isPending} {...button}>
        {label}
      </SubmitButton>
    </ActionForm>
  );
}

/** Cancels the submission unless the person agrees to the question `confirm` asks of the button pressed (if any). */
function askFirst(event: FormEvent<HTMLFormElement>, confirm: (submitter: HTMLButtonElement | null) => string | null) {
  const question = confirm((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null);
  if (question !== null && !window.confirm(question)) event.preventDefault();
}

/** The submit button of an ActionForm: disabled while the action runs, then saying `pendingLabel` if given. */
export function SubmitButton({
  isPending,
  pendingLabel,
  children,
  ...props
}: Omit<ComponentProps<typeof Button>, "type" | "disabled"> & { isPending: boolean; pendingLabel?: ReactNode }) {
  return (
    <Button type="submit" disabled={isPending} {...props}>
      {isPending && pendingLabel !== undefined ? pendingLabel : children}
    </Button>
  );
}
