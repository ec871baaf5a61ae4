import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listFindingPage } from "@/lib/db/findings/list";
import { listTeams } from "@/lib/db/people/people";
import { ruleCatalogue } from "@/lib/domain/findings";
import { findingFiltersSchema, parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { findingListQuery } from "@/lib/queries/findings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { FindingList } from "@/components/findings/finding-list";

export const metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser("inventory:read");
  const filters = parseFilters(findingFiltersSchema, await searchParams);
  const db = getDb();
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ ...findingListQuery(filters), queryFn: () => listFindingPage(db, user, filters, new Date()) });
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return (
    <>
      <PageHeader title="Findings" description="What needs acting on, most severe first: each finding names the rule, the standard behind it and how to fix it." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <FindingList teams={teams.map((t) => ({ id: t.id, name: t.name }))} rules={ruleCatalogue().map((r) => ({ id: r.id, title: r.title }))} />
      </HydrationBoundary>
    </>
  );
}
