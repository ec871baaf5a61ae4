// Approvals instead of standing access (issue 20, item 3). A just-in-time grant (Privilege
// isJustInTime) is used only inside the window of an approved ApprovalRequest. Pure: the window,
// the state a request reads as at an instant (expiry is computed, never written), separation of
// duties, and which request the gate asks for. lib/services/*-approval.ts store and audit.
import { z } from "./zod";
import { normalizeCiHandle } from "./ci-handles";
import { isSaneDate, DATE_RANGE_MESSAGE } from "./date-bounds";

export const APPROVAL_STATUSES = ["pending", "approved", "refused"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
/** what a request reads as: a pending or approved request whose window has ended is expired */
export const APPROVAL_STATES = ["pending", "approved", "refused", "expired"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const HOUR_MS = 3_600_000;
export const APPROVAL_LINK_PURPOSE = "approval";

const environment = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "An environment name: lowercase letters, digits, . _ -");

export const approvalRequestSchema = z.strictObject({
  /** the signer's id or name (a token bound to a signer may leave it out) */
  signer: z.string().trim().min(1).max(200).optional(),
  environment,
  /** the grant scope to use, e.g. sign:release/production; omitted: the signer's just-in-time grant for the environment */
  scope: z.string().trim().min(1).max(200).optional(),
  /** length of the window; the policy caps it (signers.approvalMaxHours) */
  hours: z.coerce.number().int().min(1).max(168),
  /** when the window opens; omitted: now */
  startsAt: z.iso
    .datetime({ offset: true })
    .refine((v) => isSaneDate(v), DATE_RANGE_MESSAGE)
    .optional(),
  reason: z.string().trim().min(1, "Say what the window is for (the release)").max(500),
  /** the human who triggered the pipeline run: may not approve it */
  triggeredBy: z.string().trim().min(1).max(200).optional(),
});
export type ApprovalRequestInput = z.infer<typeof approvalRequestSchema>;

export const approvalDecisionSchema = z.strictObject({
  note: z.string().trim().max(500).optional(),
});

export type ApprovalWindow = { startsAt: Date; endsAt: Date };

/** The window asked for, or why it cannot be granted. */
export function approvalWindow(
  input: { hours: number; startsAt?: string | null },
  options: { now: Date; maxHours: number },
): ApprovalWindow | { problem: string; field: "hours" | "startsAt" } {
  if (input.hours > options.maxHours)
    return { field: "hours", problem: `A window may last at most ${options.maxHours} hours (policy)` };
  const startsAt = input.startsAt ? new Date(input.startsAt) : options.now;
  // a window may open a little ahead (the release is scheduled) but not in the past
  if (startsAt.getTime() < options.now.getTime() - 5 * 60_000)
    return { field: "startsAt", problem: "The window cannot start in the past" };
  if (startsAt.getTime() > options.now.getTime() + 7 * 24 * HOUR_MS)
    return { field: "startsAt", problem: "The window must start within 7 days" };
  return { startsAt, endsAt: new Date(startsAt.getTime() + input.hours * HOUR_MS) };
}

export type ApprovalTimes = { status: string; windowStartsAt: Date; windowEndsAt: Date };

/** The state a request reads as at `now`: expiry follows from the clock, not from a write. */
export function approvalState(r: Pick<ApprovalTimes, "status" | "windowEndsAt">, now: Date): ApprovalState {
  if (r.status === "refused") return "refused";
  if (r.windowEndsAt.getTime() <= now.getTime()) return "expired";
  return r.status === "approved" ? "approved" : "pending";
}

/** Whether an approved request's window covers `now` (start inclusive, end exclusive). */
export function isWindowOpen(r: ApprovalTimes, now: Date): boolean {
  return (
    r.status === "approved" && r.windowStartsAt.getTime() <= now.getTime() && now.getTime() < r.windowEndsAt.getTime()
  );
}

/** Who asked, who triggered the pipeline, who decides: the parts separation of duties compares. */
export type ApprovalRequester = {
  requestedByType: string;
  requestedById: string | null;
  /** the requesting user's person, when they have one */
  requestedByPersonId?: string | null;
  triggeredBy: string | null;
};
export type ApprovalDecider = {
  userId: string;
  personId: string | null;
  /** the names the decider is known by: user email and name, person email, the person's CI accounts */
  identities: readonly string[];
};

export type DecisionRefusal = "self-approval" | "triggering-human" | "already-decided" | "expired";

export const DECISION_REFUSAL_TEXT: Record<DecisionRefusal, string> = {
  "self-approval": "You asked for this window: someone else must approve or refuse it.",
  "triggering-human": "You triggered the pipeline run this window is for: someone else must approve or refuse it.",
  "already-decided": "This request has already been decided.",
  expired: "This request's window has ended: ask for a new one.",
};

/** The forms a person's identity can take in a CI actor field: full email, its local part, the name, a CI account. */
function identityForms(identities: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const raw of identities) {
    const v = normalizeCiHandle(raw);
    if (!v) continue;
    out.add(v);
    const at = v.indexOf("@");
    if (at > 0) out.add(v.slice(0, at));
  }
  return out;
}

/**
 * Whether the pipeline's "triggered by" names this person. Exact on a declared CI account or an
 * email; the email's local part and the display name also count, so an undeclared account that
 * looks like the person is refused too (separation of duties errs towards refusing).
 */
export function isTriggeringHuman(triggeredBy: string | null, identities: readonly string[]): boolean {
  return !!triggeredBy && identityForms(identities).has(normalizeCiHandle(triggeredBy));
}

/**
 * Separation of duties: the requester and the human who triggered the pipeline may not decide
 * the request (neither approve nor refuse it). Also refuses a request already decided or whose
 * window has ended. null: the decider may decide.
 */
export function decisionProblem(
  request: ApprovalRequester & Pick<ApprovalTimes, "status" | "windowEndsAt">,
  decider: ApprovalDecider,
  now: Date,
): DecisionRefusal | null {
  if (request.requestedByType === "user" && request.requestedById === decider.userId) return "self-approval";
  if (request.requestedByPersonId && decider.personId && request.requestedByPersonId === decider.personId)
    return "self-approval";
  if (isTriggeringHuman(request.triggeredBy, decider.identities)) return "triggering-human";
  if (request.status !== "pending") return "already-decided";
  if (approvalState(request, now) === "expired") return "expired";
  return null;
}

/** The command a pipeline runs to ask for a window (named in the gate's reason). */
export function requestApprovalCommand(input: { signer: string; environment: string; scope?: string | null }): string {
  const scope = input.scope ? ` --scope ${input.scope}` : "";
  return `signet request-approval --signer ${input.signer} --environment ${input.environment}${scope} --hours <n> --reason "<release>"`;
}
