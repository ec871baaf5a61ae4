import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/guard";
import { can, ROLE_LABELS } from "@/lib/domain/authz";
import { NAV_ITEMS } from "@/components/layout/nav-items";
import { SidebarLinks } from "@/components/layout/sidebar";
import { SignOutButton } from "@/components/layout/sign-out-button";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("inventory:read");
  const items = NAV_ITEMS.filter((i) => can(user.role, i.permission));
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-4">
        <Link href="/" className="mb-6 flex items-center gap-2 px-3 text-lg font-semibold text-white">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-indigo-500 text-center text-sm leading-6">
            S
          </span>
          Signet
        </Link>
        <SidebarLinks items={items} />
        <div className="mt-auto border-t border-slate-800 pt-4">
          <div className="px-3 text-sm text-white" data-testid="current-user">
            {user.name}
          </div>
          <div className="px-3 pb-2 text-xs text-slate-400">
            {user.email} · {ROLE_LABELS[user.role]}
          </div>
          <SignOutButton />
        </div>
      </nav>
      <main id="main" className="min-w-0 flex-1 px-8 py-6">
        {children}
      </main>
    </div>
  );
}
