"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
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

const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

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
      <button ref={opener} type="button" className={buttonClass("secondary")} onClick={open}>
        Record revocation / request…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[34rem] max-w-[95vw] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        onClose={() => opener.current?.focus()}
      >
        <form onSubmit={submit} className="space-y-4 p-5" noValidate>
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            Record revocation or request
          </h2>
          <p className="text-sm text-slate-600">
            The CA must revoke within 24 hours for key compromise or suspect code and within 5 days otherwise (CSBR
            §4.9.1.1). A later CRL/OCSP check that sees the revocation confirms the request.
          </p>
          {error ? <FormError message={error} /> : null}
          <div>
            <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-700">
              What happened
            </label>
            <select
              ref={firstField}
              id={`${id}-kind`}
              name="kind"
              className={INPUT}
              value={kind}
              onChange={(e) => setKind(e.target.value as RevocationRequestKind)}
            >
              <option value="requested">We asked the CA to revoke it (request)</option>
              <option value="recorded-revoked">The CA says it is revoked (record as revoked)</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
              Reason (RFC 5280)
            </label>
            <select
              id={`${id}-reason`}
              name="reason"
              className={INPUT}
              value={reason}
              onChange={(e) => isRevocationReason(e.target.value) && setReason(e.target.value)}
            >
              {REVOCATION_REASONS.filter((r) => r !== "removeFromCRL").map((r) => (
                <option key={r} value={r}>
                  {REASON_LABELS[r]} ({r})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-requestedAt`} className="block text-sm font-medium text-slate-700">
              Requested at (your local time)
            </label>
            <input
              id={`${id}-requestedAt`}
              name="requestedAt"
              type="datetime-local"
              required
              className={INPUT}
              value={requestedAt}
              onChange={(e) => setRequestedAt(e.target.value)}
            />
          </div>
          {kind === "recorded-revoked" ? (
            <div>
              <label htmlFor={`${id}-revokedAt`} className="block text-sm font-medium text-slate-700">
                Revoked from (optional, local time)
              </label>
              <input id={`${id}-revokedAt`} name="revokedAt" type="datetime-local" className={INPUT} />
              <p className="mt-1 text-xs text-slate-500">
                Default: the request time. The CA may backdate it to the first suspected misuse.
              </p>
            </div>
          ) : null}
          <div>
            <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
              Note (optional)
            </label>
            <textarea
              id={`${id}-note`}
              name="note"
              rows={2}
              maxLength={2000}
              className={INPUT}
              placeholder="e.g. CA ticket number, who reported the compromise"
            />
          </div>
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
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("ghost")} onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={buttonClass("primary")} disabled={mutation.isPending}>
              {mutation.isPending ? "Recording…" : "Record"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
