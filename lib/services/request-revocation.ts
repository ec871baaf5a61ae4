import type { Tx } from "@/lib/db/client";
import { createRevocationRequest, type RevocationRequestRecord } from "@/lib/db/revocation/revocation";
import type { RevocationReason } from "@/lib/domain/revocation";
import { recordAudit, type Actor } from "./audit";

// Asking the CA to revoke a certificate as one step of a larger change (a signer decommissioned by
// its owner's attestation, a key-compromise incident), inside that change's transaction.

export type RevocationAsk = {
  certificateId: string;
  reason: RevocationReason;
  requestedAt: Date;
  requestedById: string | null;
  /** the CSBR deadline (revocationDeadline) */
  deadlineAt: Date;
  note: string;
  proposedRevocationAt?: Date;
  incidentId?: string;
};

/**
 * Stores the request (kind "requested") and its audit row; `details` (after the request's id) say
 * what the request is part of.
 */
export async function requestRevocation(
  tx: Tx,
  ask: RevocationAsk,
  audit: { actor: Actor; details: Record<string, unknown> },
): Promise<RevocationRequestRecord> {
  const request = await createRevocationRequest(tx, { ...ask, kind: "requested" });
  await recordAudit(tx, {
    actor: audit.actor,
    action: "certificate.revocation-requested",
    targetType: "certificate",
    targetId: ask.certificateId,
    summary: `Revocation requested (${ask.reason}); the CA must revoke by ${ask.deadlineAt.toISOString()}`,
    details: { requestId: request.id, ...audit.details },
    at: ask.requestedAt,
  });
  return request;
}
