import { formatDateRelative } from "@/lib/domain/dates";

/**
 * "in 12 days — 2026-12-05": relative and absolute, the absolute one exact in a tooltip.
 *
 * Inside a client component this renders twice, on the server and again when the page hydrates,
 * each with its own "now": across a minute (or hour, or day) boundary the relative text differs.
 * That text alone may differ (suppressHydrationWarning covers this element's own text): without
 * it React discards the server's HTML for the whole tree and renders it again, and what a user
 * had typed into a form on the page by then is lost.
 */
export function DateText({
  date,
  now,
  className = "",
}: {
  date: Date | string | null | undefined;
  now?: Date;
  className?: string;
}) {
  if (!date) return <span className="text-slate-500">—</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  const { relative, absolute } = formatDateRelative(d, now ?? new Date());
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className={className} suppressHydrationWarning>
      {relative} <span className="text-slate-500">— {absolute}</span>
    </time>
  );
}
