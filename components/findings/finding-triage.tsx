"use client";

import { usePostForm } from "@/components/attestation/post-json";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { FindingDetail } from "@/lib/db/findings/detail";
import { allowedTriageActions } from "@/lib/domain/finding-lifecycle";
import { TRIAGE_ACTION_LABELS } from "@/lib/domain/finding-triage";
import { TriageDialog, useTriageDialogState, useTriageInvalidation, type DialogAction } from "./triage-dialog";

const REOPEN_LABEL: Record<string, string> = {
  "risk-accepted": "Lift the acceptance",
  "false-positive": "Withdraw the false-positive mark",
  acknowledged: "Back to open",
};

/**
 * The moves a person may make on this finding now (lib/domain/finding-lifecycle): acknowledge at
 * once, lift an acceptance or a mark early at once, or open the dialog for a move with a reason.
 */
export function FindingTriage({ finding }: { finding: FindingDetail }) {
  const url = `/api/v1/findings/${encodeURIComponent(finding.id)}/transitions`;
  const { error, isBusy, post } = usePostForm();
  const dialog = useTriageDialogState();
  const invalidate = useTriageInvalidation();
  const done = () => invalidate({ findingIds: [finding.id], certificateId: finding.certificateId });
  const allowed = allowedTriageActions(finding.state);
  if (allowed.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="finding-triage">
      {allowed.map((a) =>
        a === "acknowledge" || a === "reopen" ? (
          <Button key={a} variant="secondary" disabled={isBusy} onClick={() => void post(url, { action: a }, done)}>
            {a === "reopen" ? (REOPEN_LABEL[finding.state] ?? "Reopen") : TRIAGE_ACTION_LABELS[a]}
          </Button>
        ) : (
          <Button key={a} variant="secondary" onClick={(e) => dialog.open(a as DialogAction, e.currentTarget)}>
            {TRIAGE_ACTION_LABELS[a]}…
          </Button>
        ),
      )}
      {error ? <FormError message={`Not saved: ${error}`} /> : null}
      {dialog.action ? (
        <TriageDialog
          dialogRef={dialog.dialogRef}
          action={dialog.action}
          what="this finding"
          url={url}
          onDone={done}
          onClose={dialog.onClose}
        />
      ) : null}
    </div>
  );
}
