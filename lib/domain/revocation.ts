// Revocation vocabulary and the CSBR revocation deadlines. Pure: `requestedAt` is a parameter.

/** RFC 5280 §5.3.1 CRLReason names, in code order (7 is unused), plus CSBR's "suspect code". */
export const REVOCATION_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
  // CSBR §4.9.1.1: the certificate was used to sign suspect code (no CRL reason code of its own)
  "suspectCode",
] as const;

export type RevocationReason = (typeof REVOCATION_REASONS)[number];

const REASON_BY_CODE: Record<number, RevocationReason> = {
  0: "unspecified",
  1: "keyCompromise",
  2: "cACompromise",
  3: "affiliationChanged",
  4: "superseded",
  5: "cessationOfOperation",
  6: "certificateHold",
  8: "removeFromCRL",
  9: "privilegeWithdrawn",
  10: "aACompromise",
};

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === "string" && (REVOCATION_REASONS as readonly string[]).includes(value);
}

/** The reason name of a CRLReason code (RFC 5280 §5.3.1); null for an unassigned code. */
export function reasonFromCode(code: number): RevocationReason | null {
  return REASON_BY_CODE[code] ?? null;
}

export const REVOCATION_REQUEST_KINDS = ["recorded-revoked", "requested"] as const;
export type RevocationRequestKind = (typeof REVOCATION_REQUEST_KINDS)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Reasons that CSBR §4.9.1.1 makes urgent: revoke within 24 hours. */
export function isUrgentReason(reason: RevocationReason): boolean {
  return reason === "keyCompromise" || reason === "suspectCode";
}

/**
 * When the CA must have revoked the certificate, per CSBR §4.9.1.1: within 24 hours of the
 * request for key compromise or suspect code, within 5 days otherwise. Counted in elapsed time
 * from `requestedAt` (the deadline instant itself is still in time).
 */
export function revocationDeadline(reason: RevocationReason, requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + (isUrgentReason(reason) ? DAY_MS : 5 * DAY_MS));
}

/** What a revocation check run found, certificate by certificate (the job's log and the "check now" answer). */
export type RevocationCheckCounts = {
  checked: number;
  good: number;
  revoked: number;
  unknown: number;
  errors: number;
  noRevocationInfo: number;
};

export type DeadlineState = { state: "met" | "open" | "overdue"; deadlineAt: Date; msLeft: number };

/** Where a revocation request stands against its deadline at `now`. */
export function deadlineState(request: { deadlineAt: Date; confirmedAt: Date | null }, now: Date): DeadlineState {
  const msLeft = request.deadlineAt.getTime() - now.getTime();
  if (request.confirmedAt) return { state: "met", deadlineAt: request.deadlineAt, msLeft };
  return { state: msLeft < 0 ? "overdue" : "open", deadlineAt: request.deadlineAt, msLeft };
}

/** Unexpired certificates by the outcome of their last revocation check (the revocation page's summary). */
export type LastCheckCounts = { total: number; answered: number; unchecked: number; failed: number };

const certificates = (n: number) => `${n.toLocaleString("en")} unexpired certificate${n === 1 ? "" : "s"}`;

/**
 * The sentence above the failed checks, computed from the counts it describes: it may say that
 * every last check got an answer only when every certificate was checked and none failed.
 */
export function lastCheckSummary(c: LastCheckCounts): string {
  if (c.total === 0) return "There is no unexpired certificate to check.";
  if (c.answered === c.total)
    return c.total === 1
      ? "The last revocation check of the one unexpired certificate got an answer."
      : `The last revocation check of each of the ${certificates(c.total)} got an answer.`;
  const parts = [
    c.answered ? `${c.answered.toLocaleString("en")} got an answer at their last check` : null,
    c.failed ? `${c.failed.toLocaleString("en")} failed their last check (listed below)` : null,
    c.unchecked ? `${c.unchecked.toLocaleString("en")} ${c.unchecked === 1 ? "has" : "have"} never been checked` : null,
  ].filter((p): p is string => p !== null);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  return `Of ${certificates(c.total)}: ${list}.`;
}
