"use client";

import Link from "next/link";
import { useActionState, useId, useRef } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { FormAction } from "@/lib/api/action-state";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/domain/authz";

type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  isDisabled: boolean;
  personId: string | null;
  isPersonLeft: boolean;
  isRoleManual: boolean;
};

const SELECT =
  "block rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/**
 * Role, disable and re-enable for one user of the /admin list. Native controls only (keyboard
 * usable as they are); disabling asks for confirmation in a native <dialog>, which moves focus in and
 * back to its button. The server's answer (or refusal, e.g. the last administrator) shows in this row.
 */
export function UserAccessControls({ user, action }: { user: UserRow; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, {});
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const id = useId();
  const hidden = (name: string) => (
    <>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="action" value={name} />
    </>
  );
  return (
    <div className="space-y-2" data-testid={`access-${user.email}`}>
      <div className="flex flex-wrap items-center gap-2">
        <form action={formAction} className="flex flex-wrap items-center gap-2">
          {hidden("change-role")}
          <label htmlFor={`${id}-role`} className="sr-only">
            Role of {user.email}
          </label>
          {/* keyed by the role: after a change (and React's form reset) it shows the role now held */}
          <select key={user.role} id={`${id}-role`} name="role" defaultValue={user.role} className={SELECT}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={isPending} aria-label={`Change role of ${user.email}`}>
            Change role
          </Button>
        </form>
        <form action={formAction}>
          {hidden("set-role-manual")}
          <input type="hidden" name="isRoleManual" value={String(!user.isRoleManual)} />
          <Button
            type="submit"
            variant="secondary"
            disabled={isPending}
            aria-label={
              user.isRoleManual ? `Role from groups for ${user.email}` : `Keep role by hand for ${user.email}`
            }
          >
            {user.isRoleManual ? "Role from groups" : "Keep role by hand"}
          </Button>
        </form>
        {user.isDisabled ? (
          <form action={formAction}>
            {hidden("enable")}
            <Button type="submit" variant="secondary" disabled={isPending} aria-label={`Re-enable ${user.email}`}>
              Re-enable
            </Button>
          </form>
        ) : (
          <button
            ref={opener}
            type="button"
            className={buttonClass("danger")}
            disabled={isPending}
            aria-label={`Disable ${user.email}`}
            onClick={() => dialog.current?.showModal()}
          >
            Disable…
          </button>
        )}
      </div>
      {user.isDisabled && user.isPersonLeft && user.personId ? (
        <p className="text-xs text-slate-500">
          Their person has left:{" "}
          <Link className="text-indigo-700 underline" href={`/people/${user.personId}`}>
            mark them as back
          </Link>{" "}
          before re-enabling.
        </p>
      ) : null}
      {state.error ? <FormError message={state.error} /> : null}
      {state.message ? (
        <p role="status" className="text-sm text-emerald-700">
          {state.message}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[30rem] max-w-[95vw] whitespace-normal rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        onClose={() => opener.current?.focus()}
      >
        <form action={formAction} onSubmit={() => dialog.current?.close()} className="space-y-4 p-5">
          {hidden("disable")}
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900 wrap-anywhere">
            Disable {user.name}?
          </h2>
          <p className="text-sm text-slate-600 wrap-anywhere">
            {user.email} can no longer sign in and is signed out everywhere now. You can re-enable them later. This is
            recorded in the audit log.
          </p>
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
              Reason (optional)
            </label>
            <input
              id={`${id}-reason`}
              name="reason"
              maxLength={500}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
            />
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" className="wrap-anywhere">
              Disable {user.name}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
