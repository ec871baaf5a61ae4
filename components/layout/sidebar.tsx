"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentNavHref, type NavGroup } from "@/lib/domain/navigation";

/** The grouped links of the main navigation; the item of the current page is highlighted. */
export function SidebarLinks({ groups, onNavigate }: { groups: NavGroup[]; onNavigate?: () => void }) {
  const current = currentNavHref(groups, usePathname());
  return (
    <div className="space-y-5">
      {groups.map((group) => (
        <section key={group.label} aria-labelledby={`nav-${group.label}`}>
          <h2
            id={`nav-${group.label}`}
            className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400"
          >
            {group.label}
          </h2>
          <ul className="space-y-0.5">
            {group.items.map((item) => {
              const isCurrent = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={isCurrent ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm font-medium ${isCurrent ? "bg-slate-700 text-white" : "text-slate-200 hover:bg-slate-800 hover:text-white"}`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
