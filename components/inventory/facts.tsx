import type { ReactNode } from "react";

/** A definition list of label → value pairs for detail pages. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-6 gap-y-2 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words text-slate-900">{v ?? <span className="text-slate-500">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Mono({ children }: { children: ReactNode }) {
  return <code className="break-all font-mono text-xs text-slate-800">{children}</code>;
}

export function List({ values, empty = "none" }: { values: string[]; empty?: string }) {
  if (values.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <ul className="space-y-0.5">
      {values.map((v) => (
        <li key={v} className="break-all">
          {v}
        </li>
      ))}
    </ul>
  );
}
