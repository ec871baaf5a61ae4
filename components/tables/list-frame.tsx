"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Pager } from "@/components/tables/pager";
import { QueryError } from "@/components/tables/list-status";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";
import { isPastTheEnd } from "@/lib/domain/paging";

type ListData = { rows: unknown[]; total: number; page: number; pageSize: number; isTotalCapped?: boolean };

/** "1 key", "1,234+ keys": the total of a list page, "+" when the count stopped at the cap. */
export function countLabel(data: ListData, singular: string, plural = `${singular}s`): string {
  return `${data.total.toLocaleString("en")}${data.isTotalCapped ? "+" : ""} ${data.total === 1 ? singular : plural}`;
}

/** The sort props of a DataTable whose sort and direction live in the URL filters. */
export function sortProps<F extends { sort?: string; dir?: "asc" | "desc" }>(
  filters: F,
  hrefFor: (patch: { sort: F["sort"]; dir: "asc" | "desc" }) => string,
  defaultSort: string,
  defaultDir: "asc" | "desc",
) {
  return {
    sortState: { sort: filters.sort, dir: filters.dir, defaultSort, defaultDir },
    sortHref: (sort: string, dir: "asc" | "desc") => hrefFor({ sort: sort as F["sort"], dir }),
  };
}

/**
 * What every inventory list shows around its table: the count (and "updating…" while a page or a
 * filter change loads) beside the list's actions, the load error with a retry, the empty state, and
 * the table the list renders with the pager under it (a page past the last one: the pager's word on it alone).
 */
export function ListFrame<D extends ListData>({
  query,
  isNavigating,
  count,
  actions,
  what,
  empty,
  hrefFor,
  children,
}: {
  query: UseQueryResult<D>;
  isNavigating: boolean;
  count: (data: D) => string;
  actions: ReactNode;
  /** the list in words, for the load error: "the keys" */
  what: string;
  empty: ReactNode;
  hrefFor: (patch: { page: number }) => string;
  children: (data: D, isBusy: boolean) => ReactNode;
}) {
  const data = query.data;
  // a page hydrating more than the queries' stale time after the server read its data (a slow
  // machine, or a browser clock ahead of the server's) starts a refetch at once: "updating…" waits
  // for hydration to end, or it is an element the server's HTML did not have
  const isHydrated = useIsHydrated();
  const isBusy = isHydrated && (query.isFetching || isNavigating);
  return (
    <>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {data ? count(data) : ""}
          {isBusy ? <span className="ml-2 text-slate-500">updating…</span> : null}
        </p>
        {actions}
      </div>
      {query.isError ? <QueryError what={what} error={query.error} onRetry={() => query.refetch()} /> : null}
      {data && data.total === 0 ? (
        empty
      ) : data ? (
        <>
          {isPastTheEnd({ page: data.page, rowCount: data.rows.length }) ? null : children(data, isBusy)}
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            rowCount={data.rows.length}
            isTotalCapped={data.isTotalCapped}
            countText={count(data)}
            hrefFor={(page) => hrefFor({ page })}
          />
        </>
      ) : null}
    </>
  );
}
