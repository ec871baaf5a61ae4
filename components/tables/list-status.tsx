"use client";

import { buttonClass } from "@/components/ui/button";

/** What failed, in words, with a way to try again. */
export function QueryError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  const message = error instanceof Error ? error.message : "unknown error";
  return (
    <div
      role="alert"
      className="mb-4 flex items-center justify-between gap-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <span>
        Could not load {what}: {message}
      </span>
      <button type="button" className={buttonClass("secondary")} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function ListLoading({ what }: { what: string }) {
  return (
    <div
      role="status"
      className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center text-sm text-slate-500"
    >
      Loading {what}…
    </div>
  );
}

export function ExportLink({ href, label = "Export CSV" }: { href: string; label?: string }) {
  return (
    <a href={href} download className={buttonClass("secondary")}>
      {label}
    </a>
  );
}
