"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { NavGroup } from "@/lib/domain/navigation";
import { SidebarLinks } from "./sidebar";

function Logo({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <Link href="/" onClick={onNavigate} className="flex items-center gap-2 px-3 text-lg font-semibold text-white">
      <span aria-hidden className="inline-block h-6 w-6 rounded bg-indigo-500 text-center text-sm leading-6">
        S
      </span>
      Signet
    </Link>
  );
}

/**
 * The page frame: a fixed sidebar from 1024 px up; below that a top bar whose menu button opens the
 * same navigation as a drawer. The drawer keeps the focus inside while open, closes on Escape, on
 * the backdrop and on navigating, and gives the focus back to the menu button.
 */
export function AppShell({
  groups,
  account,
  children,
}: {
  groups: NavGroup[];
  account: ReactNode;
  children: ReactNode;
}) {
  const [isOpen, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  const close = (options: { restoreFocus: boolean }) => {
    setOpen(false);
    if (options.restoreFocus) menuButton.current?.focus();
  };

  useEffect(() => {
    if (isOpen) drawer.current?.querySelector<HTMLElement>("a, button")?.focus();
  }, [isOpen]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!isOpen) return;
    if (e.key === "Escape") {
      e.preventDefault();
      close({ restoreFocus: true });
      return;
    }
    if (e.key !== "Tab") return;
    const focusable = [...(drawer.current?.querySelectorAll<HTMLElement>("a[href], button:not([disabled])") ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  const onNavigate = isOpen ? () => close({ restoreFocus: false }) : undefined;

  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header
        data-chrome
        className="sticky top-0 z-30 flex items-center justify-between bg-slate-900 px-2 py-2 lg:hidden"
      >
        <Logo />
        <button
          ref={menuButton}
          type="button"
          aria-expanded={isOpen}
          aria-controls="main-nav"
          onClick={() => setOpen(true)}
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-100 hover:bg-slate-800"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
            <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
          </svg>
          Menu
        </button>
      </header>
      {isOpen ? (
        <div
          aria-hidden
          data-chrome
          className="fixed inset-0 z-40 bg-slate-900/50 lg:hidden"
          onClick={() => close({ restoreFocus: true })}
        />
      ) : null}
      <nav
        id="main-nav"
        ref={drawer}
        aria-label="Main"
        // the navigation is dark in both themes: it keeps the light palette's slate (app/dark-palette.css)
        data-chrome
        onKeyDown={onKeyDown}
        className={`${isOpen ? "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] shadow-xl" : "hidden"} flex-col overflow-y-auto bg-slate-900 px-3 py-4 lg:sticky lg:top-0 lg:flex lg:h-screen lg:w-56 lg:shrink-0 lg:shadow-none`}
      >
        <div className="mb-6 flex items-center justify-between">
          <Logo onNavigate={onNavigate} />
          {isOpen ? (
            <button
              type="button"
              onClick={() => close({ restoreFocus: true })}
              className="rounded-md px-3 py-1 text-sm text-slate-200 hover:bg-slate-800 lg:hidden"
            >
              Close<span className="sr-only"> navigation</span>
            </button>
          ) : null}
        </div>
        <SidebarLinks groups={groups} onNavigate={onNavigate} />
        <div className="mt-auto border-t border-slate-800 pt-4">{account}</div>
      </nav>
      <main id="main" className="min-w-0 flex-1 px-4 py-4 sm:px-6 lg:px-8 lg:py-6">
        {children}
      </main>
    </div>
  );
}
