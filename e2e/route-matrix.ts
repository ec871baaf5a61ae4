// Who may reach what. Every page.tsx and route.ts under app/ must appear here (checked by
// 02-authz-matrix.spec.ts). "allow" = not 401/403 (a 404 for a made-up id still counts as allowed);
// "401" for pages means a redirect to the sign-in page.
export type Expectation = "allow" | "403" | "401";
type Role = "admin" | "analyst" | "owner" | "auditor";
type Roles = Record<Role, Expectation>;

export type RouteExpectation = {
  kind: "PAGE" | "API";
  pattern: string;
  sample: string;
  methods: string[];
  body?: unknown;
  anonymous?: Expectation;
  roles: Roles;
};

const ALL: Roles = { admin: "allow", analyst: "allow", owner: "allow", auditor: "allow" };
const ADMIN_ONLY: Roles = { admin: "allow", analyst: "403", owner: "403", auditor: "403" };
const AUDIT: Roles = { admin: "allow", analyst: "403", owner: "403", auditor: "allow" };
const CAMPAIGNS: Roles = { admin: "allow", analyst: "allow", owner: "403", auditor: "403" };
// campaigns and their decisions are read by auditors too (issue 17); only the security team changes them
const CAMPAIGN_READERS: Roles = { admin: "allow", analyst: "allow", owner: "403", auditor: "allow" };
const WRITERS: Roles = { admin: "allow", analyst: "allow", owner: "403", auditor: "403" };
// the people directory: the security team and auditors; owners see only their own signers
const NOT_OWNER: Roles = { admin: "allow", analyst: "allow", owner: "403", auditor: "allow" };
// muting alerts: everyone who receives them, not the read-only auditors
const NOT_AUDITOR: Roles = { admin: "allow", analyst: "allow", owner: "allow", auditor: "403" };
const SIGN_IN_INSTEAD: Roles = { admin: "401", analyst: "401", owner: "401", auditor: "401" };

// Made-up values for a route's dynamic segments: those allowed get a 404, which counts as allowed.
const MADE_UP: Record<string, string> = {
  "[id]": "no-such-id",
  "[token]": "not-a-real-token-0000000000",
  "[name]": "no.such-job",
  "[credentialId]": "no-such-credential",
};

/**
 * One probe of a route: `route` is the route file's pattern, optionally with a query to send
 * ("/keys?rotation=overdue"); it is requested with made-up values for its dynamic segments unless
 * `sample` names the path to request.
 */
function probe(
  kind: RouteExpectation["kind"],
  route: string,
  methods: string[],
  roles: Roles,
  extra: Partial<RouteExpectation> = {},
): RouteExpectation {
  const [pattern, query] = route.split("?");
  const path = pattern.replace(/\[[^\]]+\]/g, (segment) => MADE_UP[segment] ?? segment);
  return { kind, pattern, sample: query ? `${path}?${query}` : path, methods, roles, ...extra };
}

const pages = (roles: Roles, ...routes: string[]) => routes.map((route) => probe("PAGE", route, ["GET"], roles));
const reads = (roles: Roles, ...routes: string[]) => routes.map((route) => probe("API", route, ["GET"], roles));
/** Writes send {} unless a body is given, so allowed roles get 400/404/422 and nothing changes. */
const write = (methods: string | string[], route: string, roles: Roles, body: unknown = {}) =>
  probe("API", route, typeof methods === "string" ? [methods] : methods, roles, { body });
/** Writes of {} to each route, given as "METHOD /route" (the form TOKEN_WRITES uses below). */
const writes = (roles: Roles, ...routes: string[]) =>
  routes.map((methodRoute) => {
    const [method, route] = methodRoute.split(" ");
    return write(method, route, roles);
  });

