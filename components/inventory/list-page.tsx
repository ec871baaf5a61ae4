import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { SearchParamsInput } from "@/lib/domain/inventory-filters";
import { PageHeader } from "@/components/ui/card";
import { prefetchInventoryList, type ListSource } from "./page-data";

/** An inventory list page: its header, then the client list hydrated with the server's prefetch. */
export function ListPage({
  title,
  description,
  state,
  children,
}: {
  title: string;
  description: ReactNode;
  state: DehydratedState;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <HydrationBoundary state={state}>{children}</HydrationBoundary>
    </>
  );
}

type Team = { id: string; name: string };

/**
 * The page of an inventory list: filters from the URL, the first page prefetched for the client list
 * that `render` returns (given the team choices of its owner filter), under the list's header.
 */
export function inventoryListPage<S extends z.ZodObject>({
  title,
  description,
  schema,
  list,
  render,
}: {
  title: string;
  description: ReactNode;
  schema: S;
  list: ListSource<S>;
  render: (teams: Team[]) => ReactNode;
}) {
  return async function InventoryListPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
    const { state, teams } = await prefetchInventoryList(searchParams, schema, list);
    return (
      <ListPage title={title} description={description} state={state}>
        {render(teams)}
      </ListPage>
    );
  };
}
