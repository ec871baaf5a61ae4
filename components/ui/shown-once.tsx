import type { ReactNode } from "react";

/**
 * A secret an action answered that is shown this once (a new API token, a webhook's signing
 * secret): what was made and why to copy it now, then the value, selected with one click.
 */
export function ShownOnce({
  children,
  value,
  testIds,
}: {
  children: ReactNode;
  value: string;
  /** the box's and the value's data-testid */
  testIds: { box: string; value: string };
}) {
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm"
      data-testid={testIds.box}
    >
      <p className="font-medium text-emerald-900">{children}</p>
      <code
        className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
        data-testid={testIds.value}
      >
        {value}
      </code>
    </div>
  );
}
