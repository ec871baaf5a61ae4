"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FindingListRow } from "@/lib/db/findings/list";
import type { BulkTriageResult } from "@/lib/services/bulk-triage-findings";
import { TriageDialog, useTriageDialogState, useTriageInvalidation, type DialogAction } from "./triage-dialog";

export type Selection = {
  ids: ReadonlySet<string>;
  toggle: (id: string, isOn: boolean) => void;
  set: (ids: string[]) => void;
};

const BULK_ACTIONS: { action: DialogAction; label: string }[] = [
  { action: "acknowledge", label: "Acknowledge…" },
  { action: "accept-risk", label: "Accept the risk…" },
  { action: "mark-false-positive", label: "Mark as false positive…" },
];

/**
 * Bulk triage over the findings list: select rows of the page shown, then one move with one reason
 * for all of them. Findings whose state does not allow the move are skipped and named afterwards.
 */
export function BulkTriageBar({ selection, pageRows }: { selection: Selection; pageRows: FindingListRow[] }) {
  const dialog = useTriageDialogState();
  const invalidate = useTriageInvalidation();
  const [outcome, setOutcome] = useState<string>();
  // only rows of the page on screen: a selection never reaches rows the person cannot see
  const ids = pageRows.filter((r) => selection.ids.has(r.id)).map((r) => r.id);
  const isAllSelected = pageRows.length > 0 && ids.length === pageRows.length;
  const count = `${ids.length} selected finding${ids.length === 1 ? "" : "s"}`;
  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2"
      data-testid="bulk-triage"
      aria-label="Bulk triage"
      role="group"
    >
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={isAllSelected}
          disabled={pageRows.length === 0}
          onChange={(e) => selection.set(e.currentTarget.checked ? pageRows.map((r) => r.id) : [])}
        />
        Select this page
      </label>
      <span className="text-sm text-slate-600" aria-live="polite">
        {ids.length ? count : "Select findings to triage them together"}
      </span>
      {BULK_ACTIONS.map((b) => (
        <Button
          key={b.action}
          variant="secondary"
          disabled={ids.length === 0}
          onClick={(e) => {
            setOutcome(undefined);
            dialog.open(b.action, e.currentTarget);
          }}
        >
          {b.label}
        </Button>
      ))}
      {outcome ? (
        <p role="status" className="w-full text-sm text-slate-700" data-testid="bulk-triage-outcome">
          {outcome}
        </p>
      ) : null}
      {dialog.action ? (
        <TriageDialog<BulkTriageResult>
          dialogRef={dialog.dialogRef}
          action={dialog.action}
          what={count}
          url="/api/v1/findings/transitions"
          body={{ ids }}
          onDone={(answer) => {
            const skipped = answer.skipped.length
              ? `; ${answer.skipped.length} skipped (${[...new Set(answer.skipped.map((s) => s.message))].join("; ")})`
              : "";
            setOutcome(`${answer.changed.length} changed${skipped}.`);
            selection.set([]);
            invalidate({ findingIds: answer.changed.map((c) => c.id) });
          }}
          onClose={dialog.onClose}
        />
      ) : null}
    </div>
  );
}
