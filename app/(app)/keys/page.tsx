import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listKeyPage } from "@/lib/db/keys/list";
import { listTeams } from "@/lib/db/people/people";
import { keyFiltersSchema, parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { keyListQuery } from "@/lib/queries/keys";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { KeyList } from "@/components/inventory/key-list";

export const metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser("inventory:read");
  const filters = parseFilters(keyFiltersSchema, await searchParams);
  const db = getDb();
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ ...keyListQuery(filters), queryFn: () => listKeyPage(db, user, filters, new Date()) });
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return (
    <>
      <PageHeader title="Keys" description="Signing key pairs by public-key fingerprint: where each is held, and how long it has been in use (renewal on the same key does not reset the clock)." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <KeyList teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
      </HydrationBoundary>
    </>
  );
}
