"use client";

import { useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { FormError } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import {
  checkRevocationNow,
  invalidateAfterRevocationChange,
  revocationStatusQuery,
  type CheckNowResult,
  type RevocationStatusView,
} from "@/lib/queries/revocation";
import { DeadlineBadge, deadlineView, formatUtc, reasonLabel } from "./deadline";
import { ImpactPlanner } from "./impact-planner";
import { RecordRevocationDialog } from "./record-revocation-dialog";

const STATUS: Record<RevocationStatusView["revocationStatus"], { tone: Tone; glyph: string; text: string }> = {
  good: { tone: "green", glyph: "✓", text: "good — not revoked" },
  revoked: { tone: "red", glyph: "✕", text: "revoked" },
  unknown: { tone: "amber", glyph: "?", text: "unknown — no valid answer" },
  unchecked: { tone: "slate", glyph: "○", text: "not checked yet" },
};

/** Revocation status, "check now", revocation requests and the impact planner of one certificate. */
export function RevocationPanel({ certificateId, canTriage }: { certificateId: string; canTriage: boolean }) {
  const queryClient = useQueryClient();
  const status = useQuery(revocationStatusQuery(certificateId));
  const [outcome, setOutcome] = useState<{ tone: "ok" | "error"; text: string }>();

  const check = useMutation({
    mutationFn: () => checkRevocationNow(certificateId),
    onSuccess: (result) => setOutcome(describeCheck(result)),
    onError: (e) =>
      setOutcome({
        tone: "error",
        text: `The check could not run: ${e instanceof Error ? e.message : "unknown error"}`,
      }),
    onSettled: () => invalidateAfterRevocationChange(queryClient, certificateId),
  });

  return (
    <section aria-label="Revocation checks and requests" className="mt-6 space-y-6" data-testid="revocation-panel">
      <Card
        title="Revocation status"
        action={
          canTriage ? (
            <div className="flex gap-2">
              <Button
                variant="secondary"
                onClick={() => {
                  setOutcome(undefined);
                  check.mutate();
                }}
                disabled={check.isPending}
              >
                {check.isPending ? "Checking…" : "Check now"}
              </Button>
              <RecordRevocationDialog
                certificateId={certificateId}
                onRecorded={(text) => setOutcome({ tone: "ok", text })}
              />
            </div>
          ) : null
        }
      >
        {outcome ? (
          <div
            role={outcome.tone === "error" ? "alert" : "status"}
            data-testid="revocation-outcome"
            className={`mb-4 rounded-md border px-3 py-2 text-sm ${outcome.tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800"}`}
          >
            {outcome.text}
          </div>
        ) : null}
        {status.isPending ? <p className="text-sm text-slate-500">Loading revocation status…</p> : null}
        {status.isError ? (
          <FormError message={`Could not load the revocation status: ${status.error.message}`} />
        ) : null}
        {status.data ? <StatusFacts s={status.data} /> : null}
      </Card>
      {status.data ? <RequestsCard requests={status.data.requests} /> : null}
      <Card title="Impact planner: what would a revocation invalidate?">
        <ImpactPlanner certificateId={certificateId} />
      </Card>
    </section>
  );
}

function describeCheck(result: CheckNowResult): { tone: "ok" | "error"; text: string } {
  const r = result.revocation;
  if (result.summary.noRevocationInfo > 0)
    return { tone: "error", text: "Nothing to check: the certificate names no OCSP responder and no CRL." };
  if (result.summary.errors > 0 || !r)
    return {
      tone: "error",
      text: `The check failed: ${stripTimestamp(r?.revocationError) ?? "no answer from the CRL or OCSP responder"}`,
    };
  if (r.revocationStatus === "revoked")
    return {
      tone: "error",
      text: `Checked: revoked${r.revocationReason ? ` (${reasonLabel(r.revocationReason)})` : ""}.`,
    };
  if (r.revocationStatus === "unknown")
    return { tone: "error", text: `Checked: status unknown. ${stripTimestamp(r.revocationError) ?? ""}`.trim() };
  return { tone: "ok", text: `Checked: not revoked (${r.revocationSource?.toUpperCase() ?? "?"}).` };
}

/** revocationError starts with the ISO time of the failed attempt. */
function stripTimestamp(error: string | null | undefined): string | null {
  if (!error) return null;
  return error.replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+/, "");
}

function StatusFacts({ s }: { s: RevocationStatusView }) {
  const v = STATUS[s.revocationStatus] ?? STATUS.unknown;
  const items: [string, ReactNode][] = [
    [
      "Status",
      <Badge key="s" tone={v.tone}>
        <span aria-hidden>{v.glyph}</span>
        {v.text}
      </Badge>,
    ],
    ["Reason", s.revocationReason ? reasonLabel(s.revocationReason) : null],
    ["Revoked at", s.revokedAt ? <DateText date={s.revokedAt} /> : null],
    [
      "Source",
      s.revocationSource
        ? s.revocationSource === "recorded"
          ? "recorded in Signet (not yet published by the CA)"
          : s.revocationSource.toUpperCase()
        : null,
    ],
    ["Checked at", s.revocationCheckedAt ? <DateText date={s.revocationCheckedAt} /> : "never answered"],
    ["This update", s.revocationThisUpdate ? <DateText date={s.revocationThisUpdate} /> : null],
    ["Next update", s.revocationNextUpdate ? <DateText date={s.revocationNextUpdate} /> : null],
    [
      "Last error",
      s.revocationError ? (
        <span className="whitespace-normal break-words text-red-800" data-testid="revocation-last-error">
          {s.revocationError}
        </span>
      ) : null,
    ],
  ];
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      {items
        .filter(([, value]) => value !== null)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 text-slate-900">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function RequestsCard({ requests }: { requests: RevocationStatusView["requests"] }) {
  const [now] = useState(() => new Date());
  return (
    <Card title={`Revocation requests (${requests.length})`}>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-500">
          None recorded. Record one when you ask the CA to revoke this certificate; Signet tracks the CSBR deadline.
        </p>
      ) : (
        <Table
          caption="Revocation requests of this certificate"
          columns={["State", "Kind", "Reason", "Requested", "Deadline", "Note"]}
        >
          {requests.map((r) => (
            <tr key={r.id}>
              <Td>
                <DeadlineBadge view={deadlineView(r, now)} />
              </Td>
              <Td>{r.kind === "requested" ? "request" : "recorded revoked"}</Td>
              <Td>{reasonLabel(r.reason)}</Td>
              <Td>{formatUtc(r.requestedAt)}</Td>
              <Td>
                <div>{formatUtc(r.deadlineAt)}</div>
                <div className="text-xs text-slate-500">
                  <DateText date={r.deadlineAt} now={now} />
                </div>
              </Td>
              <Td>
                <div className="max-w-xs whitespace-normal break-words">{r.note ?? "—"}</div>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
