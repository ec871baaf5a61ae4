"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/api/action-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { FormError } from "@/components/ui/field";
import type { AuditChainStatus } from "@/lib/services/audit-chain-status";
import type { AuditChainReport } from "@/lib/services/verify-audit-chain";

const short = (hash: string) => `${hash.slice(0, 16)}…`;
const ranges = (missing: { from: number; to: number }[]) =>
  missing.map((m) => (m.from === m.to ? `${m.from}` : `${m.from}–${m.to}`)).join(", ");

/** The hash chain's state on the audit page, and "Verify now" (docs/threat-model.md: audit log). */
export function ChainPanel({ status, action }: { status: AuditChainStatus; action: FormAction<AuditChainReport> }) {
  const [state, verify, isPending] = useActionState(action, {});
  const last = status.lastVerification;
  return (
    <Card
      title="Hash chain"
      className="mb-6"
      action={
        <form action={verify}>
          <Button type="submit" variant="secondary" disabled={isPending} data-testid="verify-chain">
            {isPending ? "Verifying…" : "Verify now"}
          </Button>
        </form>
      }
    >
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm md:grid-cols-3" data-testid="chain-status">
        <div>
          <dt className="text-slate-500">Head</dt>
          <dd>
            {status.head ? (
              <>
                seq {status.head.seq}{" "}
                <code className="text-xs" title={status.head.hash}>
                  {short(status.head.hash)}
                </code>
              </>
            ) : (
              "empty log"
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Last verification</dt>
          <dd>
            {last ? (
              <>
                {last.report.isIntact ? `intact up to seq ${last.report.verifiedUpToSeq}` : "BROKEN"} ·{" "}
                <DateText date={last.at} /> by {last.by}
              </>
            ) : (
              "never verified here (or run `signet audit verify`)"
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Last anchor</dt>
          <dd>
            {status.lastAnchor ? (
              <>
                seq {status.lastAnchor.seq} · <DateText date={status.lastAnchor.at} />
              </>
            ) : (
              "none (`signet audit anchor --out <file>`)"
            )}
            {status.anchorFile ? null : (
              <span className="block text-xs text-slate-500">
                no anchor file configured: a cut-off tail cannot be seen
              </span>
            )}
          </dd>
        </div>
      </dl>
      <div className="mt-3 space-y-2" aria-live="polite">
        <FormError message={state.error} />
        {state.data ? <VerifyResult report={state.data} /> : null}
      </div>
    </Card>
  );
}

function VerifyResult({ report }: { report: AuditChainReport }) {
  if (report.isIntact)
    return (
      <p role="status" className="text-sm text-emerald-800" data-testid="chain-result">
        Intact: {report.checked} events verified up to seq {report.verifiedUpToSeq} in{" "}
        {(report.durationMs / 1000).toFixed(1)} s
        {report.anchors.length ? `, ${report.anchors.length} anchor(s) match` : ""}
        {report.pending ? `; ${report.pending} new event(s) waiting to be linked` : ""}.
      </p>
    );
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      data-testid="chain-result"
    >
      <p className="font-medium">The audit chain is broken.</p>
      <ul className="mt-1 list-disc pl-5">
        {report.firstBreak ? <li>First broken link: {report.firstBreak.message}</li> : null}
        {report.missingCount ? <li>Missing seq: {ranges(report.missing)}</li> : null}
        {report.firstBreak ? <li>{report.eventsAfterBreak} event(s) after the break</li> : null}
        {report.unchained ? <li>{report.unchained} event(s) outside the chain</li> : null}
      </ul>
    </div>
  );
}
