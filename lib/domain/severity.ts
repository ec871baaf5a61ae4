// Finding severities. Stored as strings (SQLite has no enums) next to a numeric rank so the
// database can sort and filter by "at least high" without a CASE expression.
import { z } from "./zod";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severitySchema = z.enum(SEVERITIES);

const RANKS: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** critical = 4 … info = 0 */
export function severityRank(severity: Severity): number {
  return RANKS[severity];
}

export function severityFromRank(rank: number): Severity {
  const found = SEVERITIES.find((s) => RANKS[s] === rank);
  if (!found) throw new RangeError(`No severity has rank ${rank}`);
  return found;
}

/** Sort comparator, most severe first: `list.sort((a, b) => compareSeverity(a, b))`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANKS[b] - RANKS[a];
}

export function isAtLeast(severity: Severity, minimum: Severity): boolean {
  return RANKS[severity] >= RANKS[minimum];
}

export function maxSeverity(...severities: Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) if (best === null || RANKS[s] > RANKS[best]) best = s;
  return best;
}
