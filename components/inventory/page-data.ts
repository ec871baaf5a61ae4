import { notFound } from "next/navigation";
import { dehydrate, type QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { requirePageUser } from "@/lib/auth/guard";
import type { CurrentUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { listTeams } from "@/lib/db/people/people";
import { parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { makeQueryClient } from "@/lib/queries/query-client";

// What the inventory pages (server components) do before rendering: check the reader, then load
// through the same scoped repository functions the API uses.

type Load<Input, Result> = (db: Db, user: CurrentUser, input: Input, now: Date) => Promise<Result>;

/**
 * A list page: the filters from the URL, the first page prefetched under the key the client list
 * will ask for (hydrate `state`), and the team choices of the owner filter (none for owners).
 */
export async function prefetchInventoryList<S extends z.ZodObject>(
  searchParams: Promise<SearchParamsInput>,
  schema: S,
  list: { query: (filters: z.infer<S>) => { queryKey: QueryKey }; load: Load<z.infer<S>, unknown> },
) {
  const user = await requirePageUser("inventory:read");
  const filters = parseFilters(schema, await searchParams);
  const db = getDb();
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: list.query(filters).queryKey, queryFn: () => list.load(db, user, filters, new Date()) });
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return { user, state: dehydrate(queryClient), teams: teams.map((t) => ({ id: t.id, name: t.name })) };
}

/** A detail page: the record `params.id` names, or a 404 when it is missing or out of the reader's scope. */
export async function loadInventoryDetail<T>(params: Promise<{ id: string }>, load: Load<string, T | null>) {
  const user = await requirePageUser("inventory:read");
  const { id } = await params;
  const detail = await load(getDb(), user, id, new Date());
  // owners get the same answer for someone else's record as for one that does not exist
  if (!detail) notFound();
  return { user, id, detail };
}
