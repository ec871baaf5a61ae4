"use client";

import { useId, useRef } from "react";
import type { Column } from "./data-table";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";

/** A native <dialog> listing the optional columns; the choice is saved per table. */
export function ColumnPicker<T>({
  columns,
  visible,
  onChange,
  onReset,
}: {
  columns: Column<T>[];
  visible: string[];
  onChange: (ids: string[]) => void;
  onReset: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const optional = columns.filter((c) => !c.isRequired);
  const close = () => {
    dialog.current?.close();
    opener.current?.focus();
  };
  return (
    <>
      <Button ref={opener} variant="secondary" onClick={() => dialog.current?.showModal()}>
        Columns
      </Button>
      <ModalDialog ref={dialog} titleId={titleId} width="w-80" onClose={() => opener.current?.focus()}>
        <form method="dialog" className="p-4" onSubmit={close}>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Columns to show
          </h2>
          <fieldset className="mt-3 space-y-2">
            <legend className="sr-only">Columns</legend>
            {optional.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={visible.includes(c.id)}
                  onChange={(e) => onChange(e.target.checked ? [...visible, c.id] : visible.filter((v) => v !== c.id))}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {c.label}
              </label>
            ))}
          </fieldset>
          <div className="mt-4 flex justify-between">
            <Button variant="ghost" onClick={onReset}>
              Reset to default
            </Button>
            <Button type="submit" autoFocus>
              Done
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
