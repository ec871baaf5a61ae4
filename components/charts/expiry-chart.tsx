import type { ExpiryWeek } from "@/lib/db/inventory/overview";

// Certificates expiring per week as an SVG bar chart. Each bar is a link to the certificate list
// filtered to that week, with an aria-label that says what it holds; the figure has a text
// summary for screen readers. Fixed viewBox so server and browser render the same.

const W = 900;
const H = 220;
const PAD = { top: 16, right: 8, bottom: 36, left: 40 };

export function ExpiryChart({
  weeks,
  hrefFor = (w) => w.href,
}: {
  weeks: ExpiryWeek[];
  hrefFor?: (w: ExpiryWeek) => string;
}) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / weeks.length;
  const barW = Math.max(4, slot * 0.72);
  const ticks = [0, Math.round(max / 2), max];
  const upcoming = weeks.filter((w) => !w.isPast).reduce((n, w) => n + w.count, 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="group"
        aria-label="Certificates expiring per week: the last 4 weeks and the next 26"
      >
        {ticks.map((t) => {
          const y = PAD.top + innerH - (t / max) * innerH;
          return (
            <g key={t} aria-hidden>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} className="stroke-slate-200" />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" fontSize="11" className="fill-slate-500">
                {t.toLocaleString("en")}
              </text>
            </g>
          );
        })}
        {weeks.map((w, i) => {
          const h = (w.count / max) * innerH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          // palette classes, so the dark theme recolours the bars with everything else
          const fill = w.isPast ? "fill-red-600" : i <= 8 ? "fill-amber-600" : "fill-indigo-600";
          const when = w.isPast ? "expired in the week" : w.isCurrent ? "expire this week," : "expire in the week";
          return (
            <a
              key={w.from}
              href={hrefFor(w)}
              data-count={w.count}
              aria-label={`${w.count.toLocaleString("en")} certificate${w.count === 1 ? "" : "s"} ${when} ${w.from} to ${w.to}`}
              className="group focus:outline-none"
            >
              <rect
                x={PAD.left + i * slot}
                y={PAD.top}
                width={slot}
                height={innerH}
                fill="transparent"
                className="group-hover:fill-slate-100 group-focus-visible:fill-indigo-100"
              />
              <rect
                x={x}
                y={PAD.top + innerH - h}
                width={barW}
                height={Math.max(h, w.count ? 2 : 0)}
                className={fill}
                rx="2"
              />
              {w.isCurrent ? (
                <line
                  x1={PAD.left + i * slot}
                  x2={PAD.left + i * slot}
                  y1={PAD.top}
                  y2={PAD.top + innerH}
                  className="stroke-slate-900"
                  strokeDasharray="3 3"
                  aria-hidden
                />
              ) : null}
              {i % 4 === 0 ? (
                <text
                  x={x + barW / 2}
                  y={H - PAD.bottom + 16}
                  textAnchor="middle"
                  fontSize="11"
                  className="fill-slate-600"
                  aria-hidden
                >
                  {w.from.slice(5)}
                </text>
              ) : null}
            </a>
          );
        })}
        <text x={PAD.left} y={H - 4} fontSize="11" className="fill-slate-500" aria-hidden>
          week starting (MM-DD, UTC) · dashed line: this week
        </text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-3 rounded-sm bg-red-600" />
          expired (last 4 weeks)
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-3 rounded-sm bg-amber-600" />
          next 8 weeks
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-3 rounded-sm bg-indigo-600" />
          later
        </span>
        <span>{upcoming.toLocaleString("en")} expire in the next 26 weeks. Select a bar to list them.</span>
      </figcaption>
    </figure>
  );
}
