"use client";

import { useId, useRef, useState, type FormEvent, type RefObject } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { usePostForm } from "@/components/attestation/post-json";
import { TextAreaField, TextField, fieldBinder } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/modal-dialog";
import { DEFAULT_LIFECYCLE_POLICY, MIN_REASON_LENGTH } from "@/lib/domain/finding-lifecycle";
import type { TriageActionType } from "@/lib/domain/finding-triage";
import { certificateKeys } from "@/lib/queries/certificates";
import { findingKeys } from "@/lib/queries/findings";
import { overviewKeys } from "@/lib/queries/overview";

const DAY = 86_400_000;

/** The moves that ask for a reason (and an end date) go through the dialog. */
export type DialogAction = Extract<TriageActionType, "acknowledge" | "accept-risk" | "mark-false-positive" | "resolve">;

const COPY: Record<DialogAction, { title: string; text: string; submit: string }> = {
  acknowledge: {
    title: "Acknowledge",
    text: "Someone is on it: acknowledged findings still count as open everywhere.",
    submit: "Acknowledge",
  },
  "accept-risk": {
    title: "Accept the risk",
    text: "The finding leaves the headline numbers and the open list until the end date, then counts as open again by itself. It stays listed under “risk accepted”.",
    submit: "Accept the risk",
  },
  "mark-false-positive": {
    title: "Mark as false positive",
    text: "The rule is wrong about this subject: the finding leaves the headline numbers and stays listed under “false positive”. The engine still resolves it if the condition clears.",
    submit: "Mark as false positive",
  },
  resolve: {
    title: "Resolve by hand",
    text: "You fixed it where Signet cannot see it. If the engine sees the condition again, it reopens the finding.",
    submit: "Resolve",
  },
};

/** Invalidates what a triage move changes: the finding(s), the findings lists, the overview, a certificate page. */
export function useTriageInvalidation() {
  const queryClient = useQueryClient();
  return (options: { findingIds: string[]; certificateId?: string | null }) => {
    for (const id of options.findingIds) void queryClient.invalidateQueries({ queryKey: findingKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: findingKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    if (options.certificateId)
      void queryClient.invalidateQueries({ queryKey: certificateKeys.detail(options.certificateId) });
  };
}

/**
 * The triage dialog: one move with its reason (and, to accept a risk, the last day it holds). It
 * stays open until the server accepts the move: a refusal is shown inside it, beside the field it
 * is about, and the values entered are kept. `url` and `body` say what to post (one finding, or the
 * selected ones); `onDone` gets the answer.
 */
export function TriageDialog<T>({
  dialogRef,
  action,
  what,
  url,
  body,
  onDone,
  onClose,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  action: DialogAction;
  /** what the move applies to, in words: "this finding", "3 selected findings" */
  what: string;
  url: string;
  body?: Record<string, unknown>;
  onDone: (answer: T) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const { error, setError, issues, isBusy, post } = usePostForm();
  const [defaultUntil] = useState(() => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  const copy = COPY[action];
  const needsReason = action !== "acknowledge";
  const bind = fieldBinder<{ reason?: string; until: string }>({ until: defaultUntil }, issues, {
    idPrefix: `${titleId}-`,
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const input = {
      ...body,
      action,
      ...(needsReason ? { reason: String(data.get("reason") ?? "") } : {}),
      ...(action === "accept-risk" ? { until: String(data.get("until") ?? "") } : {}),
    };
    void post<T>(url, input, (answer) => {
      dialogRef.current?.close();
      onDone(answer);
    });
  };

  return (
    <FormDialog
      ref={dialogRef}
      titleId={titleId}
      width="w-[32rem] max-w-[95vw]"
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      onSubmit={submit}
      title={`${copy.title}: ${what}`}
      intro={
        <>
          {copy.text} Your name{needsReason ? ", the reason" : ""} and the time go into the finding’s timeline and the
          audit log.
        </>
      }
      error={error && `Not saved: ${error}`}
      isBusy={isBusy}
      submitLabel={copy.submit}
      busyLabel="Saving…"
      testId="triage-dialog"
      dataAction={action}
    >
      {needsReason ? (
        <TextAreaField
          label="Reason"
          {...bind("reason")}
          rows={3}
          required
          minLength={MIN_REASON_LENGTH}
          maxLength={1000}
          autoFocus
          hint={`At least ${MIN_REASON_LENGTH} characters.`}
          placeholder="e.g. Renewal ordered from the CA, ticket SEC-123"
        />
      ) : null}
      {action === "accept-risk" ? (
        <TextField
          label="Accepted until (last day)"
          {...bind("until")}
          type="date"
          required
          hint={`At most ${DEFAULT_LIFECYCLE_POLICY.maxRiskAcceptanceDays} days.`}
        />
      ) : null}
    </FormDialog>
  );
}

/** Opens a TriageDialog for one of several moves; the opener gets focus back when it closes. */
export function useTriageDialogState() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [action, setAction] = useState<DialogAction | null>(null);
  const open = (next: DialogAction, from: HTMLElement) => {
    opener.current = from;
    setAction(next);
    // the dialog renders for this action first, then opens
    requestAnimationFrame(() => dialogRef.current?.showModal());
  };
  const onClose = () => {
    setAction(null);
    opener.current?.focus();
  };
  return { dialogRef, action, open, onClose };
}
