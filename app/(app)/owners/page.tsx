import { listOwnerPage } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { ownerListQuery } from "@/lib/queries/owners";
import { inventoryListPage } from "@/components/inventory/list-page";
import { OwnerList } from "@/components/inventory/owner-list";

export const metadata = { title: "Owners" };

export default inventoryListPage({
  title: "Owners",
  description:
    "The people and teams accountable for signers. People who left still appear, so the signers they owned show up as orphaned.",
  schema: ownerFiltersSchema,
  list: { query: ownerListQuery, load: listOwnerPage },
  render: (teams) => <OwnerList teams={teams} />,
});
