"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { ScrollBlock } from "@/components/ui/scroll-block";
import { Table, Td } from "@/components/ui/table";
import { OutboxStatusBadge } from "@/components/alerts/outbox-status-badge";
import { RetryButton } from "@/components/alerts/retry-button";
import { outboxMessageQuery } from "@/lib/queries/outbox";

function subjectHref(subjectType: string, subjectId: string, signerId?: string | null): string | null {
  if (subjectType === "certificate") return `/certificates/${subjectId}`;
  // a credential alert's subject is the credential; its signer's page shows it (a removed one has none)
  if (subjectType === "signer-credential") return signerId ? `/signers/${signerId}` : null;
  if (subjectType === "signer") return `/signers/${subjectId}`;
  return null;
}

const SUBJECT_LABEL: Record<string, string> = {
  certificate: "Certificate",
  "signer-credential": "Signer credential",
  signer: "Signer",
};

/** One email as it is (or will be) sent. The HTML runs in a sandboxed frame: no scripts, no same-origin access. */
export function OutboxMessageView({ id }: { id: string }) {
  const { data: m } = useQuery(outboxMessageQuery(id));
  if (!m) return null;
  const isRetryable = m.status === "failed" || m.status === "pending";
  return (
    <div className="space-y-6">
      <Card title="Envelope" action={isRetryable ? <RetryButton messageId={m.id} /> : null}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-500">To</dt>
          <dd>{m.recipientEmail}</dd>
          <dt className="font-medium text-slate-500">Subject</dt>
          <dd className="font-medium">{m.subject}</dd>
          <dt className="font-medium text-slate-500">Status</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <OutboxStatusBadge status={m.status} />
            <span className="text-slate-600">
              {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
            </span>
          </dd>
          <dt className="font-medium text-slate-500">Queued</dt>
          <dd>
            <DateText date={m.createdAt} />
          </dd>
          <dt className="font-medium text-slate-500">{m.status === "sent" ? "Sent" : "Next attempt"}</dt>
          <dd>
            {m.status === "sent" ? (
              <DateText date={m.sentAt} />
            ) : m.status === "pending" ? (
              <DateText date={m.nextAttemptAt} />
            ) : (
              "—"
            )}
          </dd>
          {m.lastError ? (
            <>
              <dt className="font-medium text-slate-500">Last error</dt>
              <dd className="break-words text-red-800">{m.lastError}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-2">
        <Card title="HTML part">
          <iframe
            title={`HTML preview of “${m.subject}”`}
            srcDoc={m.htmlBody}
            sandbox=""
            className="h-[32rem] w-full rounded border border-slate-200 bg-white"
          />
        </Card>
        <Card title="Plain-text part">
          <ScrollBlock
            className="h-[32rem] whitespace-pre-wrap [overflow-wrap:anywhere] p-3 text-slate-800"
            data-testid="outbox-text-body"
          >
            {m.textBody}
          </ScrollBlock>
        </Card>
      </div>
      <Card title={`Alerts carried (${m.deliveries.length})`}>
        {m.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">
            This email carries no expiry alert (for example an attestation request).
          </p>
        ) : (
          <Table caption="Alerts this email carries" columns={["Kind", "About", "Band", "Sweep run"]}>
            {m.deliveries.map((d) => {
              const href = subjectHref(d.subjectType, d.subjectId, d.signerId);
              const label = `${SUBJECT_LABEL[d.subjectType] ?? d.subjectType} ${d.subjectId.slice(0, 8)}…`;
              return (
                <tr key={`${d.subjectType}:${d.subjectId}:${d.band}`}>
                  <Td>
                    <code className="text-xs">{d.kind}</code>
                  </Td>
                  <Td>
                    {href ? (
                      <Link href={href} className="text-indigo-700 hover:underline">
                        {label}
                      </Link>
                    ) : (
                      label
                    )}
                  </Td>
                  <Td>{d.band}</Td>
                  <Td>
                    <code className="text-xs text-slate-500">{d.runId.slice(0, 8)}</code>
                  </Td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}
