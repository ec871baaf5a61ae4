import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listOwnerPage } from "@/lib/db/people/owners";
import { listTeams } from "@/lib/db/people/people";
import { ownerFiltersSchema, parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { ownerListQuery } from "@/lib/queries/owners";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { OwnerList } from "@/components/inventory/owner-list";

export const metadata = { title: "Owners" };

export default async function OwnersPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser("inventory:read");
  const filters = parseFilters(ownerFiltersSchema, await searchParams);
  const db = getDb();
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ ...ownerListQuery(filters), queryFn: () => listOwnerPage(db, user, filters, new Date()) });
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return (
    <>
      <PageHeader title="Owners" description="The people and teams accountable for signers. People who left still appear, so the signers they owned show up as orphaned." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OwnerList teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
      </HydrationBoundary>
    </>
  );
}
