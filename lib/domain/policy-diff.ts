// What changed between two policies (or two policy documents): one entry per leaf that differs,
// with its dotted path. Arrays are compared as a whole (they replace, never merge). Pure; the
// policy page and GET /api/v1/policy/versions/{version} show it next to each version.

export type PolicyChange = { path: string; before: unknown; after: unknown };

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function diffPolicies(before: Json, after: Json, path = ""): PolicyChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffPolicies(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "(policy)", before: before ?? null, after: after ?? null }];
}

/** One line per change, for audit summaries and the CLI: `gate.findingSeverity: "critical" → "high"`. */
export function formatPolicyChanges(changes: readonly PolicyChange[], options: { limit?: number } = {}): string {
  const limit = options.limit ?? changes.length;
  const lines = changes
    .slice(0, limit)
    .map((c) => `${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
  if (changes.length > limit) lines.push(`… and ${changes.length - limit} more`);
  return lines.join("; ");
}
