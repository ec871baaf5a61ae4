"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, Stat } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { ExpiryChart } from "@/components/charts/expiry-chart";
import { QueryError, ListLoading } from "@/components/tables/list-status";
import { overviewQuery } from "@/lib/queries/overview";
import { rankToday } from "@/lib/domain/today";
import { TodayCard } from "@/components/inventory/today-card";

const n = (v: number) => v.toLocaleString("en");
const link = "font-semibold text-slate-900 hover:text-indigo-700 hover:underline";

export function OverviewClient({
  isOwner,
  canSeeCampaigns,
  canWrite,
}: {
  isOwner: boolean;
  canSeeCampaigns: boolean;
  /** may change signers: the one-click suspend and reassign */
  canWrite: boolean;
}) {
  const query = useQuery(overviewQuery());
  if (query.isError) return <QueryError what="the overview" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <ListLoading what="the overview" />;
  const o = query.data;
  const maxNhi = Math.max(1, ...o.findingsByNhi.map((x) => x.count));
  const c = o.certificates;
  const tone = (count: number, bad: "red" | "amber") => (count ? bad : "green");
  const today = rankToday(o, { campaignHref: canSeeCampaigns ? undefined : () => "/tasks", canWrite });
  return (
    <div className="space-y-6">
      <TodayCard items={today} isOwner={isOwner} />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-8">
        <Stat
          label="Signers"
          value={n(o.signers.total.count)}
          href={o.signers.total.href}
          count={o.signers.total.count}
          hint={`${n(o.signers.active.count)} active`}
        />
        <Stat
          label="Orphaned signers"
          value={n(o.signers.orphaned.count)}
          href={o.signers.orphaned.href}
          count={o.signers.orphaned.count}
          tone={tone(o.signers.orphaned.count, "red")}
          hint="no active primary owner"
        />
        <Stat
          label="Certificates"
          value={n(c.total.count)}
          href={c.total.href}
          count={c.total.count}
          hint="all states"
        />
        <Stat label="Valid" value={n(c.valid.count)} href={c.valid.href} count={c.valid.count} tone="green" />
        <Stat
          label="Expiring soon"
          value={n(c.expiring.count)}
          href={c.expiring.href}
          count={c.expiring.count}
          tone={tone(c.expiring.count, "amber")}
          hint={`≤ ${o.expiringWithinDays.leaf} days (CAs ≤ ${o.expiringWithinDays.ca}), by the alert policy`}
        />
        <Stat
          label="Expired"
          value={n(c.expired.count)}
          href={c.expired.href}
          count={c.expired.count}
          tone={tone(c.expired.count, "red")}
          hint="not replaced by a renewal"
        />
        <Stat
          label="Revoked"
          value={n(c.revoked.count)}
          href={c.revoked.href}
          count={c.revoked.count}
          tone={tone(c.revoked.count, "red")}
        />
        <Stat
          label="Superseded"
          value={n(c.superseded.count)}
          href={c.superseded.href}
          count={c.superseded.count}
          hint="replaced by a renewal: history"
        />
      </div>

      <Card title="Certificates expiring per week">
        <ExpiryChart weeks={o.expiryWeeks} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title={`Open findings by severity (${n(o.openFindings.count)})`}
          action={
            <Link
              href={o.openFindings.href}
              data-count={o.openFindings.count}
              className="text-sm text-indigo-700 hover:underline"
            >
              All open findings
            </Link>
          }
        >
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-5">
            {o.findingsBySeverity.map((s) => (
              <li key={s.severity} className="flex flex-col items-start gap-1">
                <SeverityBadge severity={s.severity} />
                <Link
                  href={s.href}
                  data-count={s.count}
                  className={`text-2xl ${link}`}
                  aria-label={`${n(s.count)} open ${s.severity} findings`}
                >
                  {n(s.count)}
                </Link>
              </li>
            ))}
          </ul>
          <h3 className="mt-6 text-sm font-semibold text-slate-800">Risk to act on</h3>
          <ul className="mt-2 space-y-2 text-sm">
            <li className="flex justify-between gap-4">
              <span>Keys overdue for rotation</span>
              <Link className={link} href={o.rotationOverdueKeys.href} data-count={o.rotationOverdueKeys.count}>
                {n(o.rotationOverdueKeys.count)}
              </Link>
            </li>
            <li className="flex justify-between gap-4">
              <span>Revoked certificates still in use</span>
              <Link
                className={`${link} ${o.revokedInUse.count ? "text-red-700" : ""}`}
                href={o.revokedInUse.href}
                data-count={o.revokedInUse.count}
              >
                {n(o.revokedInUse.count)}
              </Link>
            </li>
            {o.failedDeliveries !== null ? (
              <li className="flex justify-between gap-4">
                <span>Alert emails that failed to send</span>
                <Link
                  className={`${link} ${o.failedDeliveries.count ? "text-red-700" : ""}`}
                  href={o.failedDeliveries.href}
                  data-count={o.failedDeliveries.count}
                >
                  {n(o.failedDeliveries.count)}
                </Link>
              </li>
            ) : null}
          </ul>
        </Card>

        <Card title="Open findings by OWASP NHI Top 10 (2025)">
          <ul className="space-y-1.5 text-sm">
            {o.findingsByNhi.map((x) => (
              <li key={x.nhi} className="grid grid-cols-[minmax(0,15rem)_1fr_4rem] items-center gap-3">
                <span className="truncate" title={x.title}>
                  <span className="font-medium">{x.nhi}</span> {x.title}
                </span>
                <span aria-hidden className="h-2 rounded bg-slate-100">
                  <span className="block h-2 rounded bg-indigo-500" style={{ width: `${(x.count / maxNhi) * 100}%` }} />
                </span>
                <Link
                  href={x.href}
                  data-count={x.count}
                  className={`text-right ${link}`}
                  aria-label={`${n(x.count)} open findings in ${x.nhi} ${x.title}`}
                >
                  {n(x.count)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <Card title="Attestation campaigns">
        {o.campaigns.length === 0 ? (
          <p className="text-sm text-slate-600">
            No campaigns yet.{" "}
            {canSeeCampaigns
              ? "Start one to have owners confirm each signer is still needed, its privileges and its key custody."
              : "When the security team starts one, your attestation tasks appear here."}
          </p>
        ) : (
          <ul className="space-y-3 text-sm">
            {o.campaigns.map((k) => {
              const pct = k.total ? Math.round((k.submitted / k.total) * 100) : 0;
              return (
                <li key={k.id}>
                  <div className="flex flex-wrap justify-between gap-2">
                    <span className="font-medium">{k.name}</span>
                    <span className="text-slate-600">
                      {n(k.submitted)} of {n(k.total)} attested ({pct}%) · due <DateText date={k.dueAt} />
                      {k.overdue ? <span className="ml-2 font-medium text-red-700">{n(k.overdue)} overdue</span> : null}
                    </span>
                  </div>
                  <div
                    role="progressbar"
                    aria-label={`${k.name} progress`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={pct}
                    className="mt-1 h-2 rounded bg-slate-100"
                  >
                    <div className="h-2 rounded bg-emerald-500" style={{ width: `${pct}%` }} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      {isOwner ? null : (
        <p className="text-xs text-slate-500">
          Figures as of <DateText date={o.generatedAt} />.
        </p>
      )}
    </div>
  );
}