export const ROUTES: RouteExpectation[] = [
  // once an administrator exists the setup page sends everyone to sign-in
  probe("PAGE", "/setup", ["GET"], SIGN_IN_INSTEAD, { anonymous: "401" }),
  probe("PAGE", "/sign-in", ["GET"], ALL, { anonymous: "allow" }),
  probe("API", "/api/health", ["GET"], ALL, { anonymous: "allow" }),
  probe("API", "/api/auth/[...all]", ["GET"], ALL, { anonymous: "allow", sample: "/api/auth/get-session" }),
  ...pages(ALL, "/", "/signers", "/certificates", "/revocation", "/revocation?view=failed", "/tasks", "/tasks/[id]"),
  ...pages(AUDIT, "/audit"),
  ...pages(ADMIN_ONLY, "/admin", "/admin/tokens"),

  // dashboard (issue 5)
  ...pages(ALL, "/certificates/[id]", "/keys?rotation=overdue", "/keys/[id]"),
  ...pages(ALL, "/findings?severity=high", "/findings/[id]"),
  ...pages(ALL, "/owners?kind=teams", "/owners/people/[id]", "/owners/teams/[id]"),
  // outside /certificates: its loading.tsx would stream a 200 before the role check answers 403
  ...pages(WRITERS, "/import/certificates"),
  ...reads(ALL, "/api/v1/certificates", "/api/v1/certificates/[id]", "/api/v1/overview"),
  ...reads(ALL, "/api/v1/findings?state=all", "/api/v1/findings/[id]"),
  ...reads(ALL, "/api/v1/keys", "/api/v1/keys/[id]", "/api/v1/owners?kind=teams"),
  ...reads(AUDIT, "/api/v1/audit"),
  probe("API", "/api/v1/exports/[resource]", ["GET"], ALL, { sample: "/api/v1/exports/certificates" }),
  probe("API", "/api/v1/exports/[resource]", ["GET"], AUDIT, { sample: "/api/v1/exports/audit" }),
  // triage is for admins and analysts; the made-up finding answers 404 to them (skipped in bulk)
  write("POST", "/api/v1/findings/[id]/transitions", WRITERS, { action: "acknowledge" }),
  write("POST", "/api/v1/findings/transitions", WRITERS, { ids: ["no-such-finding"], action: "acknowledge" }),

  // signers, people, tokens (issue 4)
  ...pages(ALL, "/signers/[id]"),
  ...pages(WRITERS, "/signers/new", "/signers/import", "/signers/[id]/edit"),
  // /people redirects to the one people directory, /owners (issue 17)
  ...pages(ALL, "/people"),
  ...pages(NOT_OWNER, "/people/[id]"),
  ...reads(ALL, "/api/v1/signers", "/api/v1/signers/[id]", "/api/v1/signing-events?signerId=no-such-signer"),
  ...reads(NOT_OWNER, "/api/v1/people", "/api/v1/people/[id]", "/api/v1/teams"),
  ...reads(ADMIN_ONLY, "/api/v1/tokens"),
  ...writes(WRITERS, "POST /api/v1/signers", "PATCH /api/v1/signers/[id]", "POST /api/v1/signers/[id]/status"),
  ...reads(ALL, "/api/v1/signers/[id]/credentials"),
  write("POST", "/api/v1/signers/[id]/credentials", WRITERS),
  write(["PATCH", "DELETE"], "/api/v1/signers/[id]/credentials/[credentialId]", WRITERS),
  ...writes(WRITERS, "POST /api/v1/signers/import?dryRun=1", "POST /api/v1/signers/reassign"),
  ...writes(WRITERS, "POST /api/v1/signing-events", "POST /api/v1/people", "POST /api/v1/teams"),
  ...writes(WRITERS, "POST /api/v1/people/[id]/deactivate", "POST /api/v1/people/[id]/reactivate"),
  ...writes(WRITERS, "PATCH /api/v1/people/[id]"),
  write("POST", "/api/v1/tokens", ADMIN_ONLY),
  // users (issue 14): administrators only; {} is refused (422) and a made-up id answers 404, so nothing changes
  ...reads(ADMIN_ONLY, "/api/v1/users"),
  write("PATCH", "/api/v1/users/[id]", ADMIN_ONLY),
  write("PATCH", "/api/v1/users/[id]", ADMIN_ONLY, { role: "auditor" }),
  probe("API", "/api/v1/tokens/[id]", ["DELETE"], ADMIN_ONLY),

  // attestation (issue 6): a made-up link is refused on a page (200)
  ...pages(CAMPAIGN_READERS, "/campaigns", "/campaigns/[id]"),
  ...pages(ALL, "/attest/[token]"),
  ...reads(CAMPAIGN_READERS, "/api/v1/campaigns/[id]", "/api/v1/campaigns/[id]/export"),
  ...reads(ALL, "/api/v1/attestations"),
  ...reads(CAMPAIGN_READERS, "/api/v1/campaigns"),
  write("POST", "/api/v1/campaigns", CAMPAIGNS),
  write("POST", "/api/v1/campaigns/change-requests/[id]", CAMPAIGNS, { decision: "done" }),
  write("POST", "/api/v1/attestations/[id]/answer", ALL, { isStillNeeded: true }),
  write("POST", "/api/v1/attestations/[id]/delegate", ALL, { toEmail: "nobody@example.test" }),
  write("POST", "/api/v1/attestations/bulk", ALL),
  write("POST", "/api/v1/attestations/run-jobs", ADMIN_ONLY),

  // alerts admin (issue 7): admins only; made-up ids answer 404 and empty bodies 400 to admins, so nothing runs
  ...pages(ADMIN_ONLY, "/admin/jobs", "/admin/outbox?status=failed", "/admin/outbox/[id]", "/admin/alert-policy"),
  ...reads(ADMIN_ONLY, "/api/v1/jobs", "/api/v1/outbox?status=pending", "/api/v1/outbox/[id]"),
  write("POST", "/api/v1/jobs/[name]/run", ADMIN_ONLY),
  write("POST", "/api/v1/outbox/[id]/retry", ADMIN_ONLY),
  write(["GET", "PUT"], "/api/v1/alerts/policy", ADMIN_ONLY),
  write(["GET", "POST", "DELETE"], "/api/v1/alerts/mutes", NOT_AUDITOR),

  // revocation (issue 8): triage (check, record) is for admins and analysts
  ...reads(ALL, "/api/v1/certificates/[id]/revocation", "/api/v1/certificates/[id]/revocation/impact?date=2026-01-01"),
  ...reads(ALL, "/api/v1/revocation", "/api/v1/revocation?view=failed"),
  write("POST", "/api/v1/certificates/[id]/revocation", WRITERS),
  write("POST", "/api/v1/certificates/[id]/revocation/check", WRITERS),
  write("POST", "/api/v1/revocation/check", WRITERS, { certificateIds: ["no-such-id"] }),

  // release gate and policy (issue 15): pipelines ask with a gate token (admins and analysts may ask from a
  // session); everyone reads decisions and the policy, administrators change it and its exceptions
  ...pages(ALL, "/gate"),
  ...pages(ADMIN_ONLY, "/admin/policy", "/admin/webhooks"),
  write("POST", "/api/v1/gate", WRITERS),
  ...reads(ALL, "/api/v1/gate/decisions", "/api/v1/policy", "/api/v1/policy/versions"),
  probe("API", "/api/v1/policy/versions/[version]", ["GET"], ALL, { sample: "/api/v1/policy/versions/1" }),
  write("PUT", "/api/v1/policy", ADMIN_ONLY),
  write(["GET", "POST"], "/api/v1/gate/exceptions", ADMIN_ONLY),
  ...pages(ADMIN_ONLY, "/admin/policy?view=exceptions", "/admin/webhooks?status=failed"),
  ...reads(ADMIN_ONLY, "/api/v1/webhooks/deliveries", "/api/v1/webhooks/deliveries?status=failed"),
  write("DELETE", "/api/v1/gate/exceptions/[id]", ADMIN_ONLY),

  // discovery from signed artifacts (issue 16): the security team scans and decides the queue; auditors
  // and the security team look artifacts up (an artifact names signers across the inventory, so owners do not)
  ...pages(WRITERS, "/scans", "/discovery", "/discovery?state=linked"),
  ...reads(WRITERS, "/api/v1/discovery", "/api/v1/discovery?state=known-external"),
  probe("PAGE", "/artifacts/[sha256]", ["GET"], NOT_OWNER, { sample: `/artifacts/${"0".repeat(64)}` }),
  write("POST", "/api/v1/scans", WRITERS),
  // the recent scans (the /scans page's list): its readers, and read tokens
  ...reads(WRITERS, "/api/v1/scans"),
  probe("API", "/api/v1/artifacts/[sha256]", ["GET"], NOT_OWNER, { sample: `/api/v1/artifacts/${"0".repeat(64)}` }),
  // incidents and drills (issue 20): everyone reads (owners: those of their signers), the security team declares
  ...pages(ALL, "/incidents", "/incidents/[id]"),
  ...pages(WRITERS, "/incidents/new"),
  ...reads(ALL, "/api/v1/incidents", "/api/v1/incidents?mode=drill"),
  ...reads(ALL, "/api/v1/incidents/[id]", "/api/v1/incidents/[id]/report"),
  write("POST", "/api/v1/incidents", WRITERS),

  // approvals instead of standing access (issue 20): everyone reads (owners: their signers' requests); the security
  // team and owners ask and decide (never their own request, never as the pipeline's triggering human)
  ...pages(ALL, "/approvals", "/approvals?state=pending", "/approvals/[id]", "/approve/[token]"),
  ...reads(ALL, "/api/v1/approvals", "/api/v1/approvals?state=pending", "/api/v1/approvals/[id]"),
  write("POST", "/api/v1/approvals", NOT_AUDITOR),
  write("POST", "/api/v1/approvals/[id]/approve", NOT_AUDITOR),
  write("POST", "/api/v1/approvals/[id]/refuse", NOT_AUDITOR),

  // monitoring (issue 19): Prometheus scrapes with a metrics-scope token or SIGNET_METRICS_TOKEN
  probe("API", "/metrics", ["GET"], ADMIN_ONLY),
  // SCIM 2.0 for the identity provider (issue 19, docs/sso.md): a scim-scope token, or an administrator
  ...reads(
    ADMIN_ONLY,
    "/api/scim/v2/ServiceProviderConfig",
    "/api/scim/v2/ResourceTypes",
    "/api/scim/v2/Schemas",
    "/api/scim/v2/Users",
    "/api/scim/v2/Users/[id]",
    "/api/scim/v2/Groups",
    "/api/scim/v2/Groups/[id]",
  ),
  write("POST", "/api/scim/v2/Users", ADMIN_ONLY),
  write(["PUT", "PATCH", "DELETE"], "/api/scim/v2/Users/[id]", ADMIN_ONLY),
  write("POST", "/api/scim/v2/Groups", ADMIN_ONLY),
  write(["PUT", "PATCH", "DELETE"], "/api/scim/v2/Groups/[id]", ADMIN_ONLY),
  // the API's description is public, like the code it is built from; its reference page is for everyone signed in
  probe("API", "/api/v1/openapi.json", ["GET"], ALL, { anonymous: "allow" }),
  ...pages(ALL, "/api-reference"),
];

