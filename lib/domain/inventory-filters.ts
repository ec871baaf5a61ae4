// Filter state of the inventory lists, kept in the URL so a view can be shared and the back button
// works. Pure: parse URL search params with zod (a bad value falls back to its default instead of
// breaking the page) and serialise back, leaving defaults out so URLs stay short and stable.
import { z } from "./zod";
import { SEVERITIES } from "@/lib/domain/severity";
import { NHI_IDS } from "@/lib/domain/nhi";
import { CERTIFICATE_STATUSES } from "@/lib/domain/certificate-status";
import { CREDENTIAL_TYPES, SIGNER_KINDS, SIGNER_STATUSES } from "@/lib/domain/signer-input";
import { APPROVAL_STATES } from "@/lib/domain/approvals";
import { INCIDENT_MODES } from "@/lib/domain/incidents";
import { WEBHOOK_DELIVERY_STATUSES } from "@/lib/domain/webhooks/events";

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** optional text, trimmed; empty → undefined; anything unparsable → undefined */
const text = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .catch(undefined);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
/** A choice that always has a value (a page's tab): the first one when it is missing or unknown. */
const firstOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).default(values[0]).catch(values[0]);
const day = z
  .string()
  .regex(isoDay)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
  .optional()
  .catch(undefined);
const page = z.coerce.number().int().min(1).max(100_000).default(1).catch(1);
/** A page number from the URL: 1 unless it is a whole number from 1 on. */
export const parsePage = (value: string | undefined): number => page.parse(value);
/** A page size from the URL: one of PAGE_SIZES, else `fallback`. */
const pageSizeOf = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(fallback)
    .catch(fallback);
const pageSize = pageSizeOf(DEFAULT_PAGE_SIZE);
const dir = z.enum(["asc", "desc"]).optional().catch(undefined);
/**
 * The page size as the API takes it: any size up to MAX_API_PAGE_SIZE, and a size out of range is
 * refused (422) rather than replaced, so a script learns its mistake. The pages offer PAGE_SIZES.
 */
export const MAX_API_PAGE_SIZE = 200;
const apiPageSize = z.coerce.number().int().min(1).max(MAX_API_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);

/** A list's filters as its GET /api/v1 route takes them: the same filters, the API's page size. */
export function apiListQuery<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return schema.extend({ pageSize: apiPageSize });
}

/** The page, as every list takes it. */
const paged = { page, pageSize };
/** The sort direction and the page, as every sortable list takes them. */
const sortedPage = { dir, ...paged };

export { CERTIFICATE_STATUSES };
export const REVOCATION_STATUSES = ["good", "revoked", "unknown", "unchecked"] as const;
export const CUSTODIES = ["hsm", "cloud-kms", "vault", "hardware-token", "software-file", "unknown"] as const;
export const PLATFORMS = ["github-actions", "gitlab-ci", "jenkins", "azure-pipelines", "buildkite", "other"] as const;
/**
 * The findings list's state filter (lib/domain/finding-lifecycle.ts): "open" lists open and
 * acknowledged findings (both count as open everywhere); accepted risks and false positives leave
 * the headline numbers and are listed under their own state.
 */
export const FINDING_STATES = ["open", "acknowledged", "risk-accepted", "false-positive", "resolved", "all"] as const;
export const SUBJECT_TYPES = ["certificate", "key", "signer"] as const;

export const certificateFiltersSchema = z.object({
  q: text(),
  status: oneOf(CERTIFICATE_STATUSES),
  /** notAfter on or after this day (UTC) */
  expiresFrom: day,
  /** notAfter before the end of this day (UTC) */
  expiresTo: day,
  team: text(64),
  owner: text(64),
  environment: text(64),
  platform: oneOf(PLATFORMS),
  custody: oneOf(CUSTODIES),
  revocation: oneOf(REVOCATION_STATUSES),
  ca: oneOf(["yes", "no"] as const),
  signer: text(64),
  key: text(64),
  sort: oneOf(["notAfter", "notBefore", "subject", "issuer", "importedAt", "keyAlgorithm"] as const),
  ...sortedPage,
});
export type CertificateFilters = z.infer<typeof certificateFiltersSchema>;

