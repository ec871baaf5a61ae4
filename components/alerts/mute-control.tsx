"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { FormError, TextAreaField, TextField } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { certificateKeys } from "@/lib/queries/certificates";
import { fetchJson } from "@/lib/queries/query-client";

export type CurrentMute = { id: string; reason: string; mutedUntil: Date | string };

const DAY_MS = 86_400_000;
// the service allows 366 days; the picker stays inside that whatever the time zone
const MAX_DAYS = 365;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Mutes a certificate's expiry alerts until a date, with a reason, or lifts the mute. The form
 * sits in a native modal <dialog>: focus moves to the reason, stays inside, and returns to the
 * button that opened it.
 */
export function MuteControl({
  certificateId,
  mute: initialMute,
  canMute,
}: {
  certificateId: string;
  mute: CurrentMute | null;
  canMute: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const lifter = useRef<HTMLButtonElement>(null);
  // set when focus must follow a change: the button that had it is replaced by another one
  const focusAfterChange = useRef<"lifter" | "opener" | null>(null);
  const titleId = useId();
  const [mute, setMute] = useState(initialMute);
  const [error, setError] = useState<string>();
  const [liftError, setLiftError] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    // wait until the request is over: a disabled button cannot take focus
    if (isBusy) return;
    const target =
      focusAfterChange.current === "lifter"
        ? lifter.current
        : focusAfterChange.current === "opener"
          ? opener.current
          : null;
    focusAfterChange.current = null;
    target?.focus();
  }, [mute, isBusy]);

  /**
   * Runs a mute change with the buttons disabled: on success reloads what shows the mute and says
   * `done`; on failure shows the server's answer (or `fallback`) through `setFailure`.
   */
  const change = async (
    request: () => Promise<void>,
    done: string,
    setFailure: (message: string | undefined) => void,
    fallback: string,
  ) => {
    setIsBusy(true);
    setFailure(undefined);
    try {
      await request();
      setNotice(undefined);
      router.refresh();
      await queryClient.invalidateQueries({ queryKey: certificateKeys.detail(certificateId) });
      setNotice(done);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : fallback);
    } finally {
      setIsBusy(false);
    }
  };

  async function onMute(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = String(form.get("reason") ?? "").trim();
    const until = String(form.get("mutedUntil") ?? "");
    if (reason.length < 3)
      return setError("Give a reason (at least 3 characters): the audit log and other admins will see it.");
    if (!until) return setError("Pick the date the alerts should resume.");
    // end of the chosen day, UTC: "until 5 May" includes 5 May
    const mutedUntil = new Date(`${until}T23:59:59Z`);
    await change(
      async () => {
        const { mute: created } = await fetchJson<{ mute: CurrentMute }>("/api/v1/alerts/mutes", {
          method: "POST",
          body: JSON.stringify({ certificateId, reason, mutedUntil: mutedUntil.toISOString() }),
        });
        focusAfterChange.current = "lifter";
        setMute(created);
        dialog.current?.close();
      },
      "Alerts muted.",
      setError,
      "Could not mute the alerts",
    );
  }

  async function onLift() {
    if (!mute) return;
    await change(
      async () => {
        await fetchJson(`/api/v1/alerts/mutes?muteId=${encodeURIComponent(mute.id)}`, { method: "DELETE" });
        focusAfterChange.current = "opener";
        setMute(null);
      },
      "Mute lifted: alerts resume with the next sweep.",
      setLiftError,
      "Could not lift the mute",
    );
  }

  const today = new Date();
  return (
    <Card title="Expiry alerts" className="my-6">
      <div className="space-y-2 text-sm" data-testid="mute-control">
        {mute ? (
          <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
            <p className="font-medium text-slate-800">
              Expiry alerts muted until <DateText date={mute.mutedUntil} />
            </p>
            <p className="mt-1 text-slate-600">Reason: {mute.reason}</p>
            {canMute ? (
              <Button ref={lifter} variant="secondary" className="mt-2" disabled={isBusy} onClick={onLift}>
                {isBusy ? "Lifting…" : "Lift mute"}
              </Button>
            ) : null}
          </div>
        ) : canMute ? (
          <>
            <p className="text-slate-600">
              Expiry alerts are on for this certificate. Mute them when it is being retired or already replaced.
            </p>
            <Button
              ref={opener}
              variant="secondary"
              onClick={() => {
                setError(undefined);
                dialog.current?.showModal();
              }}
            >
              Mute alerts…
            </Button>
          </>
        ) : (
          <p className="text-slate-600">Expiry alerts are on for this certificate.</p>
        )}
        <FormError message={liftError} />
        <p role="status" className="text-emerald-700">
          {notice}
        </p>
        <ModalDialog
          ref={dialog}
          titleId={titleId}
          width="w-[28rem] max-w-[95vw]"
          onClose={() => opener.current?.focus()}
        >
          <form onSubmit={onMute} className="space-y-4 p-5" noValidate>
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Mute expiry alerts
            </h2>
            <p className="text-slate-600">
              For a certificate being retired or already replaced. Alerts resume on the date you pick, or when the mute
              is lifted.
            </p>
            <FormError message={error} />
            <TextAreaField
              label="Reason"
              name="reason"
              rows={3}
              required
              minLength={3}
              maxLength={500}
              autoFocus
              placeholder="e.g. replaced by the 2027 certificate, retiring on 1 May"
            />
            <TextField
              label="Mute until (inclusive)"
              name="mutedUntil"
              type="date"
              required
              min={isoDay(new Date(today.getTime() + DAY_MS))}
              max={isoDay(new Date(today.getTime() + MAX_DAYS * DAY_MS))}
              defaultValue={isoDay(new Date(today.getTime() + 30 * DAY_MS))}
              hint={`At most ${MAX_DAYS} days ahead`}
            />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </Button>
              <Button type="submit" disabled={isBusy}>
                {isBusy ? "Muting…" : "Mute alerts"}
              </Button>
            </div>
          </form>
        </ModalDialog>
      </div>
    </Card>
  );
}
