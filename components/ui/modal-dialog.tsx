import type { FormEvent, ReactNode, RefObject } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

type ModalDialogProps = {
  ref: RefObject<HTMLDialogElement | null>;
  titleId: string;
  width: string;
  onClose: () => void;
  children: ReactNode;
};

/**
 * A native modal <dialog> named by its title (`titleId` is the id of the heading inside it): open
 * it with `ref.current.showModal()`; `onClose` runs however it closes (Escape, Cancel, submit).
 * `width` holds the width classes.
 */
export function ModalDialog({ ref, titleId, width, onClose, children }: ModalDialogProps) {
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`m-auto ${width} rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40`}
      onClose={onClose}
    >
      {children}
    </dialog>
  );
}

/**
 * A ModalDialog holding one form: its title (which names the dialog), what the form does, the
 * refusal if any, the fields, then Cancel (closes the dialog) and the submit button, which says
 * `busyLabel` while `isBusy`. `testId` and `dataAction` mark the form for tests.
 */
export function FormDialog({
  onSubmit,
  title,
  intro,
  error,
  isBusy,
  submitLabel,
  busyLabel,
  testId,
  dataAction,
  children,
  ...dialog
}: Omit<ModalDialogProps, "children"> & {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  title: ReactNode;
  intro: ReactNode;
  error?: string;
  isBusy: boolean;
  submitLabel: string;
  busyLabel: string;
  testId?: string;
  dataAction?: string;
  children: ReactNode;
}) {
  return (
    <ModalDialog {...dialog}>
      <form onSubmit={onSubmit} className="space-y-4 p-5" noValidate data-testid={testId} data-action={dataAction}>
        <h2 id={dialog.titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{intro}</p>
        <FormError message={error} />
        {children}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => dialog.ref.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={isBusy}>
            {isBusy ? busyLabel : submitLabel}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
