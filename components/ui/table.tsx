import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

export function Table({ children, caption }: { children: ReactNode; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={`bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${className}`} {...props}>
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
