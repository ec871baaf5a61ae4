"use client";

import type { ReactNode } from "react";
import type { z } from "@/lib/domain/zod";
import {
  keepPreviousData,
  useQuery,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from "@tanstack/react-query";
import { activeFilterCount, filtersQueryString, pageOnlySchema } from "@/lib/domain/inventory-filters";
import { EmptyState } from "@/components/ui/card";
import { ColumnPicker } from "./column-picker";
import { DataTable, type Column } from "./data-table";
import { FilterBar, type FilterField } from "./filter-bar";
import { countLabel, ListFrame, sortProps } from "./list-frame";
import { ExportLink } from "./list-status";
import type { useColumnChoice } from "./use-column-choice";
import { useListFilters } from "./use-list-filters";

type ListPage<T> = { rows: T[]; total: number; page: number; pageSize: number; isTotalCapped?: boolean };

type Filters = { page: number; sort?: string; dir?: "asc" | "desc" };

/** What `useInventoryList` returns (method syntax: each list's patch type is narrower than this one). */
type ListState<T> = {
  schema: z.ZodObject;
  filters: Filters;
  hrefFor(patch: Partial<Filters>): string;
  setFilters(patch: Record<string, string | undefined>): void;
  clear(): void;
  isNavigating: boolean;
  query: UseQueryResult<ListPage<T>>;
  activeCount: number;
};

/**
 * The state of an inventory list: its filters from the URL, the page they select (the previous
 * page stays on screen while the next one loads) and how many filters are set.
 */
export function useInventoryList<S extends z.ZodObject, D, K extends QueryKey>(
  schema: S,
  listQuery: (filters: z.infer<S> & { page: number }) => UseQueryOptions<D, Error, D, K>,
) {
  const list = useListFilters(schema);
  const query = useQuery({ ...listQuery(list.filters), placeholderData: keepPreviousData });
  return { ...list, schema, query, activeCount: activeFilterCount(schema, list.filters) };
}

type InventoryListProps<T> = {
  list: ListState<T>;
  fields: FilterField[];
  /** the list's own count, where a filter outside the URL's defaults counts too */
  activeCount?: number;
  /** the export's name under /api/v1/exports, for lists that export */
  resource?: string;
  /**
   * one row in words ("key"; the plural adds an s), from which the count ("3 keys"), the load
   * error's words ("the keys") and the empty filtered list's words are made where not given
   */
  noun?: string;
  count?: (data: ListPage<T>) => string;
  /** the list in words, for the load error: "the keys" */
  what?: string;
  /**
   * what the empty list says without filters, and with filters set (and a button clearing them,
   * where offered); the filtered words default to "No keys match these filters" (or, for a list
   * with no filters, "No keys on this page", and without a noun "Nothing on this page")
   */
  empty: {
    filtered?: { title: string; text: ReactNode; canClear?: boolean };
    none: { title: string; text: ReactNode };
  };
  table: {
    caption: string;
    columns: Column<T>[];
    /** the columns the person chose; all of them when the list has no column picker */
    choice?: ReturnType<typeof useColumnChoice>;
    sort?: { by: string; dir: "asc" | "desc" };
  };
};

/**
 * An inventory list on the client: its filter bar, then the list frame (count, CSV export of the
 * filtered rows, column picker when the list has `choice`, load error, empty state, pager) around
 * the table of the current page, sorted by its headers when `sort` names the default order.
 */
export function InventoryList<T extends { id: string }>({
  list,
  fields,
  activeCount = list.activeCount,
  resource,
  noun,
  count = (data) => countLabel(data, noun ?? "row"),
  what = `the ${noun ?? "row"}s`,
  empty,
  table,
}: InventoryListProps<T>) {
  const { schema, filters, hrefFor, setFilters, clear, isNavigating, query } = list;
  const { caption, columns, choice, sort } = table;
  const filtered =
    empty.filtered ??
    (fields.length
      ? { title: `No ${noun}s match these filters`, text: "Remove a filter to see more.", canClear: true }
      : { title: noun ? `No ${noun}s on this page` : "Nothing on this page", text: "Go back a page." });
  const exportLink = resource ? (
    <ExportLink href={`/api/v1/exports/${resource}${filtersQueryString(schema, { ...filters, page: 1 })}`} />
  ) : null;
  return (
    <>
      {fields.length ? (
        <FilterBar
          fields={fields}
          values={filters}
          onApply={(p) => setFilters(p)}
          onClear={clear}
          activeCount={activeCount}
        />
      ) : null}
      <ListFrame
        query={query}
        isNavigating={isNavigating}
        count={count}
        actions={
          choice ? (
            <div className="flex gap-2">
              <ColumnPicker
                columns={columns}
                visible={choice.visible}
                onChange={choice.setVisible}
                onReset={choice.reset}
              />
              {exportLink}
            </div>
          ) : (
            exportLink
          )
        }
        what={what}
        empty={
          activeCount > 0 ? (
            <EmptyState
              title={filtered.title}
              action={
                filtered.canClear ? (
                  <button type="button" className="text-sm font-medium text-indigo-700 underline" onClick={clear}>
                    Clear the filters
                  </button>
                ) : null
              }
            >
              {filtered.text}
            </EmptyState>
          ) : (
            <EmptyState title={empty.none.title}>{empty.none.text}</EmptyState>
          )
        }
        hrefFor={hrefFor}
      >
        {(data, isBusy) => (
          <DataTable
            caption={caption}
            columns={columns}
            visible={choice?.visible ?? columns.map((c) => c.id)}
            rows={data.rows}
            rowKey={(r) => r.id}
            isBusy={isBusy}
            {...(sort ? sortProps(filters, hrefFor, sort.by, sort.dir) : {})}
          />
        )}
      </ListFrame>
    </>
  );
}

/**
 * A list with no filter bar (its URL holds the page, perhaps a tab): its state and its InventoryList
 * in one, for the lists that use the state for nothing else. With no filter to set it is empty one
 * way only, so `empty` is that one title and text; `schema` is the URL's, by default the page alone.
 */
export function UnfilteredList<
  T extends { id: string },
  K extends QueryKey,
  S extends z.ZodObject = typeof pageOnlySchema,
>({
  // the default stands only where no schema is given, and S is then its default, typeof pageOnlySchema
  schema = pageOnlySchema as unknown as S,
  query,
  empty,
  ...props
}: Omit<InventoryListProps<T>, "list" | "fields" | "activeCount" | "empty"> & {
  schema?: S;
  query: (filters: z.infer<S> & { page: number }) => UseQueryOptions<ListPage<T>, Error, ListPage<T>, K>;
  empty: { title: string; text: ReactNode };
}) {
  // every concrete list's state fits ListState (see InventoryList's callers); with a generic schema
  // TypeScript cannot compare the patch types
  const list = useInventoryList(schema, query) as ListState<T>;
  return <InventoryList list={list} fields={[]} empty={{ none: empty }} {...props} />;
}
