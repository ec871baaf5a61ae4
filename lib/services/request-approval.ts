import { AppError, forbidden, notFound, parseValid } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { findSignerForApproval, insertApprovalRequest } from "@/lib/db/approvals/approvals";
import { type Db, withTransaction } from "@/lib/db/client";
import { createOutboxMessage } from "@/lib/db/outbox/outbox";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import type { ScopeUser } from "@/lib/db/scope";
import {
  approvalRequestSchema,
  approvalWindow,
  isTriggeringHuman,
  type ApprovalRequestInput,
} from "@/lib/domain/approvals";
import { readCiHandles } from "@/lib/domain/ci-handles";
import { environmentCovers, scopeCovers } from "@/lib/domain/privileges";
import { renderApprovalMail } from "@/lib/mail/approval-templates";
import { recordAudit, type Actor } from "./audit";
import { issueAccessLink } from "./issue-access-link";

// A request to use a just-in-time grant for one window (dashboard, POST /api/v1/approvals,
// `signet request-approval`). Stored with its audit event in one transaction, with an email to
// the signer's owner and backup owner (each with a personal single-use link to the request),
// except to the requester and the pipeline's triggering human, who may not decide it.

export type RequestApprovalOptions = {
  actor: Actor;
  now: Date;
  /** the signed-in user asking (null: an API token) and what they may see */
  user?: { id: string; email: string; personId: string | null } | null;
  scope?: ScopeUser | null;
  /** a token bound to one signer asks only for that signer */
  boundSignerId?: string | null;
  baseUrl?: string;
  ip?: string | null;
};

export async function requestApproval(db: Db, raw: ApprovalRequestInput, options: RequestApprovalOptions) {
  const input = parseValid(approvalRequestSchema, raw, { message: "Check the request" });
  const { now, actor } = options;
  const ref = input.signer ?? options.boundSignerId;
  if (!ref)
    throw new AppError("validation", "Name the signer", { issues: [{ path: "signer", message: "Name the signer" }] });
  const signer = await findSignerForApproval(db, ref, options.scope ?? undefined);
  if (!signer) throw notFound("Signer");
  if (options.boundSignerId && signer.id !== options.boundSignerId)
    throw forbidden("This API token may ask for approvals only for its own signer");
  const grants = signer.privileges.filter(
    (p) =>
      p.isJustInTime &&
      environmentCovers(p.environment, input.environment) &&
      (!input.scope || scopeCovers(p.scope, input.scope)),
  );
  const grant = grants[0];
  if (!grant)
    throw new AppError(
      "validation",
      `${signer.name} holds no just-in-time grant${input.scope ? ` covering ${input.scope}` : ""} in ${input.environment}`,
      { issues: [{ path: "environment", message: "No just-in-time grant of the signer covers it" }] },
    );
  const { policy } = await loadCurrentPolicy(db);
  const window = approvalWindow(input, { now, maxHours: policy.signers.approvalMaxHours });
  if ("problem" in window)
    throw new AppError("validation", window.problem, { issues: [{ path: window.field, message: window.problem }] });
  const baseUrl = (options.baseUrl ?? getConfig().baseUrl).replace(/\/+$/, "");
  const requestedByLabel = actor.label;
  const triggeredBy = input.triggeredBy ?? null;
  // who is told: active owners, not the requester and not the triggering human
  const recipients = [signer.primaryOwner, signer.backupOwner]
    .filter((p): p is NonNullable<typeof p> => !!p && p.isActive)
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
    .filter((p) => p.id !== options.user?.personId && p.email.toLowerCase() !== options.user?.email.toLowerCase())
    .filter((p) => !isTriggeringHuman(triggeredBy, [p.email, p.name, ...readCiHandles(p.ciHandlesJson)]));

  return withTransaction(db, async (tx) => {
    const id = await insertApprovalRequest(tx, {
      privilegeId: grant.id,
      signerId: signer.id,
      environment: input.environment,
      reason: input.reason,
      windowStartsAt: window.startsAt,
      windowEndsAt: window.endsAt,
      triggeredBy,
      requestedByType: actor.type === "user" ? "user" : "token",
      requestedById: actor.type === "user" || actor.type === "token" ? actor.id : null,
      requestedByLabel,
      requestedAt: now,
    });
    for (const person of recipients) {
      const link = await issueAccessLink(tx, {
        personId: person.id,
        campaignId: null,
        approvalRequestId: id,
        now,
        baseUrl,
        expiresAt: window.endsAt,
      });
      const mail = renderApprovalMail({
        signerName: signer.name,
        scope: grant.scope,
        environment: input.environment,
        reason: input.reason,
        requestedByLabel,
        triggeredBy,
        windowStartsAt: window.startsAt,
        windowEndsAt: window.endsAt,
        url: link.url,
      });
      await createOutboxMessage(tx, { recipientEmail: person.email, ...mail }, { now });
    }
    await recordAudit(tx, {
      actor,
      action: "approval.requested",
      targetType: "approval-request",
      targetId: id,
      summary: `Approval requested: ${signer.name} ${grant.scope}@${input.environment} for ${input.hours} h`.slice(
        0,
        500,
      ),
      details: {
        signerId: signer.id,
        privilegeId: grant.id,
        environment: input.environment,
        windowStartsAt: window.startsAt.toISOString(),
        windowEndsAt: window.endsAt.toISOString(),
        triggeredBy,
        notified: recipients.map((p) => p.email),
      },
      ip: options.ip ?? null,
      at: now,
    });
    return {
      id,
      state: "pending" as const,
      signer: { id: signer.id, name: signer.name },
      scope: grant.scope,
      environment: input.environment,
      windowStartsAt: window.startsAt.toISOString(),
      windowEndsAt: window.endsAt.toISOString(),
      notified: recipients.length,
    };
  });
}
