import type { CampaignListRow } from "@/lib/db/attestations/attestations";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: campaignKeys, query: campaignListQuery } = apiList<CampaignListRow, typeof pageOnlySchema>(
  "campaigns",
  pageOnlySchema,
);
