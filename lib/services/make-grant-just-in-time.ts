import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findPrivilege, makePrivilegeJustInTime } from "@/lib/db/signers/signers";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// "Convert to just-in-time" (one click on signer.standing-grant-unused, or on the signer page):
// the grant stays, but the gate allows it only inside an approved window from then on. Audited in
// the transaction of the change; the signer's findings are evaluated again so the finding resolves.

export async function makeGrantJustInTime(
  db: Db,
  input: { privilegeId: string },
  options: { actor: Actor; now: Date },
) {
  const grant = await findPrivilege(db, input.privilegeId);
  if (!grant || grant.removedAt) throw notFound("Grant");
  if (grant.isJustInTime) throw new AppError("conflict", "The grant is already just-in-time");
  await withTransaction(db, async (tx) => {
    if (!(await makePrivilegeJustInTime(tx, grant.id)))
      throw new AppError("conflict", "The grant is already just-in-time");
    await recordAuditBy(tx, options, {
      action: "grant.made-just-in-time",
      targetType: "signer",
      targetId: grant.signerId,
      summary: `Grant ${grant.scope}@${grant.environment} of ${grant.signer.name} is now just-in-time`,
      details: { privilegeId: grant.id, scope: grant.scope, environment: grant.environment },
    });
  });
  await evaluateFindings(db, { now: options.now, signerIds: [grant.signerId] });
  return { privilegeId: grant.id, signerId: grant.signerId, isJustInTime: true };
}
