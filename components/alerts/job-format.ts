// Small formatters for the jobs page, kept pure so they are easy to test.

export function formatInterval(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `every ${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `every ${min} min`;
  const h = min / 60;
  if (h < 24) return `every ${Number.isInteger(h) ? h : h.toFixed(1)} h`;
  const d = h / 24;
  return `every ${Number.isInteger(d) ? d : d.toFixed(1)} day${d === 1 ? "" : "s"}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A job's stored result (any JSON) as one short line: "queued 3 · deliveries 12". */
export function summariseResult(result: unknown): string {
  if (result === null || result === undefined) return "";
  if (typeof result !== "object") return String(result).slice(0, 200);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    // the run id and timings only lengthen the line
    if (key === "runId" || key.endsWith("Ms")) continue;
    if (typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value.length <= 60)) {
      parts.push(`${key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()} ${String(value)}`);
    } else if (Array.isArray(value)) parts.push(`${key} ${value.length}`);
  }
  return parts.join(" · ").slice(0, 300);
}
