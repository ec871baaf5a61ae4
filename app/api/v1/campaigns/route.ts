import { route } from "@/lib/api/handler";
import { listRoute } from "@/lib/api/list-route";
import { getConfig } from "@/lib/config";
import { listCampaigns } from "@/lib/db/attestations/attestations";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { attestationNow, clockOverrideInput } from "@/lib/services/attestation-clock";
import { startCampaign, startCampaignInput } from "@/lib/services/start-campaign";
import { campaignList, campaignStarted } from "@/lib/api/responses/admin";

// Attestation campaigns: list them, or start one (admin/analyst). The list is the /campaigns page's
// read model, { rows, total, page, pageSize }; `campaigns` (the page's rows) stays for older callers.
export const GET = listRoute(
  "Attestation campaigns, paged",
  { filters: pageOnlySchema, page: campaignList, permission: "campaigns:read" },
  async ({ db, query }) => {
    const page = await listCampaigns(db, query, new Date());
    return { ...page, campaigns: page.rows };
  },
);

export const POST = route(
  {
    summary: "Start an attestation campaign",
    responses: { 200: campaignStarted },
    permission: "campaigns:manage",
    body: startCampaignInput.extend(clockOverrideInput.shape),
  },
  async ({ db, actor, body }) => {
    const { now, ...input } = body;
    return startCampaign(db, input, { actor, now: attestationNow(now), baseUrl: getConfig().baseUrl });
  },
);
