import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { loadCampaignProgress } from "@/lib/services/campaign-progress";
import { campaignProgress } from "@/lib/api/responses/admin";

// One campaign's progress: tasks by team and owner, unassignable signers, change requests.
export const GET = route(
  { summary: "One campaign's progress", responses: { 200: campaignProgress }, permission: "campaigns:read" },
  async ({ db, params }) => {
    const progress = await loadCampaignProgress(db, params.id, { now: new Date() });
    if (!progress) throw notFound("Campaign");
    return progress;
  },
);
