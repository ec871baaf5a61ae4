"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import type { TaskListRow } from "@/lib/db/attestations/task-list";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { taskKeys, taskListQuery } from "@/lib/queries/tasks";
import { postJson } from "./post-json";

const TONE = { pending: "amber", overdue: "red", done: "green" } as const;

function taskColumns(selected: string[], toggle: (id: string, isOn: boolean) => void): Column<TaskListRow>[] {
  return [
    {
      id: "select",
      label: "Select",
      isLabelHidden: true,
      isRequired: true,
      className: "w-10",
      render: (t) =>
        t.state !== "done" ? (
          <input
            type="checkbox"
            aria-label={`Select ${t.signer.name}`}
            checked={selected.includes(t.id)}
            onChange={(e) => toggle(t.id, e.target.checked)}
          />
        ) : null,
    },
    {
      id: "signer",
      label: "Signer",
      priority: 1,
      render: (t) => <span className="font-medium text-slate-900">{t.signer.name}</span>,
    },
    { id: "campaign", label: "Campaign", priority: 3, render: (t) => t.campaign.name },
    { id: "due", label: "Due", priority: 2, render: (t) => t.campaign.dueAt.slice(0, 10) },
    {
      id: "state",
      label: "State",
      priority: 1,
      render: (t) => (
        <Badge tone={TONE[t.state]}>
          {t.state === "done" ? `answered ${t.submittedAt?.slice(0, 10) ?? ""}` : t.state}
        </Badge>
      ),
    },
    {
      id: "action",
      label: "Action",
      isLabelHidden: true,
      priority: 1,
      className: "text-right",
      render: (t) => (
        <Link className="font-medium text-indigo-700 hover:underline" href={`/tasks/${t.id}`}>
          {t.state === "done" ? "View or correct" : "Review and answer"}
          <span className="sr-only"> {t.signer.name}</span>
        </Link>
      ),
    },
  ];
}

/**
 * The owner's tasks on the list shell, with bulk attestation of unchanged signers (those selected on
 * this page) behind a confirmation dialog.
 */
export function TaskList() {
  const queryClient = useQueryClient();
  const list = useInventoryList(pageOnlySchema, taskListQuery);
  const data = list.query.data;
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const tasks = data?.rows ?? [];
  const open = tasks.filter((t) => t.state !== "done");
  const names = tasks.filter((t) => selected.includes(t.id)).map((t) => t.signer.name);

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
    if (!r.ok) {
      setBusy(false);
      setError(r.message);
      return;
    }
    // only the task list changed: its pages are read again before the dialog closes
    await queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
    setBusy(false);
    dialog.current?.close();
    setSelected([]);
  }

  const isAllSelected = open.length > 0 && open.every((t) => selected.includes(t.id));
  return (
    <div className="space-y-3">
      {data && data.total > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          {open.length > 1 ? (
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={isAllSelected}
                onChange={(e) => setSelected(e.target.checked ? open.map((t) => t.id) : [])}
              />
              Select all {open.length} open{data.total > tasks.length ? " on this page" : ""}
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
      ) : null}
      <InventoryList
        list={list}
        fields={[]}
        noun="task"
        count={(page) => `${countLabel(page, "task")}, ${(data?.openCount ?? 0).toLocaleString("en")} to answer`}
        what="your tasks"
        empty={{
          none: {
            title: "No attestation tasks",
            text: "When the security team starts a campaign that covers your signers, your tasks appear here and you get an email.",
          },
        }}
        table={{ caption: "My attestation tasks", columns: taskColumns(selected, toggle) }}
      />
      {data && data.total > 0 && data.openCount === 0 ? (
        <p className="text-sm text-slate-600">Nothing left to answer.</p>
      ) : null}
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
