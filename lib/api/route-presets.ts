import type { z } from "@/lib/domain/zod";
import type { Permission } from "@/lib/domain/authz";
import type { TokenScope } from "@/lib/domain/token-scopes";
import type { RouteResponses } from "./route-responses";

// Route options many /api/v1 routes share, so each route states only what is its own.

/**
 * A read of the inventory: every signed-in role (owners see their own part) and API tokens with
 * the `read` scope, taking `query` (a list's filters) and answering 200 with `response`.
 */
export function inventoryRead<TQuery extends z.ZodType | undefined = undefined>(
  summary: string,
  response: NonNullable<RouteResponses[200]>,
  query?: TQuery,
) {
  return {
    summary,
    responses: { 200: response },
    permission: "inventory:read" as const,
    tokenScopes: ["read" as const],
    query,
  };
}

/**
 * A change to the inventory: roles with inventory:write, and API tokens with one of `tokenScopes`
 * (each part of the inventory has its write scope), sending `body` and answered with `responses`.
 */
export function inventoryWrite<TBody extends z.ZodType | undefined = undefined>(
  summary: string,
  tokenScopes: TokenScope[],
  responses: RouteResponses,
  body?: TBody,
) {
  return { summary, responses, permission: "inventory:write" as const, tokenScopes, body };
}

/**
 * The preset of a change that only signed-in users with `permission` may make (no API token scope
 * covers it), sending `body` and answered with `responses`.
 */
function signedInChange<P extends Permission>(permission: P) {
  return <TBody extends z.ZodType | undefined = undefined>(
    summary: string,
    responses: RouteResponses,
    body?: TBody,
  ) => ({ summary, responses, permission, body });
}

/** Triage of findings and revocations: the security team (findings:triage), signed in. */
export const triageWrite = signedInChange("findings:triage");

/** One's own attestation task (answer it, hand it on): every signed-in role, no API tokens. */
export function attestationTask<TBody extends z.ZodType>(summary: string, responses: RouteResponses, body: TBody) {
  return { summary, responses, permission: "attestations:answer" as const, body };
}

/** A change to the findings and gate policy or its exceptions: administrators (policy:manage), signed in. */
export const policyChange = signedInChange("policy:manage");

/** A change to who may sign in and with what role: administrators, and API tokens with `users:write`. */
export function userAdministration<TBody extends z.ZodType | undefined = undefined>(
  summary: string,
  responses: RouteResponses,
  body?: TBody,
) {
  return { summary, responses, permission: "users:manage" as const, tokenScopes: ["users:write" as const], body };
}

/**
 * A read of approval requests: every role (owners: their signers' requests), and API tokens with
 * `read` or with `approvals` (a pipeline following its own request).
 */
export function approvalsRead(summary: string, response: NonNullable<RouteResponses[200]>) {
  return {
    summary,
    responses: { 200: response },
    permission: "approvals:read" as const,
    tokenScopes: ["read" as const, "approvals" as const],
  };
}

/** Running the alert and attestation machinery (jobs, outbox, alert policy): administrators (alerts:manage), signed in. */
export const alertsAdmin = signedInChange("alerts:manage");
