import { listFindingPage } from "@/lib/db/findings/list";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { ruleCatalogue } from "@/lib/domain/findings";
import { findingFiltersSchema, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { findingListQuery } from "@/lib/queries/findings";
import { inventoryListPage } from "@/components/inventory/list-page";
import { teamChoices } from "@/components/inventory/page-data";
import { FindingList } from "@/components/findings/finding-list";

export const metadata = { title: "Findings" };

const page = (canTriage: boolean) =>
  inventoryListPage({
    page: "/findings",
    title: "Findings",
    description:
      "What needs acting on, most severe first: each finding names the rule, the standard behind it and how to fix it.",
    schema: findingFiltersSchema,
    list: { query: findingListQuery, load: listFindingPage },
    choices: teamChoices,
    render: (teams) => (
      <FindingList
        teams={teams}
        rules={ruleCatalogue().map((r) => ({ id: r.id, title: r.title }))}
        canTriage={canTriage}
      />
    ),
  });

// admins and analysts triage from the list (select rows, one move for all)
export default async function FindingsPage(props: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser("/findings");
  return page(can(user.role, "findings:triage"))(props);
}