export const keyFiltersSchema = z.object({
  q: text(),
  custody: oneOf(CUSTODIES),
  algorithm: text(32),
  rotation: oneOf(["overdue", "ok"] as const),
  team: text(64),
  owner: text(64),
  sort: oneOf(["firstSeenAt", "algorithm", "custody"] as const),
  ...sortedPage,
});
export type KeyFilters = z.infer<typeof keyFiltersSchema>;

export const GATE_OUTCOMES = ["allow", "warn", "deny"] as const;
export const gateDecisionFiltersSchema = z.object({
  signer: text(64),
  outcome: oneOf(GATE_OUTCOMES),
  action: oneOf(["sign", "promote"] as const),
  environment: text(64),
  ...paged,
});
export type GateDecisionFilters = z.infer<typeof gateDecisionFiltersSchema>;

export const findingFiltersSchema = z.object({
  q: text(),
  // "suppressed" was the name of a risk acceptance before the lifecycle: old links still work
  state: z
    .preprocess((v) => (v === "suppressed" ? "risk-accepted" : v), z.enum(FINDING_STATES))
    .default("open")
    .catch("open"),
  severity: oneOf(SEVERITIES),
  rule: text(64),
  nhi: oneOf(NHI_IDS),
  subjectType: oneOf(SUBJECT_TYPES),
  team: text(64),
  owner: text(64),
  environment: text(64),
  platform: oneOf(PLATFORMS),
  certificate: text(64),
  key: text(64),
  signer: text(64),
  sort: oneOf(["severity", "firstSeenAt", "lastSeenAt", "rule"] as const),
  ...sortedPage,
});
export type FindingFilters = z.infer<typeof findingFiltersSchema>;

export const ownerFiltersSchema = z.object({
  kind: firstOf(["people", "teams"]),
  q: text(),
  team: text(64),
  active: oneOf(["yes", "no"] as const),
  sort: oneOf(["name", "signers"] as const),
  ...sortedPage,
});
export type OwnerFilters = z.infer<typeof ownerFiltersSchema>;

/** The signers list (the page and GET /api/v1/signers; the overview's signer numbers link here). */
export const signerFiltersSchema = z.object({
  q: text(),
  status: oneOf(SIGNER_STATUSES),
  kind: oneOf(SIGNER_KINDS),
  platform: oneOf(PLATFORMS),
  credentialType: oneOf(CREDENTIAL_TYPES),
  team: text(100),
  /** primary or backup owner */
  owner: text(100),
  environment: text(63),
  /** "1" (or "true"): nobody accountable for a signer that still matters */
  orphaned: oneOf(["1", "true", "0", "false"] as const),
  sort: oneOf(["name", "kind", "status", "lastUsedAt"] as const),
  ...sortedPage,
});
export type SignerFilters = z.infer<typeof signerFiltersSchema>;

/** People in the people directory; `status` all by default. */
export const personFiltersSchema = z.object({ q: text(), status: firstOf(["all", "active", "left"]), ...paged });
export type PersonFilters = z.infer<typeof personFiltersSchema>;

/** A list without filters of its own (tokens, users, campaigns, tasks): its page. */
export const pageOnlySchema = z.object(paged);
export type PageOnly = z.infer<typeof pageOnlySchema>;

/** The revocation page's tabs: the revocation requests, or the certificates whose last check failed. */
export const REVOCATION_VIEWS = ["requests", "failed"] as const;
export const revocationFiltersSchema = z.object({ view: firstOf(REVOCATION_VIEWS), ...paged });
export type RevocationFilters = z.infer<typeof revocationFiltersSchema>;

