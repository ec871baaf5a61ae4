import { z } from "zod";
import { route } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { listCampaigns } from "@/lib/db/attestations/attestations";
import { attestationNow } from "@/lib/services/attestation-clock";
import { startCampaign, startCampaignInput } from "@/lib/services/start-campaign";

// Attestation campaigns: list them, or start one (admin/analyst).
export const GET = route({ permission: "campaigns:read" }, async ({ db }) => ({
  campaigns: await listCampaigns(db),
}));

export const POST = route(
  { permission: "campaigns:manage", body: startCampaignInput.extend({ now: z.string().optional() }) },
  async ({ db, actor, body }) => {
    const { now, ...input } = body;
    return startCampaign(db, input, { actor, now: attestationNow(now), baseUrl: getConfig().baseUrl });
  },
);
