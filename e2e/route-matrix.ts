// Who may reach what. Every page.tsx and route.ts under app/ must appear here (checked by
// 02-authz-matrix.spec.ts). "allow" = not 401/403 (a 404 for a made-up id still counts as allowed);
// "401" for pages means a redirect to the sign-in page.
export type Expectation = "allow" | "403" | "401";
type Role = "admin" | "analyst" | "owner" | "auditor";

export type RouteExpectation = {
  kind: "PAGE" | "API";
  pattern: string;
  sample: string;
  methods: string[];
  body?: unknown;
  anonymous?: Expectation;
  roles: Record<Role, Expectation>;
};

const ALL: Record<Role, Expectation> = { admin: "allow", analyst: "allow", owner: "allow", auditor: "allow" };
const ADMIN_ONLY: Record<Role, Expectation> = { admin: "allow", analyst: "403", owner: "403", auditor: "403" };
const AUDIT: Record<Role, Expectation> = { admin: "allow", analyst: "403", owner: "403", auditor: "allow" };
const CAMPAIGNS: Record<Role, Expectation> = { admin: "allow", analyst: "allow", owner: "403", auditor: "403" };
const WRITERS: Record<Role, Expectation> = { admin: "allow", analyst: "allow", owner: "403", auditor: "403" };
// the people directory: the security team and auditors; owners see only their own signers
const NOT_OWNER: Record<Role, Expectation> = { admin: "allow", analyst: "allow", owner: "403", auditor: "allow" };

