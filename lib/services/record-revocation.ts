// Records a revocation that Signet learned of outside CRL/OCSP (the CA said so, or we asked the
// CA to revoke), with the CSBR §4.9.1.1 deadline by which the CA must have revoked it. A live
// check that sees the revocation later confirms the request (check-revocation.ts).
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findRevocationState, updateRevocationState } from "@/lib/db/certificates/revocation-state";
import { createRevocationRequest, type RevocationRequestRecord } from "@/lib/db/revocation/revocation";
import {
  isRevocationReason,
  revocationDeadline,
  REVOCATION_REQUEST_KINDS,
  type RevocationReason,
  type RevocationRequestKind,
} from "@/lib/domain/revocation";
import { holdersOf } from "@/lib/db/findings/inputs";
import { actorUserId } from "@/lib/domain/actor";
import { recordAudit, type Actor } from "@/lib/services/audit";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import { evaluateFindings } from "@/lib/services/evaluate-findings";

export type RecordRevocationInput = {
  certificateId: string;
  kind: RevocationRequestKind;
  reason: RevocationReason;
  /** when the revocation was requested (starts the CSBR deadline) */
  requestedAt: Date;
  /** recorded-revoked: the revocation date; default requestedAt (CSBR §4.9.6 allows a past date) */
  revokedAt?: Date;
  note?: string | null;
};

export async function recordRevocation(
  db: Db,
  input: RecordRevocationInput,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<RevocationRequestRecord> {
  if (!isRevocationReason(input.reason))
    throw new AppError("validation", `Unknown revocation reason "${String(input.reason)}"`);
  if (!(REVOCATION_REQUEST_KINDS as readonly string[]).includes(input.kind))
    throw new AppError("validation", `Unknown kind "${String(input.kind)}"`);
  if (Number.isNaN(input.requestedAt.getTime())) throw new AppError("validation", "requestedAt is not a valid date");
  const now = options.now ?? new Date();
  let isNewlyRevoked = false;
  const request = await withTransaction(db, async (tx) => {
    const current = await findRevocationState(tx, input.certificateId);
    if (!current) throw notFound("Certificate");
    const isCaRevoked = current.revocationStatus === "revoked" && current.revocationSource !== "recorded";
    const deadlineAt = revocationDeadline(input.reason, input.requestedAt);
    const request = await createRevocationRequest(tx, {
      certificateId: input.certificateId,
      kind: input.kind,
      reason: input.reason,
      requestedAt: input.requestedAt,
      requestedById: actorUserId(actor),
      deadlineAt,
      note: input.note?.trim() || null,
      // the CA's CRL/OCSP already shows it revoked: nothing left to wait for
      ...(isCaRevoked ? { status: "confirmed", confirmedAt: now } : {}),
    });
    const revokedAt = input.revokedAt ?? input.requestedAt;
    if (input.kind === "recorded-revoked" && !isCaRevoked) {
      isNewlyRevoked = current.revocationStatus !== "revoked";
      await updateRevocationState(tx, input.certificateId, {
        revocationStatus: "revoked",
        revocationSource: "recorded",
        revocationReason: input.reason,
        revokedAt,
      });
    }
    await recordAudit(tx, {
      actor,
      action:
        input.kind === "recorded-revoked" ? "certificate.revocation-recorded" : "certificate.revocation-requested",
      targetType: "certificate",
      targetId: input.certificateId,
      summary:
        input.kind === "recorded-revoked"
          ? `Recorded as revoked (${input.reason}) from ${revokedAt.toISOString()}; the CA must publish it by ${deadlineAt.toISOString()}`
          : `Revocation requested (${input.reason}); the CA must revoke by ${deadlineAt.toISOString()}`,
      details: {
        requestId: request.id,
        kind: input.kind,
        reason: input.reason,
        requestedAt: input.requestedAt.toISOString(),
        deadlineAt: deadlineAt.toISOString(),
        revokedAt: input.kind === "recorded-revoked" ? revokedAt.toISOString() : null,
        isAlreadyRevokedByCa: isCaRevoked,
      },
      at: now,
    });
    if (input.kind === "recorded-revoked")
      await enqueueWebhookEvents(
        tx,
        [
          {
            type: "certificate.revocation-recorded",
            occurredAt: now,
            summary: `Certificate recorded as revoked (${input.reason}) by ${actor.label}`,
            subject: { type: "certificate", id: input.certificateId },
            data: {
              reason: input.reason,
              requestId: request.id,
              revokedAt: revokedAt.toISOString(),
              deadlineAt: deadlineAt.toISOString(),
              isAlreadyRevokedByCa: isCaRevoked,
            },
            key: `certificate.revocation-recorded:${request.id}`,
          },
        ],
        { now },
      );
    return request;
  });
  // cert.revoked-in-use must show at once, not at the next unrelated write
  if (isNewlyRevoked) await evaluateFindings(db, { now, ...(await holdersOf(db, [input.certificateId])) });
  return request;
}
