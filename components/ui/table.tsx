import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

/**
 * A bordered table. With `columns`, it draws the header row and takes its rows as children;
 * without, children are the whole table body (a table that draws its own header).
 */
export function Table({
  children,
  caption,
  columns,
}: {
  children: ReactNode;
  caption: string;
  columns?: readonly Column[];
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
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
  return (
    <td className={`whitespace-nowrap px-3 py-2 text-slate-800 ${className}`} {...props}>
      {children}
    </td>
  );
}

/** A header cell: its label; or the label with extra classes (alignment), or read only by screen readers. */
export type Column = string | { label: string; className?: string; isVisuallyHidden?: boolean };

/** The header row of a table, one `<Th>` per column. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, className, isVisuallyHidden } = typeof column === "string" ? { label: column } : column;
          return (
            <Th key={label} className={className}>
              {isVisuallyHidden ? <span className="sr-only">{label}</span> : label}
            </Th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A small read-only table: a header row, one row per item (`row` renders its cells), or `empty` across the row. */
export function RowsTable<T extends { id: string }>({
  caption,
  headings,
  rows,
  empty,
  row,
}: {
  caption: string;
  headings: string[];
  rows: T[];
  empty: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <Table caption={caption} columns={headings}>
      {rows.length === 0 ? (
        <tr>
          <Td colSpan={headings.length} className="text-slate-500">
            {empty}
          </Td>
        </tr>
      ) : null}
      {rows.map((item) => (
        <tr key={item.id}>{row(item)}</tr>
      ))}
    </Table>
  );
}
