import { formatDateRelative } from "@/lib/domain/dates";

/** "in 12 days — 2026-12-05": relative and absolute, the absolute one exact in a tooltip. */
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
    <time dateTime={d.toISOString()} title={d.toISOString()} className={className}>
      {relative} <span className="text-slate-500">— {absolute}</span>
    </time>
  );
}
