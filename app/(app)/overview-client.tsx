"use client";

import Link from "next/link";
import type { ComponentProps } from "react";
import { useQuery } from "@tanstack/react-query";
import { Card, Stat } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { ExpiryChart } from "@/components/charts/expiry-chart";
import { QueryError, ListLoading } from "@/components/tables/list-status";
import { overviewQuery } from "@/lib/queries/overview";
import type { Tile } from "@/lib/db/inventory/overview";
import { rankToday } from "@/lib/domain/today";
import { TodayCard } from "@/components/inventory/today-card";

const n = (v: number) => v.toLocaleString("en");
const link = "font-semibold text-slate-900 hover:text-indigo-700 hover:underline";

/** A headline number linking to the list it counts; `alarm` colours it when not zero (green when zero). */
function TileStat({
  tile,
  alarm,
  ...props
}: { tile: Tile; alarm?: "red" | "amber" } & Omit<ComponentProps<typeof Stat>, "value" | "href" | "count">) {
  const tone = alarm ? (tile.count ? alarm : "green") : props.tone;
  return <Stat {...props} tone={tone} value={n(tile.count)} href={tile.href} count={tile.count} />;
}

/** A labelled number in a card's list, linking to what it counts; red when `isAlarming` and not zero. */
function TileRow({ label, tile, isAlarming = false }: { label: string; tile: Tile; isAlarming?: boolean }) {
  return (
    <li className="flex justify-between gap-4">
      <span>{label}</span>
      <Link
        className={isAlarming ? `${link} ${tile.count ? "text-red-700" : ""}` : link}
        href={tile.href}
        data-count={tile.count}
      >
        {n(tile.count)}
      </Link>
    </li>
  );
}

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
  const today = rankToday(o, { campaignHref: canSeeCampaigns ? undefined : () => "/tasks", canWrite });
  return (
    <div className="space-y-6">
      <TodayCard items={today} isOwner={isOwner} />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-8">
        <TileStat label="Signers" tile={o.signers.total} hint={`${n(o.signers.active.count)} active`} />
        <TileStat label="Orphaned signers" tile={o.signers.orphaned} alarm="red" hint="no active primary owner" />
        <TileStat label="Certificates" tile={c.total} hint="all states" />
        <TileStat label="Valid" tile={c.valid} tone="green" />
        <TileStat
          label="Expiring soon"
          tile={c.expiring}
          alarm="amber"
          hint={`≤ ${o.expiringWithinDays.leaf} days (CAs ≤ ${o.expiringWithinDays.ca}), by the alert policy`}
        />
        <TileStat label="Expired" tile={c.expired} alarm="red" hint="not replaced by a renewal" />
        <TileStat label="Revoked" tile={c.revoked} alarm="red" />
        <TileStat label="Superseded" tile={c.superseded} hint="replaced by a renewal: history" />
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
            <TileRow label="Keys overdue for rotation" tile={o.rotationOverdueKeys} />
            <TileRow label="Revoked certificates still in use" tile={o.revokedInUse} isAlarming />
            {o.failedDeliveries !== null ? (
              <TileRow label="Alert emails that failed to send" tile={o.failedDeliveries} isAlarming />
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
