// Privilege grants of signers: scope strings with an environment, and which grants a signing
// event exercises. Pure; the services use it to move Privilege.lastExercisedAt forward.
//
// Scope grammar: "*" (everything), or "<verb>:<resource>" where the resource is a path with "/"
// separators, e.g. sign:release/production, repo:acme/payments, approve:release, sign:*.
// Matching (grant covers event scope):
// - "*" covers every scope;
// - equal scopes (case-insensitive) match;
// - a grant ending in "*" covers every scope starting with what precedes the "*"
//   (sign:* covers sign:release/production; repo:acme/* covers repo:acme/payments);
// - a grant covers narrower scopes below it on a ":" or "/" boundary
//   (sign covers sign:release; sign:release covers sign:release/production, not sign:releases).
// Environment: a grant for "any" covers every environment; otherwise the event's environment must
// be the same name (case-insensitive). An event without a scope proves no particular grant was
// used, so it exercises none; an event without an environment exercises only "any" grants.

export const ANY_ENVIRONMENT = "any";

const VERB_PATTERN = /^[a-z][a-z0-9-]*$/;
const SEGMENT_PATTERN = /^[A-Za-z0-9._~+-]+$/;
/** The characters of an environment name; its length is capped apart, so a long name is told so. */
const ENVIRONMENT_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_ENVIRONMENT_LENGTH = 63;

export const MAX_SCOPE_LENGTH = 200;

/** null when valid, otherwise why not */
export function scopeProblem(scope: string): string | null {
  if (scope.length === 0) return "Scope is empty";
  if (scope.length > MAX_SCOPE_LENGTH) return `Scope is longer than ${MAX_SCOPE_LENGTH} characters`;
  if (!isWellFormedScope(scope)) {
    return `"${scope}" is not a scope: use "*" or verb:resource, e.g. sign:release/production, repo:acme/payments, approve:release, sign:*`;
  }
  return null;
}

function isWellFormedScope(scope: string): boolean {
  if (scope === "*") return true;
  const colon = scope.indexOf(":");
  const verb = colon < 0 ? scope : scope.slice(0, colon);
  if (!VERB_PATTERN.test(verb)) return false;
  if (colon < 0) return true;
  const segments = scope.slice(colon + 1).split("/");
  return segments.every((seg, i) => {
    // a trailing "*" (whole segment or suffix) is a wildcard, only in the last segment
    const isLast = i === segments.length - 1;
    const body = isLast && seg.endsWith("*") ? seg.slice(0, -1) : seg;
    return (isLast && body === "" && seg === "*") || SEGMENT_PATTERN.test(body);
  });
}

export function environmentProblem(environment: string): string | null {
  if (environment === ANY_ENVIRONMENT) return null;
  if (environment.length > MAX_ENVIRONMENT_LENGTH)
    return `An environment name has at most ${MAX_ENVIRONMENT_LENGTH} characters (this one has ${environment.length})`;
  if (!ENVIRONMENT_PATTERN.test(environment)) {
    return `"${environment}" is not an environment name: lowercase letters, digits, ".", "_" or "-" (or "any")`;
  }
  return null;
}

export function normaliseEnvironment(environment: string | null | undefined): string {
  const e = (environment ?? "").trim().toLowerCase();
  return e === "" ? ANY_ENVIRONMENT : e;
}

export type GrantSpec = { scope: string; environment: string };

/**
 * Parses "scope" or "scope@environment" (the text form used in CSV cells and the edit form).
 * Returns the grant or a problem message.
 */
export function parseGrant(text: string): { grant: GrantSpec } | { problem: string } {
  const t = text.trim();
  const at = t.lastIndexOf("@");
  const [scope, environment] = at > 0 ? [t.slice(0, at).trim(), t.slice(at + 1).trim()] : [t, ""];
  const env = normaliseEnvironment(environment);
  const problem = scopeProblem(scope) ?? environmentProblem(env);
  return problem ? { problem } : { grant: { scope, environment: env } };
}

export function formatGrant(grant: GrantSpec): string {
  return grant.environment === ANY_ENVIRONMENT ? grant.scope : `${grant.scope}@${grant.environment}`;
}

/** Does the grant's scope cover the event's scope? */
export function scopeCovers(grantScope: string, eventScope: string): boolean {
  const g = grantScope.trim().toLowerCase();
  const e = eventScope.trim().toLowerCase();
  if (g === "*" || g === e) return true;
  if (g.endsWith("*")) return e.startsWith(g.slice(0, -1));
  if (!e.startsWith(g)) return false;
  const next = e.charAt(g.length);
  return next === ":" || next === "/";
}

export function environmentCovers(grantEnvironment: string, eventEnvironment: string | null | undefined): boolean {
  const g = normaliseEnvironment(grantEnvironment);
  if (g === ANY_ENVIRONMENT) return true;
  if (!eventEnvironment) return false;
  return g === eventEnvironment.trim().toLowerCase();
}

export type ExercisableGrant = GrantSpec & { id: string; removedAt?: Date | null };

/** The grants (still in force) that a signing event with this scope and environment exercises. */
export function grantsExercisedBy<T extends ExercisableGrant>(
  grants: readonly T[],
  event: { scope?: string | null; environment?: string | null },
): T[] {
  if (!event.scope) return [];
  const scope = event.scope;
  return grants.filter(
    (g) => !g.removedAt && scopeCovers(g.scope, scope) && environmentCovers(g.environment, event.environment),
  );
}

/** Distinct grants by (scope, environment): the unique key of Privilege. Later duplicates are dropped. */
export function dedupeGrants(grants: readonly GrantSpec[]): GrantSpec[] {
  const seen = new Set<string>();
  const out: GrantSpec[] = [];
  for (const g of grants) {
    const key = `${g.scope}\u0000${g.environment}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(g);
    }
  }
  return out;
}

/** What to change to turn the current grants into the wanted ones (removed grants keep their row). */
export function diffGrants<T extends GrantSpec & { id: string; removedAt: Date | null }>(
  current: readonly T[],
  wanted: readonly GrantSpec[],
) {
  const key = (g: GrantSpec) => `${g.scope}\u0000${g.environment}`;
  const wantedKeys = new Set(wanted.map(key));
  const currentByKey = new Map(current.map((g) => [key(g), g]));
  return {
    add: wanted.filter((g) => !currentByKey.has(key(g))),
    restore: current.filter((g) => g.removedAt && wantedKeys.has(key(g))),
    remove: current.filter((g) => !g.removedAt && !wantedKeys.has(key(g))),
  };
}