export const ROUTES: RouteExpectation[] = [
  // once an administrator exists the setup page sends everyone to sign-in
  { kind: "PAGE", pattern: "/setup", sample: "/setup", methods: ["GET"], anonymous: "401", roles: { admin: "401", analyst: "401", owner: "401", auditor: "401" } },
  { kind: "PAGE", pattern: "/sign-in", sample: "/sign-in", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "PAGE", pattern: "/", sample: "/", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/signers", sample: "/signers", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/certificates", sample: "/certificates", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/audit", sample: "/audit", methods: ["GET"], roles: AUDIT },
  // dashboard (issue 5): made-up ids answer 404, which counts as allowed
  { kind: "PAGE", pattern: "/certificates/[id]", sample: "/certificates/no-such-id", methods: ["GET"], roles: ALL },
  // outside /certificates: its loading.tsx would stream a 200 before the role check answers 403
  { kind: "PAGE", pattern: "/import/certificates", sample: "/import/certificates", methods: ["GET"], roles: WRITERS },
  { kind: "PAGE", pattern: "/keys", sample: "/keys?rotation=overdue", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/keys/[id]", sample: "/keys/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/findings", sample: "/findings?severity=high", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/findings/[id]", sample: "/findings/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/owners", sample: "/owners?kind=teams", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/owners/people/[id]", sample: "/owners/people/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/owners/teams/[id]", sample: "/owners/teams/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/admin", sample: "/admin", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/health", sample: "/api/health", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "API", pattern: "/api/auth/[...all]", sample: "/api/auth/get-session", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "API", pattern: "/api/v1/signers", sample: "/api/v1/signers", methods: ["GET"], roles: ALL },
  // signers, people, tokens (issue 4). Writes send {} so allowed roles get 422/404 and nothing changes.
  { kind: "PAGE", pattern: "/signers/new", sample: "/signers/new", methods: ["GET"], roles: WRITERS },
  { kind: "PAGE", pattern: "/signers/import", sample: "/signers/import", methods: ["GET"], roles: WRITERS },
  { kind: "PAGE", pattern: "/signers/[id]", sample: "/signers/no-such-signer", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/signers/[id]/edit", sample: "/signers/no-such-signer/edit", methods: ["GET"], roles: WRITERS },
  { kind: "PAGE", pattern: "/people", sample: "/people", methods: ["GET"], roles: NOT_OWNER },
  { kind: "PAGE", pattern: "/people/[id]", sample: "/people/no-such-person", methods: ["GET"], roles: NOT_OWNER },
  { kind: "PAGE", pattern: "/admin/tokens", sample: "/admin/tokens", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/signers", sample: "/api/v1/signers", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signers/[id]", sample: "/api/v1/signers/no-such-signer", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/signers/[id]", sample: "/api/v1/signers/no-such-signer", methods: ["PATCH"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signers/[id]/status", sample: "/api/v1/signers/no-such-signer/status", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signers/import", sample: "/api/v1/signers/import?dryRun=1", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signers/reassign", sample: "/api/v1/signers/reassign", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signing-events", sample: "/api/v1/signing-events", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/signing-events", sample: "/api/v1/signing-events?signerId=no-such-signer", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/people", sample: "/api/v1/people", methods: ["GET"], roles: NOT_OWNER },
  { kind: "API", pattern: "/api/v1/people", sample: "/api/v1/people", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/people/[id]", sample: "/api/v1/people/no-such-person", methods: ["GET"], roles: NOT_OWNER },
  { kind: "API", pattern: "/api/v1/people/[id]/deactivate", sample: "/api/v1/people/no-such-person/deactivate", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/teams", sample: "/api/v1/teams", methods: ["GET"], roles: NOT_OWNER },
  { kind: "API", pattern: "/api/v1/teams", sample: "/api/v1/teams", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/tokens", sample: "/api/v1/tokens", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/tokens", sample: "/api/v1/tokens", methods: ["POST"], body: {}, roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/tokens/[id]", sample: "/api/v1/tokens/no-such-token", methods: ["DELETE"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/certificates", sample: "/api/v1/certificates", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/certificates/[id]", sample: "/api/v1/certificates/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/overview", sample: "/api/v1/overview", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/findings", sample: "/api/v1/findings?state=all", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/findings/[id]", sample: "/api/v1/findings/no-such-id", methods: ["GET"], roles: ALL },
  // triage is for admins and analysts; the made-up finding answers 404 to them
  { kind: "API", pattern: "/api/v1/findings/[id]/suppression", sample: "/api/v1/findings/no-such-id/suppression", methods: ["POST"], body: { reason: "matrix test reason", until: "2099-01-01" }, roles: { admin: "allow", analyst: "allow", owner: "403", auditor: "403" } },
  { kind: "API", pattern: "/api/v1/keys", sample: "/api/v1/keys", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/keys/[id]", sample: "/api/v1/keys/no-such-id", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/owners", sample: "/api/v1/owners?kind=teams", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/audit", sample: "/api/v1/audit", methods: ["GET"], roles: AUDIT },
  { kind: "API", pattern: "/api/v1/exports/[resource]", sample: "/api/v1/exports/certificates", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/exports/[resource]", sample: "/api/v1/exports/audit", methods: ["GET"], roles: AUDIT },
  // attestation (issue 6): made-up ids answer 404 to those allowed; a made-up link is refused on a page (200)
  { kind: "PAGE", pattern: "/campaigns", sample: "/campaigns", methods: ["GET"], roles: CAMPAIGNS },
  { kind: "PAGE", pattern: "/campaigns/[id]", sample: "/campaigns/unknown", methods: ["GET"], roles: CAMPAIGNS },
  { kind: "PAGE", pattern: "/tasks", sample: "/tasks", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/tasks/[id]", sample: "/tasks/unknown", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/attest/[token]", sample: "/attest/not-a-real-token-0000000000", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/campaigns", sample: "/api/v1/campaigns", methods: ["GET", "POST"], body: {}, roles: CAMPAIGNS },
  { kind: "API", pattern: "/api/v1/campaigns/[id]", sample: "/api/v1/campaigns/unknown", methods: ["GET"], roles: CAMPAIGNS },
  { kind: "API", pattern: "/api/v1/campaigns/[id]/export", sample: "/api/v1/campaigns/unknown/export", methods: ["GET"], roles: CAMPAIGNS },
  { kind: "API", pattern: "/api/v1/campaigns/change-requests/[id]", sample: "/api/v1/campaigns/change-requests/unknown", methods: ["POST"], body: { decision: "done" }, roles: CAMPAIGNS },
  { kind: "API", pattern: "/api/v1/attestations", sample: "/api/v1/attestations", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/attestations/[id]/answer", sample: "/api/v1/attestations/unknown/answer", methods: ["POST"], body: { isStillNeeded: true }, roles: ALL },
  { kind: "API", pattern: "/api/v1/attestations/[id]/delegate", sample: "/api/v1/attestations/unknown/delegate", methods: ["POST"], body: { toEmail: "nobody@example.test" }, roles: ALL },
  { kind: "API", pattern: "/api/v1/attestations/bulk", sample: "/api/v1/attestations/bulk", methods: ["POST"], body: {}, roles: ALL },
  { kind: "API", pattern: "/api/v1/attestations/run-jobs", sample: "/api/v1/attestations/run-jobs", methods: ["POST"], body: {}, roles: ADMIN_ONLY },
  // alerts admin (issue 7): admins only; made-up ids answer 404 and empty bodies 400 to admins, so nothing runs
  { kind: "PAGE", pattern: "/admin/jobs", sample: "/admin/jobs", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "PAGE", pattern: "/admin/outbox", sample: "/admin/outbox?status=failed", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "PAGE", pattern: "/admin/outbox/[id]", sample: "/admin/outbox/no-such-id", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "PAGE", pattern: "/admin/alert-policy", sample: "/admin/alert-policy", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/jobs", sample: "/api/v1/jobs", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/jobs/[name]/run", sample: "/api/v1/jobs/no.such-job/run", methods: ["POST"], body: {}, roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/outbox", sample: "/api/v1/outbox?status=pending", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/outbox/[id]", sample: "/api/v1/outbox/no-such-id", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/outbox/[id]/retry", sample: "/api/v1/outbox/no-such-id/retry", methods: ["POST"], body: {}, roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/alerts/policy", sample: "/api/v1/alerts/policy", methods: ["GET", "PUT"], body: {}, roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/v1/alerts/mutes", sample: "/api/v1/alerts/mutes", methods: ["GET", "POST", "DELETE"], body: {}, roles: { admin: "allow", analyst: "allow", owner: "allow", auditor: "403" } },
  // revocation (issue 8): triage (check, record) is for admins and analysts; made-up ids answer 404, empty bodies 400
  { kind: "PAGE", pattern: "/revocation", sample: "/revocation", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/certificates/[id]/revocation", sample: "/api/v1/certificates/no-such-id/revocation", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/certificates/[id]/revocation", sample: "/api/v1/certificates/no-such-id/revocation", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/certificates/[id]/revocation/check", sample: "/api/v1/certificates/no-such-id/revocation/check", methods: ["POST"], body: {}, roles: WRITERS },
  { kind: "API", pattern: "/api/v1/certificates/[id]/revocation/impact", sample: "/api/v1/certificates/no-such-id/revocation/impact?date=2026-01-01", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/revocation/check", sample: "/api/v1/revocation/check", methods: ["POST"], body: { certificateIds: ["no-such-id"] }, roles: WRITERS },
];
