import { notFound } from "next/navigation";
import { dehydrate, type DehydratedState, type QueryKey } from "@tanstack/react-query";
import type { z } from "@/lib/domain/zod";
import { requirePageUser } from "@/lib/auth/guard";
import type { PagePattern } from "@/lib/auth/page-access";
import type { CurrentUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { listTeams } from "@/lib/db/people/people";
import { parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { makeQueryClient } from "@/lib/queries/query-client";

// What the list and detail pages (server components) do before rendering: check the reader, then
// load through the same scoped repository functions the API uses.

export type Load<Input, Result> = (db: Db, user: CurrentUser, input: Input, now: Date) => Promise<Result>;

/** Where a list's pages come from: the query key its client asks under, and the repository function. */
export type ListSource<S extends z.ZodObject> = {
  query: (filters: z.infer<S>) => { queryKey: QueryKey };
  load: Load<z.infer<S>, unknown>;
};

/**
 * What a page loads on the server, under the keys its client queries ask for: the state its
 * HydrationBoundary takes, so the first paint has the data and the client does not fetch it again.
 */
export async function prefetched(
  ...queries: { queryKey: QueryKey; queryFn: () => Promise<unknown> }[]
): Promise<DehydratedState> {
  const queryClient = makeQueryClient();
  await Promise.all(queries.map((query) => queryClient.prefetchQuery(query)));
  return dehydrate(queryClient);
}

/**
 * A list page (`page`, its entry in PAGE_ACCESS says who may open it): the filters from the URL,
 * and the first page prefetched under the key the client list will ask for (hydrate `state`), as
 * of `now` (what the list computes from the clock, the page computes from this `now` too).
 */
export async function prefetchList<S extends z.ZodObject>(
  searchParams: Promise<SearchParamsInput>,
  schema: S,
  list: ListSource<S>,
  page: PagePattern,
) {
  const user = await requirePageUser(page);
  const filters = parseFilters(schema, await searchParams);
  const db = getDb();
  const now = new Date();
  const state = await prefetched({
    queryKey: list.query(filters).queryKey,
    queryFn: () => list.load(db, user, filters, now),
  });
  return { user, db, state, now };
}

export type Team = { id: string; name: string };

/** The team choices of an inventory list's owner filter (none for owners, who see their own signers only). */
export async function teamChoices(db: Db, user: CurrentUser): Promise<Team[]> {
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return teams.map((t) => ({ id: t.id, name: t.name }));
}

/** A detail page (`page`): the record `params.id` names, or a 404 when it is missing or out of the reader's scope. */
export async function loadInventoryDetail<T>(
  page: PagePattern,
  params: Promise<{ id: string }>,
  load: Load<string, T | null>,
) {
  const user = await requirePageUser(page);
  const { id } = await params;
  const detail = await load(getDb(), user, id, new Date());
  // owners get the same answer for someone else's record as for one that does not exist
  if (!detail) notFound();
  return { user, id, detail };
}
