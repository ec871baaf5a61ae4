"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { FormError, TextAreaField, TextField } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { FindingDetail } from "@/lib/db/findings/detail";
import { certificateKeys } from "@/lib/queries/certificates";
import { findingKeys, suppressFindingRequest } from "@/lib/queries/findings";
import { overviewKeys } from "@/lib/queries/overview";
import type { SuppressFindingInput } from "@/lib/services/suppress-finding";

const DAY = 86_400_000;

/**
 * Suppress a finding with a reason and an end date, in a native <dialog> (focus moves in on open
 * and back to the button on close). The page shows the suppression at once (optimistic) and rolls
 * back if the server refuses.
 */
export function SuppressDialog({ finding, userLabel }: { finding: FindingDetail; userLabel: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string>();
  const [isOpen, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const detailKey = findingKeys.detail(finding.id);
  const [defaultUntil] = useState(() => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));

  const mutation = useMutation({
    mutationFn: (input: SuppressFindingInput) => suppressFindingRequest(finding.id, input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: detailKey });
      const previous = queryClient.getQueryData<FindingDetail>(detailKey);
      const until = `${input.until}T23:59:59.999Z`;
      queryClient.setQueryData<FindingDetail>(detailKey, (f) =>
        f
          ? {
              ...f,
              state: "suppressed",
              suppressedUntil: until,
              suppressionReason: input.reason,
              suppression: {
                at: new Date().toISOString(),
                byId: null,
                byLabel: userLabel,
                reason: input.reason,
                until,
              },
            }
          : f,
      );
      return { previous };
    },
    onError: (e, _input, context) => {
      if (context?.previous) queryClient.setQueryData(detailKey, context.previous);
      setError(`The finding was not suppressed: ${e instanceof Error ? e.message : "unknown error"}`);
    },
    onSettled: () => {
      // only what the suppression changes: this finding, the findings lists, the overview counts
      // and the certificate page that lists it
      void queryClient.invalidateQueries({ queryKey: detailKey });
      void queryClient.invalidateQueries({ queryKey: findingKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
      if (finding.certificateId)
        void queryClient.invalidateQueries({ queryKey: certificateKeys.detail(finding.certificateId) });
    },
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const reason = String(data.get("reason") ?? "").trim();
    const until = String(data.get("until") ?? "");
    if (reason.length < 10) return setError("Give a reason of at least 10 characters: it goes into the audit log.");
    if (!until) return setError("Choose the last day of the suppression.");
    setError(undefined);
    mutation.mutate({ reason, until });
    dialog.current?.close();
  };

  return (
    <>
      <Button
        ref={opener}
        variant="secondary"
        onClick={() => {
          setError(undefined);
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Suppress…
      </Button>
      {error && !isOpen ? <FormError message={error} /> : null}
      <ModalDialog
        ref={dialog}
        titleId={titleId}
        width="w-[32rem] max-w-[95vw]"
        onClose={() => {
          setOpen(false);
          opener.current?.focus();
        }}
      >
        <form onSubmit={submit} className="space-y-4 p-5" noValidate>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            Suppress this finding
          </h2>
          <p className="text-sm text-slate-600">
            The finding leaves the open lists until the end date and then comes back by itself. Your reason and name are
            recorded in the audit log.
          </p>
          {error ? <FormError message={error} /> : null}
          <TextAreaField
            label="Reason"
            name="reason"
            id={`${titleId}-reason`}
            rows={3}
            required
            minLength={10}
            maxLength={1000}
            autoFocus
            placeholder="e.g. Renewal ordered from the CA, ticket SEC-123"
          />
          <TextField
            label="Suppressed until (last day)"
            name="until"
            id={`${titleId}-until`}
            type="date"
            required
            defaultValue={defaultUntil}
            hint="At most 365 days."
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit">Suppress finding</Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
