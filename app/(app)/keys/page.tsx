import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { keyListQuery } from "@/lib/queries/keys";
import { ListPage } from "@/components/inventory/list-page";
import { prefetchInventoryList } from "@/components/inventory/page-data";
import { KeyList } from "@/components/inventory/key-list";

export const metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { state, teams } = await prefetchInventoryList(searchParams, keyFiltersSchema, { query: keyListQuery, load: listKeyPage });
  return (
    <ListPage
      title="Keys"
      description="Signing key pairs by public-key fingerprint: where each is held, and how long it has been in use (renewal on the same key does not reset the clock)."
      state={state}
    >
      <KeyList teams={teams} />
    </ListPage>
  );
}
