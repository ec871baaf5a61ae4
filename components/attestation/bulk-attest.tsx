"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { postJson } from "./post-json";
import { Table } from "@/components/ui/table";

export type TaskListItem = {
  id: string;
  signerName: string;
  campaignName: string;
  due: string;
  state: "pending" | "overdue" | "done";
  answeredAt: string | null;
};

const TONE = { pending: "amber", overdue: "red", done: "green" } as const;

/** The owner's task list with bulk attestation of unchanged signers behind a confirmation dialog. */
export function TaskList({ tasks }: { tasks: TaskListItem[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const open = tasks.filter((t) => t.state !== "done");
  const names = tasks.filter((t) => selected.includes(t.id)).map((t) => t.signerName);

  function toggle(id: string, isOn: boolean) {
    setSelected((s) => (isOn ? [...s, id] : s.filter((x) => x !== id)));
  }
  function showDialog() {
    setError(undefined);
    dialog.current?.showModal();
    confirmButton.current?.focus();
  }
  function closeDialog() {
    dialog.current?.close();
    opener.current?.focus();
  }
  async function confirm() {
    setBusy(true);
    const r = await postJson("/api/v1/attestations/bulk", { attestationIds: selected });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    dialog.current?.close();
    setSelected([]);
    router.refresh();
  }

  const isAllSelected = open.length > 0 && open.every((t) => selected.includes(t.id));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {open.length > 1 ? (
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input
              type="checkbox"
              className="h-4 w-4"
              checked={isAllSelected}
              onChange={(e) => setSelected(e.target.checked ? open.map((t) => t.id) : [])}
            />
            Select all {open.length} open
          </label>
        ) : null}
        <button
          type="button"
          ref={opener}
          className={buttonClass("secondary")}
          disabled={selected.length === 0}
          onClick={showDialog}
        >
          Attest {selected.length || ""} selected as unchanged
        </button>
        <span className="text-xs text-slate-500">
          For signers where nothing changed: still needed, every grant kept, custody as recorded.
        </span>
      </div>
      <Table
        caption="My attestation tasks"
        columns={[
          { label: "Select", isVisuallyHidden: true, className: "w-10" },
          "Signer",
          "Campaign",
          "Due",
          "State",
          { label: "Action", isVisuallyHidden: true },
        ]}
      >
        {tasks.map((t) => (
          <tr key={t.id}>
            <td className="px-3 py-2">
              {t.state !== "done" ? (
                <input
                  type="checkbox"
                  aria-label={`Select ${t.signerName}`}
                  checked={selected.includes(t.id)}
                  onChange={(e) => toggle(t.id, e.target.checked)}
                />
              ) : null}
            </td>
            <td className="px-3 py-2 font-medium text-slate-900">{t.signerName}</td>
            <td className="px-3 py-2 text-slate-700">{t.campaignName}</td>
            <td className="px-3 py-2 text-slate-700">{t.due}</td>
            <td className="px-3 py-2">
              <Badge tone={TONE[t.state]}>{t.state === "done" ? `answered ${t.answeredAt ?? ""}` : t.state}</Badge>
            </td>
            <td className="px-3 py-2 text-right">
              <Link className="font-medium text-indigo-700 hover:underline" href={`/tasks/${t.id}`}>
                {t.state === "done" ? "View or correct" : "Review and answer"}
                <span className="sr-only"> {t.signerName}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>
      {open.length === 0 ? <p className="text-sm text-slate-600">Nothing left to answer.</p> : null}
      <dialog
        ref={dialog}
        aria-labelledby="bulk-title"
        onCancel={(e) => {
          e.preventDefault();
          closeDialog();
        }}
        className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 p-6">
          <h2 id="bulk-title" className="text-lg font-semibold text-slate-900">
            Attest {names.length} signer{names.length === 1 ? "" : "s"} as unchanged?
          </h2>
          <p className="text-sm text-slate-700">
            You confirm that each is still needed, keeps every grant it has, and that its key custody is as recorded:
          </p>
          <ul className="list-disc pl-5 text-sm text-slate-800">
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={closeDialog}>
              Cancel
            </Button>
            <button
              type="button"
              ref={confirmButton}
              className={buttonClass("primary")}
              onClick={confirm}
              disabled={isBusy}
            >
              {isBusy ? "Attesting…" : "Confirm attestation"}
            </button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
