import { z } from "@/lib/domain/zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findChangeRequest, resolveChangeRequestRow } from "@/lib/db/attestations/attestations";
import { closeDecommissionRevocations } from "@/lib/db/revocation/revocation";
import { correctKeyCustody } from "@/lib/db/keys/keys";
import { removePrivilege } from "@/lib/db/signers/signers";
import { setSignerStatus } from "@/lib/db/signers/signer-admin";
import { revokeSignerTokens } from "@/lib/db/tokens/token-admin";
import { recordAudit, type Actor } from "./audit";
import { refreshSignerFindings } from "./answer-attestation";

// The security team acts on what owners asked for in attestations. "Done" carries the change out
// in Signet's records (decommission the signer and revoke its API tokens, end the grant, record
// the corrected custody); "rejected" leaves things as they were and, for a decommission, resumes
// the signer the request suspended and closes its revocation requests.

export const resolveChangeRequestInput = z.object({
  decision: z.enum(["done", "rejected"]),
  note: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((v) => v || null),
});

export async function resolveChangeRequest(
  db: Db,
  id: string,
  input: z.input<typeof resolveChangeRequestInput>,
  options: { actor: Actor & { type: "user" }; now: Date },
) {
  const { decision, note } = resolveChangeRequestInput.parse(input);
  const cr = await findChangeRequest(db, id);
  if (!cr) throw notFound("Change request");
  const details = JSON.parse(cr.detailsJson) as Record<string, unknown>;
  const { now, actor } = options;
  await withTransaction(db, async (tx) => {
    if (!(await resolveChangeRequestRow(tx, id, { status: decision, byUserId: actor.id, now })))
      throw new AppError("conflict", "This request was already resolved");
    const effects: Record<string, unknown> = {};
    if (decision === "done") {
      if (cr.kind === "decommission" && cr.signer.status !== "decommissioned") {
        await setSignerStatus(tx, cr.signerId, "decommissioned", now);
        effects.revokedTokens = await revokeSignerTokens(tx, cr.signerId, now);
        await recordAudit(tx, {
          actor,
          action: "signer.decommissioned",
          targetType: "signer",
          targetId: cr.signerId,
          summary: `Signer ${cr.signer.name} decommissioned (attestation change request)`,
          details: { from: cr.signer.status, to: "decommissioned", changeRequestId: id, ...effects },
          at: now,
        });
      }
      if (cr.kind === "privilege-removal" && cr.privilegeId)
        effects.isRemoved = await removePrivilege(tx, cr.privilegeId, now);
      if (cr.kind === "custody-correction" && typeof details.keyId === "string" && typeof details.to === "string") {
        await correctKeyCustody(tx, details.keyId, {
          custody: details.to,
          evidence: String(details.evidence ?? ""),
          now,
        });
        effects.custody = details.to;
      }
    } else if (cr.kind === "decommission") {
      if (cr.signer.status === "suspended") {
        await setSignerStatus(tx, cr.signerId, "active", now);
        effects.isResumed = true;
        await recordAudit(tx, {
          actor,
          action: "signer.resumed",
          targetType: "signer",
          targetId: cr.signerId,
          summary: `Signer ${cr.signer.name} resumed: decommission request rejected`,
          details: { from: "suspended", to: "active", changeRequestId: id },
          at: now,
        });
      }
      effects.closedRevocationRequests = await closeDecommissionRevocations(
        tx,
        cr.signerId,
        `Decommission rejected${note ? `: ${note}` : ""}`,
      );
    }
    await recordAudit(tx, {
      actor,
      action: decision === "done" ? "change-request.done" : "change-request.rejected",
      targetType: "change-request",
      targetId: id,
      summary: `${cr.kind} of ${cr.signer.name} ${decision === "done" ? "marked done" : "rejected"}${note ? `: ${note}` : ""}`,
      details: { kind: cr.kind, signerId: cr.signerId, note, ...details, ...effects },
      at: now,
    });
  });
  await refreshSignerFindings(db, cr.signerId, now);
  return { id, status: decision };
}
