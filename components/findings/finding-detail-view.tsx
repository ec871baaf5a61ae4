"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { SeverityBadge, Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Facts, Mono } from "@/components/inventory/facts";
import { QueryError, ListLoading } from "@/components/tables/list-status";
import { FindingStateBadge, subjectHref } from "./finding-table";
import { FindingTimeline } from "./finding-timeline";
import { FindingTriage } from "./finding-triage";
import { findingDetailQuery } from "@/lib/queries/findings";

const link = "font-medium text-indigo-700 hover:underline";

export function FindingDetailView({ id, canTriage }: { id: string; canTriage: boolean }) {
  const query = useQuery(findingDetailQuery(id));
  if (query.isError) return <QueryError what="this finding" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <ListLoading what="the finding" />;
  const f = query.data;
  const href = subjectHref(f);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <SeverityBadge severity={f.severity} />
        <span data-testid="finding-state">
          <FindingStateBadge state={f.state} until={f.acceptedUntil} />
        </span>
        {f.scope === "csbr" ? (
          <Badge tone="blue" title="Binding on publicly-trusted code-signing CAs; good practice for private PKIs">
            CSBR
          </Badge>
        ) : null}
        {canTriage ? <FindingTriage finding={f} /> : null}
      </div>
      <Card title="What was found">
        <p className="text-sm text-slate-900">{f.message}</p>
        <div className="mt-4">
          <Facts
            items={[
              [
                "About",
                <span key="s">
                  {f.subjectType}{" "}
                  {href ? (
                    <Link className={link} href={href}>
                      {f.subjectLabel}
                    </Link>
                  ) : (
                    f.subjectLabel
                  )}
                </span>,
              ],
              [
                "Rule",
                <code key="r" className="text-xs">
                  {f.ruleId}
                </code>,
              ],
              ["Threshold", f.threshold],
              ["Standard", f.standard],
              ["OWASP NHI Top 10", f.nhiLabels.length ? f.nhiLabels.join(" · ") : null],
              ["First seen", <DateText key="fs" date={f.firstSeenAt} />],
              ["Last seen", <DateText key="ls" date={f.lastSeenAt} />],
              ["Resolved", f.resolvedAt ? <DateText date={f.resolvedAt} /> : null],
            ]}
          />
        </div>
      </Card>
      <Card title="How to fix">
        <p className="whitespace-pre-line text-sm text-slate-800">
          {f.howToFix ?? "No guidance recorded for this rule."}
        </p>
      </Card>
      {f.triageReason ? (
        <Card title="Triage">
          <Facts
            items={[
              [
                "Reason",
                <span key="r" data-testid="triage-reason">
                  {f.triageReason}
                </span>,
              ],
              ["Accepted until", f.acceptedUntil ? <DateText date={f.acceptedUntil} /> : null],
            ]}
          />
        </Card>
      ) : null}
      <Card title="Evidence">
        {Object.keys(f.evidence).length === 0 ? (
          <p className="text-sm text-slate-500">No structured evidence recorded.</p>
        ) : (
          <Facts
            items={Object.entries(f.evidence).map(([k, v]) => [
              k,
              <Mono key={k}>{typeof v === "string" ? v : JSON.stringify(v)}</Mono>,
            ])}
          />
        )}
      </Card>
      <Card title="Timeline">
        <FindingTimeline entries={f.timeline} />
      </Card>
    </div>
  );
}
