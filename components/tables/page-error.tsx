"use client";

import { buttonClass } from "@/components/ui/button";

/** A route's error boundary: says what failed; server errors carry only a reference, never internals. */
export function PageError({
  what,
  error,
  reset,
}: {
  what: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-8 text-sm text-red-800">
      <h2 className="text-base font-semibold">Could not load {what}</h2>
      <p className="mt-1">
        {error.digest
          ? `The server could not answer (reference ${error.digest}); the error has been logged.`
          : error.message}
      </p>
      <button type="button" className={`${buttonClass("secondary")} mt-4`} onClick={reset}>
        Try again
      </button>
    </div>
  );
}
