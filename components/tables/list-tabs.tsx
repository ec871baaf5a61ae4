import Link from "next/link";

export type ListTab = { href: string; label: string; isCurrent: boolean };

/** The tabs above a list that choose one of its views (a filter kept in the URL); the current one is marked. */
export function ListTabs({ label, tabs }: { label: string; tabs: ListTab[] }) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.isCurrent ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm font-medium ${t.isCurrent ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
