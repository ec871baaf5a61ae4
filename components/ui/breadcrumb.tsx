import Link from "next/link";
import type { ReactNode } from "react";

/** "Parent / current" above a detail page's header; the parent links back to its list. */
export function Breadcrumb({ parent, children }: { parent: { href: string; label: string }; children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
      <Link href={parent.href} className="hover:underline">{parent.label}</Link> / {children}
    </nav>
  );
}
