import { z } from "@/lib/domain/zod";
import { found } from "@/lib/api/errors";
import { inventoryRead, triageWrite } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { findRevocationState } from "@/lib/db/certificates/revocation-state";
import { findVisibleCertificate, listRevocationRequests } from "@/lib/db/revocation/revocation";
import { deadlineState, REVOCATION_REASONS, REVOCATION_REQUEST_KINDS } from "@/lib/domain/revocation";
import { revocationDateInput } from "@/lib/domain/revocation-impact";
import { recordRevocation } from "@/lib/services/record-revocation";
import { certificateRevocation, recordedRevocation } from "@/lib/api/responses/inventory";

// GET: the certificate's revocation status and revocation requests (with deadline state).
// POST: record a revocation ("recorded-revoked") or a revocation request ("requested").

export const GET = route(
  inventoryRead("A certificate's revocation status and revocation requests", certificateRevocation),
  async ({ db, scope, params }) => {
    const certificate = found(await findVisibleCertificate(db, params.id, scope), "Certificate");
    const now = new Date();
    const [state, requests] = await Promise.all([
      findRevocationState(db, certificate.id),
      listRevocationRequests(db, certificate.id),
    ]);
    return {
      certificateId: certificate.id,
      ...state,
      requests: requests.map((r) => ({ ...r, deadline: deadlineState(r, now).state })),
    };
  },
);

const recordBody = z.object({
  kind: z.enum(REVOCATION_REQUEST_KINDS),
  reason: z.enum(REVOCATION_REASONS),
  /** default: now */
  requestedAt: revocationDateInput.optional(),
  /** recorded-revoked only; may be in the past (CSBR §4.9.6) */
  revokedAt: revocationDateInput.optional(),
  note: z.string().max(2_000).optional(),
});

export const POST = route(
  triageWrite("Record a revocation or a revocation request", { 200: recordedRevocation }, recordBody),
  async ({ db, actor, body, params }) => {
    const now = new Date();
    const request = await recordRevocation(
      db,
      {
        certificateId: params.id,
        kind: body.kind,
        reason: body.reason,
        requestedAt: body.requestedAt ?? now,
        revokedAt: body.revokedAt,
        note: body.note,
      },
      actor,
      { now },
    );
    return { request: { ...request, deadline: deadlineState(request, now).state } };
  },
);
