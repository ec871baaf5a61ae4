import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { insertGateException } from "@/lib/db/gate/exceptions";
import { findSignerById } from "@/lib/db/signers/signers";
import { gateExceptionRefusal, type GateExceptionInput } from "@/lib/domain/gate/exception";
import { actorUserId } from "@/lib/domain/actor";
import { recordAuditBy, type Actor } from "./audit";

// Records a per-signer exception to one gate rule (reason, end date), audited. The gate reports the
// rule as "excepted" for that signer until the end date or until the exception is lifted.

export async function createGateException(
  db: Db,
  input: GateExceptionInput,
  options: { actor: Actor; now: Date },
): Promise<{ id: string }> {
  const refusal = gateExceptionRefusal(input, { now: options.now });
  if (refusal) {
    const path = refusal.field === "until" ? "endsAt" : (refusal.field ?? "ruleId");
    throw new AppError("validation", refusal.message, { issues: [{ path, message: refusal.message }] });
  }
  const signer = await findSignerById(db, input.signerId);
  if (!signer) throw notFound("Signer");
  const id = await withTransaction(db, async (tx) => {
    const id = await insertGateException(tx, {
      signerId: signer.id,
      ruleId: input.ruleId,
      reason: input.reason.trim(),
      endsAt: input.endsAt,
      createdById: actorUserId(options.actor),
      at: options.now,
    });
    await recordAuditBy(tx, options, {
      action: "gate.exception-created",
      targetType: "signer",
      targetId: signer.id,
      summary: `Gate exception for ${signer.name}: ${input.ruleId} until ${input.endsAt.toISOString().slice(0, 10)}`,
      details: {
        exceptionId: id,
        ruleId: input.ruleId,
        reason: input.reason.trim(),
        endsAt: input.endsAt.toISOString(),
      },
    });
    return id;
  });
  return { id };
}
