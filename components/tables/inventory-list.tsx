"use client";

import type { ReactNode } from "react";
import type { z } from "zod";
import type { UseQueryResult } from "@tanstack/react-query";
import { filtersQueryString } from "@/lib/domain/inventory-filters";
import { ColumnPicker } from "./column-picker";
import { DataTable, type Column } from "./data-table";
import { FilterBar, type FilterField } from "./filter-bar";
import { ListFrame, sortProps } from "./list-frame";
import { ExportLink } from "./list-status";
import type { useColumnChoice } from "./use-column-choice";

type ListPage<T> = { rows: T[]; total: number; page: number; pageSize: number; isTotalCapped?: boolean };

type Filters = { page: number; sort?: string; dir?: "asc" | "desc" };

/** What `useListFilters` returns (method syntax: each list's patch type is narrower than this one). */
type ListState = {
  filters: Filters;
  hrefFor(patch: Partial<Filters>): string;
  setFilters(patch: Record<string, string | undefined>): void;
  clear(): void;
  isNavigating: boolean;
};

/**
 * An inventory list on the client: its filter bar, then the list frame (count, CSV export of the
 * filtered rows, column picker when the list has `choice`, load error, empty state, pager) around
 * the table of the current page, sorted by its headers when `sort` names the default order.
 */
export function InventoryList<T extends { id: string }>({
  schema,
  list,
  query,
  fields,
  activeCount,
  resource,
  count,
  what,
  empty,
  table,
}: {
  schema: z.ZodObject;
  list: ListState;
  query: UseQueryResult<ListPage<T>>;
  fields: FilterField[];
  activeCount: number;
  /** the export's name under /api/v1/exports */
  resource: string;
  count: (data: ListPage<T>) => string;
  /** the list in words, for the load error: "the keys" */
  what: string;
  empty: ReactNode;
  table: {
    caption: string;
    columns: Column<T>[];
    /** the columns the person chose; all of them when the list has no column picker */
    choice?: ReturnType<typeof useColumnChoice>;
    sort?: { by: string; dir: "asc" | "desc" };
  };
}) {
  const { filters, hrefFor, setFilters, clear, isNavigating } = list;
  const { caption, columns, choice, sort } = table;
  const exportLink = (
    <ExportLink href={`/api/v1/exports/${resource}${filtersQueryString(schema, { ...filters, page: 1 })}`} />
  );
  return (
    <>
      <FilterBar
        fields={fields}
        values={filters}
        onApply={(p) => setFilters(p)}
        onClear={clear}
        activeCount={activeCount}
      />
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
        empty={empty}
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
