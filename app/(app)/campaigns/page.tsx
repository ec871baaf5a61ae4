import { can } from "@/lib/domain/authz";
import { listCampaigns, loadCampaignCandidates } from "@/lib/db/attestations/attestations";
import { listTeamOptions } from "@/lib/db/people/people-admin";
import { SIGNER_RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { campaignListQuery } from "@/lib/queries/campaigns";
import { Card } from "@/components/ui/card";
import { inventoryListPage } from "@/components/inventory/list-page";
import { CampaignList } from "@/components/attestation/campaign-list";
import { StartCampaignForm } from "@/components/attestation/start-campaign-form";

export const metadata = { title: "Attestation campaigns" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default inventoryListPage({
  title: "Attestation campaigns",
  description:
    "Ask owners to confirm, signer by signer, that each is still needed, which privileges it keeps and how its key is held. Owners get an email with a single-use link to their tasks; reminders and escalations follow the cadence.",
  list: { query: campaignListQuery, load: (db, _user, filters, now) => listCampaigns(db, filters, now) },
  page: "/campaigns",
  choices: async (db) => {
    const [teams, candidates] = await Promise.all([listTeamOptions(db), loadCampaignCandidates(db)]);
    return { teams, candidates };
  },
  render: ({ teams, candidates }, user) => (
    <div className="space-y-6">
      <CampaignList />
      {can(user.role, "campaigns:manage") ? (
        <Card title="Start a campaign">
          <StartCampaignForm
            teams={teams}
            signers={candidates.map((c) => ({ id: c.id, name: c.name }))}
            environments={[...new Set(candidates.flatMap((c) => c.environments))].sort()}
            ruleIds={[...SIGNER_RULE_IDS]}
            defaultDueDay={day(new Date(Date.now() + 21 * 86_400_000))}
          />
        </Card>
      ) : null}
    </div>
  ),
});
