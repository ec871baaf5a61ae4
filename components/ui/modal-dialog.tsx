import type { ReactNode, RefObject } from "react";

/**
 * A native modal <dialog> named by its title (`titleId` is the id of the heading inside it): open
 * it with `ref.current.showModal()`; `onClose` runs however it closes (Escape, Cancel, submit).
 * `width` holds the width classes.
 */
export function ModalDialog({
  ref,
  titleId,
  width,
  onClose,
  children,
}: {
  ref: RefObject<HTMLDialogElement | null>;
  titleId: string;
  width: string;
  onClose: () => void;
  children: ReactNode;
}) {
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
