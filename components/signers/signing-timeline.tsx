import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Pager } from "@/components/tables/pager";
import type { SigningEventRow } from "@/lib/db/signing-events/signing-activity";

export function SigningTimeline({
  events,
  total,
  page,
  pageSize,
  basePath,
  now,
}: {
  events: SigningEventRow[];
  total: number;
  page: number;
  pageSize: number;
  basePath: string;
  now: Date;
}) {
  if (total === 0)
    return (
      <p className="text-sm text-slate-600">
        No signing activity recorded yet. Pipelines report signatures to <code>POST /api/v1/signing-events</code> with a
        signing-events token.
      </p>
    );
  return (
    <>
      <ol className="relative space-y-3 border-l border-slate-200 pl-4" aria-label="Signing activity">
        {events.map((e) => (
          <li key={e.id} className="text-sm">
            <span
              aria-hidden
              className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full ${e.isInteractive ? "bg-orange-500" : "bg-indigo-500"}`}
            />
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{e.artifactName}</span>
              {e.environment ? <Badge tone="blue">{e.environment}</Badge> : null}
              {e.isInteractive ? <Badge tone="orange">⚠ interactive</Badge> : <Badge tone="slate">pipeline</Badge>}
              {e.scope ? <code className="text-xs text-slate-600">{e.scope}</code> : null}
              <DateText date={e.signedAt} now={now} className="text-xs" />
            </div>
            <div className="mt-0.5 text-xs text-slate-500">
              {e.artifactDigest ? (
                <span className="font-mono" title={e.artifactDigest}>
                  {shortDigest(e.artifactDigest)}
                </span>
              ) : null}
              {e.certificate ? (
                <> · certificate {e.certificate.subjectCn ?? e.certificate.sha256.slice(0, 16)}</>
              ) : null}
              {e.ciRunUrl ? (
                <>
                  {" "}
                  ·{" "}
                  <a className="text-indigo-700 underline" href={e.ciRunUrl} rel="noreferrer noopener" target="_blank">
                    CI run
                  </a>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <Pager
        page={page}
        pageSize={pageSize}
        total={total}
        rowCount={events.length}
        hrefFor={(p) => `${basePath}?page=${p}`}
      />
    </>
  );
}

function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(":") ? digest.split(":", 2) : ["sha256", digest];
  return `${algorithm}:${hex.slice(0, 12)}…${hex.slice(-6)}`;
}
