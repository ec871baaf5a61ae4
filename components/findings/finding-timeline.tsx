import { DateText } from "@/components/ui/date-text";
import type { TimelineEntry } from "@/lib/db/findings/lifecycle";

const ACTION_LABELS: Record<string, string> = {
  acknowledge: "Acknowledged",
  "accept-risk": "Risk accepted",
  "mark-false-positive": "Marked a false positive",
  resolve: "Resolved by hand",
  reopen: "Reopened",
  "engine-resolve": "Resolved: the evidence shows the fix",
  "engine-reopen": "Reopened: the condition is back",
  "acceptance-ended": "Risk acceptance ended on its end date",
};

/** Every move of a finding's lifecycle, newest first: what, who, when, why. */
export function FindingTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0)
    return <p className="text-sm text-slate-500">No moves yet: the finding has been open since it was first seen.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Timeline" data-testid="finding-timeline">
      {entries.map((t) => (
        <li key={t.id} className="py-2 text-sm" data-action={t.action}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium text-slate-900">{ACTION_LABELS[t.action] ?? t.action}</span>
            <span className="text-xs text-slate-500">
              {t.fromState} → {t.toState}
            </span>
            {t.until ? <span className="text-xs text-slate-600">until {t.until.slice(0, 10)}</span> : null}
          </div>
          {t.reason ? <p className="mt-0.5 text-slate-700">“{t.reason}”</p> : null}
          <p className="mt-0.5 text-xs text-slate-500">
            {t.actorLabel ?? t.actorType} · <DateText date={t.at} />
          </p>
        </li>
      ))}
    </ol>
  );
}
