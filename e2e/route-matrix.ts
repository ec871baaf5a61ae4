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

export const ROUTES: RouteExpectation[] = [
  // once an administrator exists the setup page sends everyone to sign-in
  { kind: "PAGE", pattern: "/setup", sample: "/setup", methods: ["GET"], anonymous: "401", roles: { admin: "401", analyst: "401", owner: "401", auditor: "401" } },
  { kind: "PAGE", pattern: "/sign-in", sample: "/sign-in", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "PAGE", pattern: "/", sample: "/", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/signers", sample: "/signers", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/certificates", sample: "/certificates", methods: ["GET"], roles: ALL },
  { kind: "PAGE", pattern: "/audit", sample: "/audit", methods: ["GET"], roles: AUDIT },
  { kind: "PAGE", pattern: "/admin", sample: "/admin", methods: ["GET"], roles: ADMIN_ONLY },
  { kind: "API", pattern: "/api/health", sample: "/api/health", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "API", pattern: "/api/auth/[...all]", sample: "/api/auth/get-session", methods: ["GET"], anonymous: "allow", roles: ALL },
  { kind: "API", pattern: "/api/v1/signers", sample: "/api/v1/signers", methods: ["GET"], roles: ALL },
  { kind: "API", pattern: "/api/v1/certificates", sample: "/api/v1/certificates", methods: ["GET"], roles: ALL },
];
