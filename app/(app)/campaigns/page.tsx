import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { listCampaigns, loadCampaignCandidates } from "@/lib/db/attestations/attestations";
import { listTeamOptions } from "@/lib/db/people/people-admin";
import { SIGNER_RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { StartCampaignForm } from "@/components/attestation/start-campaign-form";

export const metadata = { title: "Attestation campaigns" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function CampaignsPage() {
  const user = await requirePageUser("campaigns:read");
  const mayStart = can(user.role, "campaigns:manage");
  const db = getDb();
  const [campaigns, teams, candidates] = await Promise.all([
    listCampaigns(db),
    listTeamOptions(db),
    loadCampaignCandidates(db),
  ]);
  const now = new Date();
  const environments = [...new Set(candidates.flatMap((c) => c.environments))].sort();
  return (
    <>
      <PageHeader
        title="Attestation campaigns"
        description="Ask owners to confirm, signer by signer, that each is still needed, which privileges it keeps and how its key is held. Owners get an email with a single-use link to their tasks; reminders and escalations follow the cadence."
      />
      <div className="space-y-6">
        {campaigns.length === 0 ? (
          <EmptyState title="No campaigns yet">
            {mayStart
              ? "Start one below: every signer in scope gets one task for its owner."
              : "Administrators and security analysts start campaigns; they appear here once started."}
          </EmptyState>
        ) : (
          <Table caption="Campaigns" columns={["Name", "Due", "Progress", "Repeats", "Auto-suspend", "Status"]}>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <Td>
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/campaigns/${c.id}`}>
                    {c.name}
                  </Link>
                </Td>
                <Td>
                  {day(c.dueAt)}
                  {c.dueAt < now && c.pending > 0 ? (
                    <span className="ml-2">
                      <Badge tone="red">overdue</Badge>
                    </span>
                  ) : null}
                </Td>
                <Td>
                  {c.done} / {c.total} answered
                </Td>
                <Td>{c.recurrence === "none" ? "once" : c.recurrence}</Td>
                <Td>
                  {c.autoSuspendAfterDays ? (
                    <Badge tone="orange">after {c.autoSuspendAfterDays} days</Badge>
                  ) : (
                    <span className="text-slate-500">off</span>
                  )}
                </Td>
                <Td>
                  <Badge tone={c.status === "open" ? "blue" : "slate"}>{c.status}</Badge>
                </Td>
              </tr>
            ))}
          </Table>
        )}
        {mayStart ? (
          <Card title="Start a campaign">
            <StartCampaignForm
              teams={teams}
              signers={candidates.map((c) => ({ id: c.id, name: c.name }))}
              environments={environments}
              ruleIds={[...SIGNER_RULE_IDS]}
              defaultDueDay={day(new Date(now.getTime() + 21 * 86_400_000))}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
