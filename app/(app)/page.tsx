import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { getOverviewCounts } from "@/lib/db/overview";
import { PageHeader, Stat, EmptyState, Card } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/badge";
import { LoadDemoButton } from "./load-demo-button";

export const metadata = { title: "Overview" };

const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export default async function OverviewPage() {
  const user = await requirePageUser("inventory:read");
  const now = new Date();
  const counts = await getOverviewCounts(getDb(), user, now);
  const isEmpty = counts.signers === 0 && counts.certificates === 0;
  return (
    <>
      <PageHeader title="Overview" description={user.role === "owner" ? "The signers you own and their certificates." : "Every signing identity, its certificates and what needs attention."} />
      {isEmpty ? (
        <EmptyState
          title="The inventory is empty"
          action={can(user.role, "demo:load") ? <LoadDemoButton /> : null}
        >
          {can(user.role, "demo:load")
            ? "Register signers and import certificates through the API or the CLI (signet import), or load a realistic demo dataset to explore Signet."
            : "Nothing to show yet. An administrator registers signers and imports certificates."}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat label="Signers" value={counts.signers.toLocaleString("en")} href="/signers" hint={`${counts.activeSigners} active`} />
            <Stat label="Orphaned signers" value={counts.orphanedSigners} href="/signers?owner=orphaned" tone={counts.orphanedSigners ? "red" : "green"} hint="no active primary owner" />
            <Stat label="Certificates" value={counts.certificates.toLocaleString("en")} href="/certificates" hint={`${counts.valid} valid`} />
            <Stat label="Expiring ≤ 30 days" value={counts.expiringIn30Days} href="/certificates?expiry=30d" tone={counts.expiringIn30Days ? "amber" : "green"} />
            <Stat label="Expired" value={counts.expired} href="/certificates?status=expired" tone={counts.expired ? "red" : "green"} />
            <Stat label="Revoked" value={counts.revoked} href="/certificates?status=revoked" tone={counts.revoked ? "red" : "green"} />
          </div>
          <Card title="Open findings by severity">
            <ul className="flex flex-wrap gap-6">
              {SEVERITIES.map((s) => (
                <li key={s} className="flex items-center gap-2">
                  <SeverityBadge severity={s} />
                  <Link href={`/findings?severity=${s}`} className="text-lg font-semibold text-slate-900 hover:underline">
                    {counts.openFindingsBySeverity[s] ?? 0}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}
