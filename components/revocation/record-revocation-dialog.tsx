"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField, type Option } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/modal-dialog";
import {
  isRevocationReason,
  REVOCATION_REASONS,
  revocationDeadline,
  type RevocationReason,
  type RevocationRequestKind,
} from "@/lib/domain/revocation";
import {
  invalidateAfterRevocationChange,
  recordRevocationRequest,
  type RecordRevocationInput,
} from "@/lib/queries/revocation";
import { deadlineWindowLabel, formatUtc, REASON_LABELS } from "./deadline";
import { fromLocalInputValue, toLocalInputValue } from "./local-time";

const KIND_OPTIONS: Option[] = [
  { value: "requested", label: "We asked the CA to revoke it (request)" },
  { value: "recorded-revoked", label: "The CA says it is revoked (record as revoked)" },
];
const REASON_OPTIONS: Option[] = REVOCATION_REASONS.filter((r) => r !== "removeFromCRL").map((r) => ({
  value: r,
  label: `${REASON_LABELS[r]} (${r})`,
}));

/**
 * Record a revocation (the CA says it is revoked) or a revocation request (we asked the CA), in a
 * native <dialog>: focus moves to the first field on open and back to the opener on close. The
 * CSBR deadline the request starts is shown while the form is filled in.
 */
export function RecordRevocationDialog({
  certificateId,
  onRecorded,
}: {
  certificateId: string;
  onRecorded: (message: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const id = useId();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [kind, setKind] = useState<RevocationRequestKind>("requested");
  const [reason, setReason] = useState<RevocationReason>("keyCompromise");
  const [requestedAt, setRequestedAt] = useState("");

  const mutation = useMutation({
    mutationFn: (input: RecordRevocationInput) => recordRevocationRequest(certificateId, input),
    onSuccess: ({ request }) => {
      dialog.current?.close();
      onRecorded(
        `${request.kind === "requested" ? "Revocation request" : "Revocation"} recorded: the CA must revoke by ${formatUtc(request.deadlineAt)}.`,
      );
    },
    onError: (e) => setError(`Not recorded: ${e instanceof Error ? e.message : "unknown error"}`),
    onSettled: () => invalidateAfterRevocationChange(queryClient, certificateId),
  });

  const open = () => {
    setError(undefined);
    setRequestedAt(toLocalInputValue(new Date()));
    dialog.current?.showModal();
    firstField.current?.focus();
  };

  const requested = fromLocalInputValue(requestedAt);
  const deadline = requested ? revocationDeadline(reason, requested) : null;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    if (!requested) return setError("Enter when the revocation was requested.");
    const revokedAt = fromLocalInputValue(String(data.get("revokedAt") ?? ""));
    const note = String(data.get("note") ?? "").trim();
    setError(undefined);
    mutation.mutate({
      kind,
      reason,
      requestedAt: requested.toISOString(),
      ...(kind === "recorded-revoked" && revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
      ...(note ? { note } : {}),
    });
  };

  return (
    <>
      <Button ref={opener} variant="secondary" onClick={open}>
        Record revocation / request…
      </Button>
      <FormDialog
        ref={dialog}
        titleId={`${id}-title`}
        width="w-[34rem] max-w-[95vw]"
        onClose={() => opener.current?.focus()}
        onSubmit={submit}
        title="Record revocation or request"
        intro="The CA must revoke within 24 hours for key compromise or suspect code and within 5 days otherwise (CSBR §4.9.1.1). A later CRL/OCSP check that sees the revocation confirms the request."
        error={error}
        isBusy={mutation.isPending}
        submitLabel="Record"
        busyLabel="Recording…"
      >
        <SelectField
          ref={firstField}
          label="What happened"
          name="kind"
          id={`${id}-kind`}
          options={KIND_OPTIONS}
          value={kind}
          onChange={(e) => setKind(e.target.value as RevocationRequestKind)}
        />
        <SelectField
          label="Reason (RFC 5280)"
          name="reason"
          id={`${id}-reason`}
          options={REASON_OPTIONS}
          value={reason}
          onChange={(e) => isRevocationReason(e.target.value) && setReason(e.target.value)}
        />
        <TextField
          label="Requested at (your local time)"
          name="requestedAt"
          id={`${id}-requestedAt`}
          type="datetime-local"
          required
          value={requestedAt}
          onChange={(e) => setRequestedAt(e.target.value)}
        />
        {kind === "recorded-revoked" ? (
          <TextField
            label="Revoked from (optional, local time)"
            name="revokedAt"
            id={`${id}-revokedAt`}
            type="datetime-local"
            hint="Default: the request time. The CA may backdate it to the first suspected misuse."
          />
        ) : null}
        <TextAreaField
          label="Note (optional)"
          name="note"
          id={`${id}-note`}
          rows={2}
          maxLength={2000}
          placeholder="e.g. CA ticket number, who reported the compromise"
        />
        <p
          className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
          data-testid="computed-deadline"
          aria-live="polite"
        >
          {deadline ? (
            <>
              Deadline: <strong>{formatUtc(deadline)}</strong> ({deadlineWindowLabel(reason)} after the request)
            </>
          ) : (
            "Enter the request time to see the deadline."
          )}
        </p>
      </FormDialog>
    </>
  );
}
