import { listFindingPage } from "@/lib/db/findings/list";
import { ruleCatalogue } from "@/lib/domain/findings";
import { findingFiltersSchema, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { findingListQuery } from "@/lib/queries/findings";
import { ListPage } from "@/components/inventory/list-page";
import { prefetchInventoryList } from "@/components/inventory/page-data";
import { FindingList } from "@/components/findings/finding-list";

export const metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { state, teams } = await prefetchInventoryList(searchParams, findingFiltersSchema, { query: findingListQuery, load: listFindingPage });
  return (
    <ListPage
      title="Findings"
      description="What needs acting on, most severe first: each finding names the rule, the standard behind it and how to fix it."
      state={state}
    >
      <FindingList teams={teams} rules={ruleCatalogue().map((r) => ({ id: r.id, title: r.title }))} />
    </ListPage>
  );
}
