import { z } from "@/lib/domain/zod";
import { APPROVAL_STATES } from "@/lib/domain/approvals";
import { idName, isoDate, isoDateOrNull, pageOf } from "./common";

// Response schemas of requests for just-in-time signing windows (issue 20).

export const approvalRequestRow = z
  .looseObject({
    id: z.string(),
    state: z.enum(APPROVAL_STATES),
    signer: idName,
    scope: z.string(),
    environment: z.string(),
    reason: z.string(),
    windowStartsAt: isoDate,
    windowEndsAt: isoDate,
    triggeredBy: z.string().nullable(),
    requestedBy: z.string(),
    requestedAt: isoDate,
    decidedAt: isoDateOrNull,
    decidedBy: z.string().nullable(),
  })
  .meta({ id: "ApprovalRequest" });

/** The /approvals page's read model; `approvals` (the page's rows) stays for older callers. */
export const approvalRequestPage = pageOf(approvalRequestRow, "ApprovalRequestPage").extend({
  approvals: z.array(approvalRequestRow).meta({ description: "the page's rows, for older callers" }),
});

export const approvalRequested = z
  .looseObject({
    id: z.string(),
    state: z.literal("pending"),
    signer: idName,
    scope: z.string(),
    environment: z.string(),
    windowStartsAt: isoDate,
    windowEndsAt: isoDate,
    notified: z.number().int(),
  })
  .meta({ id: "ApprovalRequested" });

export const approvalDecided = z
  .looseObject({ id: z.string(), state: z.enum(["approved", "refused"]), decidedAt: isoDate, decidedBy: z.string() })
  .meta({ id: "ApprovalDecided" });
