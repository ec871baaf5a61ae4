import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { z } from "@/lib/domain/zod";
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { pageOnlySchema, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { PageHeader } from "@/components/ui/card";
import type { PagePattern } from "@/lib/auth/page-access";
import { prefetchList, type ListSource } from "./page-data";

/** A list page: its header, then the client list hydrated with the server's prefetch. */
export function ListPage({
  title,
  description,
  actions,
  state,
  children,
}: {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  state: DehydratedState;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      <HydrationBoundary state={state}>{children}</HydrationBoundary>
    </>
  );
}

type ForUser<T> = T | ((user: CurrentUser) => T);
const forUser = <T,>(value: ForUser<T>, user: CurrentUser): T =>
  typeof value === "function" ? (value as (user: CurrentUser) => T)(user) : value;

/**
 * The page of a list on the shared list shell: filters from the URL (by default the page alone),
 * the first page prefetched for the client list that `render` returns (given the choices its
 * filters and forms offer, if any, the reader and the time the list was loaded), under the list's
 * header. Every list page is made with this.
 */
export function inventoryListPage<S extends z.ZodObject = typeof pageOnlySchema, C = null>({
  title,
  description,
  actions,
  // the default stands only where no schema is given, and S is then its default, typeof pageOnlySchema
  schema = pageOnlySchema as unknown as S,
  list,
  page,
  choices,
  render,
}: {
  title: string;
  description: ForUser<ReactNode>;
  /** the header's buttons (New …), for the readers who may use them */
  actions?: (user: CurrentUser) => ReactNode;
  /** the URL's filters (default: the page alone) */
  schema?: S;
  list: ListSource<S>;
  /** the page's route pattern: its entry in PAGE_ACCESS says who may open it */
  page: PagePattern;
  /** what the filters and forms offer, loaded on the server (e.g. `teamChoices`; default: nothing) */
  choices?: (db: Db, user: CurrentUser) => Promise<C>;
  /** `now`: the server's clock when the list was loaded, for what the client list shows by the clock */
  render: (choices: C, user: CurrentUser, now: Date) => ReactNode;
}) {
  return async function InventoryListPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
    const { user, db, state, now } = await prefetchList(searchParams, schema, list, page);
    const loaded = (choices ? await choices(db, user) : null) as C;
    return (
      <ListPage title={title} description={forUser(description, user)} actions={actions?.(user)} state={state}>
        {render(loaded, user, now)}
      </ListPage>
    );
  };
}
