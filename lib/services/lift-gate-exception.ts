import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findGateException, liftGateExceptionRow } from "@/lib/db/gate/exceptions";
import { actorUserId } from "@/lib/domain/actor";
import { recordAuditBy, type Actor } from "./audit";

// Ends a gate exception before its end date (audited); the gate judges the rule again at once.

export async function liftGateException(db: Db, input: { id: string }, options: { actor: Actor; now: Date }) {
  const e = await findGateException(db, input.id);
  if (!e) throw notFound("Gate exception");
  if (e.liftedAt || e.endsAt <= options.now) throw new AppError("conflict", "This exception has already ended");
  await withTransaction(db, async (tx) => {
    await liftGateExceptionRow(tx, e.id, {
      liftedById: actorUserId(options.actor),
      at: options.now,
    });
    await recordAuditBy(tx, options, {
      action: "gate.exception-lifted",
      targetType: "signer",
      targetId: e.signerId,
      summary: `Gate exception lifted: ${e.ruleId}`,
      details: { exceptionId: e.id, ruleId: e.ruleId },
    });
  });
  return { ok: true };
}
