"use client";

import Link from "next/link";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { Table, Th, Td, type ColumnPriority } from "@/components/ui/table";

/** The link in a row's first column: the arrow keys move between these, so it shows its focus. */
export const rowLinkClass =
  "font-medium text-indigo-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 rounded";

export type Column<T> = {
  id: string;
  label: string;
  render: (row: T) => ReactNode;
  /** the sort key this column sorts by, when sortable */
  sort?: string;
  /** the header says its label to screen readers only (a column of checkboxes or row actions) */
  isLabelHidden?: boolean;
  /** the column cannot be hidden by the column picker (it holds the row's link) */
  isRequired?: boolean;
  /**
   * how the cell's text wraps (by default it does not): between words, or also inside a long word
   * (a name or free text without spaces), so a narrow screen keeps the key columns in view
   */
  wrap?: "words" | "anywhere";
  className?: string;
  /** 1: a key column, always in view; 2 and 3: hidden first on narrow screens (see ColumnPriority) */
  priority?: ColumnPriority;
};

/** A column that names the row: the column picker cannot hide it, and as a key column it stays in view on any screen. */
export function requiredColumn<T>(column: Omit<Column<T>, "isRequired" | "priority">): Column<T> {
  return { ...column, isRequired: true, priority: 1 };
}

/**
 * A row's first column: the link to the row's own page, a required column (the arrow keys move
 * between these links).
 */
export function linkColumn<T>({
  href,
  text,
  ...column
}: Omit<Column<T>, "render" | "isRequired" | "priority"> & {
  href: (row: T) => string;
  text: (row: T) => ReactNode;
}): Column<T> {
  return requiredColumn({
    ...column,
    render: (row) => (
      <Link className={rowLinkClass} href={href(row)}>
        {text(row)}
      </Link>
    ),
  });
}

const WRAP_CLASS = { words: "whitespace-normal", anywhere: "whitespace-normal [overflow-wrap:anywhere]" };
const cellClass = ({ wrap, className }: Pick<Column<unknown>, "wrap" | "className">) =>
  [wrap && WRAP_CLASS[wrap], className].filter(Boolean).join(" ") || undefined;

/** A key column (priority 1) must stay in view on any screen; the responsive check reads data-key-column. */
const isKeyColumn = (c: { priority?: ColumnPriority }) => c.priority === 1;

type SortState = { sort?: string; dir?: "asc" | "desc"; defaultSort: string; defaultDir: "asc" | "desc" };

/**
 * An inventory table. Each row's first column holds a link, so rows are reachable with Tab; the
 * arrow keys move between those links too. Sortable headers are links (the sort lives in the URL).
 */
export function DataTable<T>({
  caption,
  columns,
  visible,
  rows,
  rowKey,
  sortState,
  sortHref,
  isBusy,
}: {
  caption: string;
  columns: Column<T>[];
  visible: string[];
  rows: T[];
  rowKey: (row: T) => string;
  sortState?: SortState;
  sortHref?: (sort: string, dir: "asc" | "desc") => string;
  isBusy?: boolean;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const shown = columns.filter((c) => c.isRequired || visible.includes(c.id));
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...(body.current?.querySelectorAll<HTMLAnchorElement>("tr > td:first-child a") ?? [])];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    const next = links[e.key === "ArrowDown" ? Math.min(links.length - 1, i + 1) : Math.max(0, i - 1)];
    e.preventDefault();
    next.focus();
  };
  return (
    <div aria-busy={isBusy || undefined} className={isBusy ? "opacity-70 transition-opacity" : undefined}>
      <Table caption={caption} priorities={shown.map((c) => c.priority)}>
        <thead>
          <tr>
            {shown.map((c) => {
              const isKey = isKeyColumn(c) || undefined;
              if (!c.sort || !sortState || !sortHref)
                return (
                  <Th key={c.id} data-key-column={isKey}>
                    {c.isLabelHidden ? <span className="sr-only">{c.label}</span> : c.label}
                  </Th>
                );
              const current = (sortState.sort ?? sortState.defaultSort) === c.sort;
              const dir = current ? (sortState.dir ?? sortState.defaultDir) : undefined;
              const nextDir = current ? (dir === "asc" ? "desc" : "asc") : "asc";
              return (
                <Th
                  key={c.id}
                  data-key-column={isKey}
                  aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                >
                  <Link
                    href={sortHref(c.sort, nextDir)}
                    scroll={false}
                    className="inline-flex items-center gap-1 hover:text-slate-900"
                    aria-label={`${c.label}: sort ${nextDir === "asc" ? "ascending" : "descending"}`}
                  >
                    {c.label}
                    <span aria-hidden className={current ? "text-slate-900" : "text-slate-300"}>
                      {dir === "desc" ? "▼" : "▲"}
                    </span>
                  </Link>
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown} className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50 focus-within:bg-indigo-50">
              {shown.map((c) => (
                <Td key={c.id} className={cellClass(c)} data-key-column={isKeyColumn(c) || undefined}>
                  {c.render(row)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