// API tokens (issue 14): the scopes each route accepts (lib/domain/token-scopes.ts). A token of any
// other scope gets 403; pages and non-/api/v1 routes do not look at tokens. Least privilege shows
// here: `ingest` writes certificates and signing events only.
export const TOKEN_MATRIX_SCOPES = [
  "read",
  "ingest",
  "signers:write",
  "owners:write",
  "people:write",
  "users:write",
] as const;
export type MatrixScope = (typeof TOKEN_MATRIX_SCOPES)[number];

const TOKEN_READS = [
  "/api/v1/approvals",
  "/api/v1/approvals/[id]",
  "/api/v1/artifacts/[sha256]",
  "/api/v1/certificates",
  "/api/v1/certificates/[id]",
  "/api/v1/certificates/[id]/revocation",
  "/api/v1/certificates/[id]/revocation/impact",
  "/api/v1/discovery",
  "/api/v1/exports/[resource]",
  "/api/v1/findings",
  "/api/v1/findings/[id]",
  "/api/v1/gate/decisions",
  "/api/v1/keys",
  "/api/v1/keys/[id]",
  "/api/v1/overview",
  "/api/v1/owners",
  "/api/v1/people",
  "/api/v1/people/[id]",
  "/api/v1/policy",
  "/api/v1/policy/versions",
  "/api/v1/policy/versions/[version]",
  "/api/v1/revocation",
  "/api/v1/scans",
  "/api/v1/signers",
  "/api/v1/signers/[id]",
  "/api/v1/signers/[id]/credentials",
  "/api/v1/signing-events",
  "/api/v1/teams",
];
const TOKEN_WRITES: Record<string, MatrixScope[]> = {
  "POST /api/v1/certificates": ["ingest"],
  "POST /api/v1/signing-events": ["ingest"],
  "POST /api/v1/scans": ["ingest"],
  "POST /api/v1/signers": ["signers:write"],
  "POST /api/v1/signers/import": ["signers:write"],
  "POST /api/v1/signers/[id]/status": ["signers:write"],
  "PATCH /api/v1/signers/[id]": ["signers:write", "owners:write"],
  "POST /api/v1/signers/[id]/credentials": ["signers:write"],
  "PATCH /api/v1/signers/[id]/credentials/[credentialId]": ["signers:write"],
  "DELETE /api/v1/signers/[id]/credentials/[credentialId]": ["signers:write"],
  "POST /api/v1/signers/reassign": ["owners:write"],
  "POST /api/v1/people": ["people:write"],
  "POST /api/v1/teams": ["people:write"],
  "POST /api/v1/people/[id]/deactivate": ["people:write"],
  "POST /api/v1/people/[id]/reactivate": ["people:write"],
  "PATCH /api/v1/people/[id]": ["people:write"],
  "GET /api/v1/users": ["users:write"],
  "PATCH /api/v1/users/[id]": ["users:write"],
};

/** What a token of `scope` should get from one probe of the matrix; null: the probe is not about tokens. */
export function tokenExpectation(r: RouteExpectation, method: string, scope: MatrixScope): Expectation | null {
  if (r.kind !== "API" || !r.pattern.startsWith("/api/v1/")) return null;
  // the audit log is exported to auditors and administrators only, never to a token
  if (r.sample.startsWith("/api/v1/exports/audit")) return "403";
  // public: the description of the API, not its data
  if (r.pattern === "/api/v1/openapi.json") return "allow";
  const accepted =
    TOKEN_WRITES[`${method} ${r.pattern}`] ?? (method === "GET" && TOKEN_READS.includes(r.pattern) ? ["read"] : []);
  return accepted.includes(scope) ? "allow" : "403";
}
