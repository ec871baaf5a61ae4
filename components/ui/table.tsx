import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

/**
 * How much a column matters when space is short: 1 is a key column (always shown, never wrapped),
 * 2 is hidden below 768 px, 3 below 1280 px. Columns that declare no priority are shown everywhere.
 * Once a table declares any priority, its cells wrap instead of widening the table.
 */
export type ColumnPriority = 1 | 2 | 3;

// Tailwind sees only whole class names; app/globals.css lists these (`@source inline`) for columns 1-16
const HIDE_BELOW: Record<2 | 3, (n: number) => string> = {
  2: (n) => `max-md:[&_tr>*:nth-child(${n})]:hidden`,
  3: (n) => `max-xl:[&_tr>*:nth-child(${n})]:hidden`,
};

/** The classes of a table whose columns have these priorities (by position): hide the minor ones, wrap the cells. */
export function priorityClasses(priorities: readonly (ColumnPriority | undefined)[]): string {
  if (!priorities.some((p) => p !== undefined)) return "";
  const hide = priorities.flatMap((p, i) => (p === 2 || p === 3 ? [HIDE_BELOW[p](i + 1)] : []));
  return ["[&_td]:whitespace-normal", ...hide].join(" ");
}

const priorityOf = (column: Column) => (typeof column === "string" ? undefined : column.priority);

/**
 * A bordered table. With `columns`, it draws the header row and takes its rows as children;
 * without, children are the whole table body (a table that draws its own header; `priorities`
 * then gives its columns' priorities by position).
 */
export function Table({
  children,
  caption,
  columns,
  priorities,
}: {
  children: ReactNode;
  caption: string;
  columns?: readonly Column[];
  priorities?: readonly (ColumnPriority | undefined)[];
}) {
  const hiding = priorityClasses(priorities ?? columns?.map(priorityOf) ?? []);
  return (
    // focusable, so a table wider than the screen can be scrolled with the keyboard; relative, so the
    // visually hidden labels inside (absolutely positioned) scroll with it instead of widening the page
    <div
      tabIndex={0}
      role="region"
      aria-label={caption}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${hiding}`}>
        <caption className="sr-only">{caption}</caption>
        {columns ? (
          <>
            <TableHead columns={columns} />
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </>
        ) : (
          children
        )}
      </table>
    </div>
  );
}

export function Th({ children, className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${className}`}
      {...props}
    >
      {children}
    </th>
  );
}

export function Td({ children, className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  // a cell that says how it wraps replaces the default: two whitespace classes on one element are
  // decided by the stylesheet's order, not the markup's, and nowrap came last (long text was cut)
  const wrap = /(^|\s)whitespace-/.test(className) ? "" : "whitespace-nowrap ";
  // likewise its text colour (text-red-800 lost to text-slate-800, which the stylesheet puts later)
  const colour = /(^|\s)text-[a-z]+-\d{2,3}(\s|$)/.test(className) ? "" : "text-slate-800 ";
  return (
    <td className={`${wrap}px-3 py-2 ${colour}${className}`} {...props}>
      {children}
    </td>
  );
}

/** A header cell: its label; or the label with extra classes (alignment), read only by screen readers, or a priority. */
export type Column =
  string | { label: string; className?: string; isVisuallyHidden?: boolean; priority?: ColumnPriority };

/** The header row of a table, one `<Th>` per column. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, className, isVisuallyHidden, priority } =
            typeof column === "string" ? { label: column } : column;
          return (
            <Th key={label} className={className} data-key-column={priority === 1 || undefined}>
              {isVisuallyHidden ? <span className="sr-only">{label}</span> : label}
            </Th>
          );
        })}
      </tr>
    </thead>
  );
}

/**
 * A column of a RowsTable: its heading beside the cell it draws for each item (`className` is the
 * cell's), so the two cannot drift apart. It may declare its priority, like every other table's.
 */
export type RowsColumn<T> = {
  label: string;
  render: (item: T) => ReactNode;
  className?: string;
  priority?: ColumnPriority;
};

/** A small read-only table: a header row, one row per item (a cell per column), or `empty` across the row. */
export function RowsTable<T extends { id: string }>({
  caption,
  columns,
  rows,
  empty,
}: {
  caption: string;
  columns: readonly RowsColumn<T>[];
  rows: T[];
  empty: string;
}) {
  return (
    <Table caption={caption} columns={columns.map(({ label, priority }) => ({ label, priority }))}>
      {rows.length === 0 ? (
        <tr>
          <Td colSpan={columns.length} className="text-slate-500">
            {empty}
          </Td>
        </tr>
      ) : null}
      {rows.map((item) => (
        <tr key={item.id}>
          {columns.map((column) => (
            <Td key={column.label} className={column.className}>
              {column.render(item)}
            </Td>
          ))}
        </tr>
      ))}
    </Table>
  );
}
