import { listFindingPage } from "@/lib/db/findings/list";
import { ruleCatalogue } from "@/lib/domain/findings";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";
import { findingListQuery } from "@/lib/queries/findings";
import { inventoryListPage } from "@/components/inventory/list-page";
import { FindingList } from "@/components/findings/finding-list";

export const metadata = { title: "Findings" };

export default inventoryListPage({
  title: "Findings",
  description:
    "What needs acting on, most severe first: each finding names the rule, the standard behind it and how to fix it.",
  schema: findingFiltersSchema,
  list: { query: findingListQuery, load: listFindingPage },
  render: (teams) => <FindingList teams={teams} rules={ruleCatalogue().map((r) => ({ id: r.id, title: r.title }))} />,
});
