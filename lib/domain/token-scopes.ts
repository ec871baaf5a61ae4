// API token scopes: the one list of what a pipeline token may do. Least privilege: each write scope
// is named for the thing it changes, and a token carries only the scopes it was created with.
// Later scopes (gate, metrics, approvals) join this list; a route names the scopes it accepts
// (route({ tokenScopes }) in lib/api/handler.ts) and a handler that changes two kinds of thing
// asks for the second with ctx.requireScope.
//
// A token stores its scopes as one space-separated string (OAuth 2's form, RFC 6749 §3.3) in
// ApiToken.scope, so a token created before scopes could be combined ("ingest") still reads as
// that one scope.

export const TOKEN_SCOPES = [
  "read",
  "ingest",
  "signing-events",
  "signers:write",
  "owners:write",
  "people:write",
  "users:write",
  "metrics",
  "gate",
  "scim",
  "approvals",
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_HELP: Record<TokenScope, string> = {
  read: "read the inventory (GET /api/v1/…)",
  ingest: "import certificates and report signing events for any signer",
  "signing-events": "report signing events for one signer only (that signer's pipeline); combines with nothing else",
  "signers:write": "register signers, edit their details and status, bulk-import signers (not their owners)",
  "owners:write": "change who owns a signer (primary owner, backup owner, team) and hand signers over",
  "people:write": "add people and teams, mark a person as having left or back (not an administrator's person)",
  "users:write": "change users' roles, disable and re-enable users (administrator authority over users)",
  metrics: "scrape GET /metrics (Prometheus): counts and expiry times, no names of people",
  scim: "provision people and teams from the identity provider (SCIM 2.0 under /api/scim/v2): create, update, mark as left",
  approvals:
    "ask for a window on a just-in-time signing grant (POST /api/v1/approvals, signet request-approval); bound to a signer, only for that signer",
  gate: "ask the release gate whether a signer may sign or an artifact may be promoted (POST /api/v1/gate); bound to a signer, only about that signer",
};

/** Scopes a token bound to one signer may carry: that signer's pipeline reports and asks the gate. */
const SIGNER_BOUND_SCOPES: readonly TokenScope[] = ["signing-events", "gate", "approvals"];

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === "string" && (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** The scopes stored in a token's scope column; unknown words are dropped (they grant nothing). */
export function parseTokenScopes(stored: string): TokenScope[] {
  return [...new Set(stored.split(/\s+/).filter(isTokenScope))];
}

/** The stored form: known scopes, each once, in the order of TOKEN_SCOPES. */
export function formatTokenScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(" ");
}

/** Whether a token with `granted` may call something that accepts any of `accepted`. */
export function hasAnyScope(granted: readonly TokenScope[], accepted: readonly TokenScope[]): boolean {
  return accepted.some((s) => granted.includes(s));
}

/** What is wrong with the scopes (or signer) a token is to be created with, or null. */
export function tokenScopesProblem(
  scopes: readonly TokenScope[],
  options: { hasSigner: boolean },
): { field: "scopes" | "signerId"; message: string } | null {
  if (scopes.length === 0) return { field: "scopes", message: "Choose at least one scope" };
  const isBound = scopes.includes("signing-events");
  const isSignerScoped = scopes.every((s) => SIGNER_BOUND_SCOPES.includes(s));
  if (isBound && !isSignerScoped)
    return {
      field: "scopes",
      message: "A signing-events token is for one signer and carries no other scope (gate and approvals excepted)",
    };
  if (isBound && !options.hasSigner)
    return { field: "signerId", message: "A signing-events token is for one signer: choose it" };
  // a gate token may be bound (it asks only about its signer) or not (any signer)
  if (options.hasSigner && !isSignerScoped)
    return { field: "signerId", message: "Only signing-events, gate and approvals tokens are bound to a signer" };
  return null;
}
