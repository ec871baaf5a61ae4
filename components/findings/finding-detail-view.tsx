"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { SeverityBadge, Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Facts, Mono } from "@/components/inventory/facts";
import { HistoryList } from "@/components/inventory/history-list";
import { QueryError, ListLoading } from "@/components/tables/list-status";
import { FindingStateBadge, subjectHref } from "./finding-table";
import { SuppressDialog } from "./suppress-dialog";
import { findingDetailQuery } from "@/lib/queries/findings";

const link = "font-medium text-indigo-700 hover:underline";

export function FindingDetailView({ id, canTriage, userLabel }: { id: string; canTriage: boolean; userLabel: string }) {
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
          <FindingStateBadge state={f.state} until={f.suppressedUntil} />
        </span>
        {f.scope === "csbr" ? (
          <Badge tone="blue" title="Binding on publicly-trusted code-signing CAs; good practice for private PKIs">
            CSBR
          </Badge>
        ) : null}
        {canTriage && f.state === "open" ? <SuppressDialog finding={f} userLabel={userLabel} /> : null}
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
      {f.suppression ? (
        <Card title="Suppression">
          <Facts
            items={[
              [
                "Reason",
                <span key="r" data-testid="suppression-reason">
                  {f.suppression.reason}
                </span>,
              ],
              ["Until", f.suppression.until ? <DateText date={f.suppression.until} /> : null],
              ["By", f.suppression.byLabel],
              ["Since", f.suppression.at ? <DateText date={f.suppression.at} /> : null],
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
      <Card title="History">
        <HistoryList events={f.history} empty="No triage yet." />
      </Card>
    </div>
  );
}
