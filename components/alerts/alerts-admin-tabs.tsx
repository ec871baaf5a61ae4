import Link from "next/link";
import type { ReactNode } from "react";
import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import { PageHeader } from "@/components/ui/card";

const TABS = [
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/outbox", label: "Outbox" },
  { href: "/admin/alert-policy", label: "Alert policy" },
] as const;

/** The three alert admin pages share one sidebar entry ("Alerts & jobs"); these tabs move between them. */
export function AlertsAdminTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Alerts and jobs" className="-mt-2 mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.href === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** One of the alert admin pages: the shared header and tabs, then its client view hydrated with the server's prefetch. */
export function AlertsAdminPage({
  current,
  description,
  state,
  children,
}: {
  current: (typeof TABS)[number]["href"];
  description: string;
  state: DehydratedState;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title="Alerts & jobs" description={description} />
      <AlertsAdminTabs current={current} />
      <HydrationBoundary state={state}>{children}</HydrationBoundary>
    </>
  );
}