/**
 * Requests for just-in-time signing windows: by their state at the time of reading (all by
 * default), and by signer (GET /api/v1/approvals?signerId=…).
 */
export const approvalFiltersSchema = z.object({ state: oneOf(APPROVAL_STATES), signerId: text(200), ...paged });
export type ApprovalFilters = z.infer<typeof approvalFiltersSchema>;

/** Key-compromise incidents and drills: all, or one kind (mode=drill: the drill history). */
export const incidentFiltersSchema = z.object({ mode: oneOf(INCIDENT_MODES), ...paged });
export type IncidentFilters = z.infer<typeof incidentFiltersSchema>;

/** The discovery queue: one state at a time (a tab), the most recently seen first. */
export const DISCOVERY_STATES = ["new", "linked", "known-external"] as const;
export const discoveryFiltersSchema = z.object({ state: firstOf(DISCOVERY_STATES), ...paged });
export type DiscoveryFilters = z.infer<typeof discoveryFiltersSchema>;

/** The webhook deliveries of the admin page, optionally of one status, the newest first. */
export const webhookDeliveryFiltersSchema = z.object({ status: oneOf(WEBHOOK_DELIVERY_STATUSES), ...paged });
export type WebhookDeliveryFilters = z.infer<typeof webhookDeliveryFiltersSchema>;

/** The policy page's lists, one tab each: the saved policy versions, or the gate exceptions. */
export const POLICY_VIEWS = ["versions", "exceptions"] as const;
export const policyListFiltersSchema = z.object({ view: firstOf(POLICY_VIEWS), ...paged });
export type PolicyListFilters = z.infer<typeof policyListFiltersSchema>;

export const auditFiltersSchema = z.object({
  actor: text(),
  action: text(100),
  target: text(),
  from: day,
  to: day,
  page,
  pageSize: pageSizeOf(100),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input instanceof URLSearchParams) {
    for (const [k, v] of input) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(input)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
}

/** Parses URL search params into filters; unknown keys are dropped, bad values fall back. */
export function parseFilters<S extends z.ZodObject>(schema: S, input: SearchParamsInput): z.infer<S> {
  return schema.parse(toRecord(input));
}

/** The filters as URL search params, in schema order, leaving out empty values and defaults. */
export function filtersToSearchParams<S extends z.ZodObject>(schema: S, filters: Partial<z.infer<S>>): URLSearchParams {
  const defaults = schema.parse({}) as Record<string, unknown>;
  const params = new URLSearchParams();
  const values = filters as Record<string, unknown>;
  for (const key of Object.keys(schema.shape)) {
    const v = values[key];
    if (v === undefined || v === null || v === "") continue;
    if (defaults[key] === v) continue;
    params.set(key, String(v));
  }
  return params;
}

/** The query string ("" or "?a=b") for these filters. */
export function filtersQueryString<S extends z.ZodObject>(schema: S, filters: Partial<z.infer<S>>): string {
  const s = filtersToSearchParams(schema, filters).toString();
  return s ? `?${s}` : "";
}

/** Filters changed by the user go back to page 1; other keys stay as they are. */
export function withFilter<T extends { page?: number }>(filters: T, patch: Partial<T>): T {
  const changesPage = Object.keys(patch).some((k) => k !== "page");
  return { ...filters, ...patch, ...(changesPage && !("page" in patch) ? { page: 1 } : {}) };
}

/** Start (inclusive) and end (exclusive) instants of an expiry window given as UTC days. */
export function dayRange(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = new Date(`${from}T00:00:00Z`);
  if (to) range.lt = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return range;
}

/** The active (non-default) filters other than paging and sorting: drives "clear filters" and empty states. */
export function activeFilterCount<S extends z.ZodObject>(schema: S, filters: Partial<z.infer<S>>): number {
  const params = filtersToSearchParams(schema, filters);
  let n = 0;
  for (const key of params.keys()) if (!["page", "pageSize", "sort", "dir", "kind", "state", "view"].includes(key)) n++;
  return n;
}
