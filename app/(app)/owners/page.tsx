import { listOwnerPage } from "@/lib/db/people/owners";
import { ownerFiltersSchema, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { ownerListQuery } from "@/lib/queries/owners";
import { ListPage } from "@/components/inventory/list-page";
import { prefetchInventoryList } from "@/components/inventory/page-data";
import { OwnerList } from "@/components/inventory/owner-list";

export const metadata = { title: "Owners" };

export default async function OwnersPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { state, teams } = await prefetchInventoryList(searchParams, ownerFiltersSchema, { query: ownerListQuery, load: listOwnerPage });
  return (
    <ListPage
      title="Owners"
      description="The people and teams accountable for signers. People who left still appear, so the signers they owned show up as orphaned."
      state={state}
    >
      <OwnerList teams={teams} />
    </ListPage>
  );
}
