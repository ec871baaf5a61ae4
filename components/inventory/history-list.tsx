import type { AuditRow } from "@/lib/db/audit/list";
import { DateText } from "@/components/ui/date-text";

export function HistoryList({ events, empty }: { events: AuditRow[]; empty: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ol className="space-y-2 text-sm">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-3">
          <DateText date={e.at} className="text-slate-600" />
          <code className="text-xs text-slate-700">{e.action}</code>
          <span className="text-slate-600">{e.actorLabel}</span>
          <span className="basis-full text-slate-900">{e.summary}</span>
        </li>
      ))}
    </ol>
  );
}
