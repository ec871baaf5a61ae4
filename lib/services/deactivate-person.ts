import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { deactivatePerson as markPersonLeft, findPerson } from "@/lib/db/people/people";
import { loadOwnership } from "@/lib/db/signers/signers";
import { countActiveAdmins, cutOffPersonSignIn, findPersonUserAccess, lockUserRoster } from "@/lib/db/users/users";
import { accessActorOf, decideAccessChange } from "@/lib/domain/user-access";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// Someone left the company. Their row stays (with isActive false) so every signer they owned
// shows as orphaned at once: the signer.orphaned / no-backup findings are re-evaluated for those
// signers in the same call. Their sign-in is cut off (user banned, sessions ended): so only an
// administrator may do this to an administrator's person, and never to the last active one
// (lib/domain/user-access, checked after the roster lock inside the transaction).

export async function deactivatePerson(
  db: Db,
  personId: string,
  options: { actor: Actor; now: Date; reason?: string },
) {
  const person = await findPerson(db, personId);
  if (!person) throw notFound("Person");
  if (!person.isActive) throw new AppError("conflict", `${person.name} is already marked as having left`);
  const owned = await loadOwnership(db, { personId });
  const primaryOf = owned.filter((s) => s.primaryOwnerId === personId);
  const backupOf = owned.filter((s) => s.backupOwnerId === personId);
  let isSignInCutOff = false;
  await withTransaction(db, async (tx) => {
    await lockUserRoster(tx);
    const user = await findPersonUserAccess(tx, personId);
    const decision = decideAccessChange({
      actor: accessActorOf(options.actor),
      change: { kind: "deactivate-person" },
      target: { user },
      activeAdminCount: await countActiveAdmins(tx),
    });
    if (!decision.isAllowed) throw new AppError(decision.code, decision.message);
    await markPersonLeft(tx, personId, { at: options.now });
    isSignInCutOff = await cutOffPersonSignIn(
      tx,
      personId,
      `Left the company (${options.now.toISOString().slice(0, 10)})`,
    );
    await recordAuditBy(tx, options, {
      action: "person.deactivated",
      targetType: "person",
      targetId: personId,
      summary: `${person.name} <${person.email}> marked as left: ${primaryOf.length} signers orphaned, ${backupOf.length} lost their backup owner`,
      details: {
        reason: options.reason ?? null,
        orphanedSignerIds: primaryOf.map((s) => s.id),
        backupOfSignerIds: backupOf.map((s) => s.id),
        isSignInCutOff,
      },
    });
    for (const s of owned) {
      const role = s.primaryOwnerId === personId ? "primary owner" : "backup owner";
      await recordAuditBy(tx, options, {
        action: "signer.owner-left",
        targetType: "signer",
        targetId: s.id,
        summary: `${role === "primary owner" ? "Orphaned: " : ""}${role} ${person.name} left the company`,
        details: { personId, role },
      });
    }
  });
  await evaluateFindings(db, { now: options.now, signerIds: owned.map((s) => s.id) });
  return {
    personId,
    orphanedSignerIds: primaryOf.map((s) => s.id),
    backupOfSignerIds: backupOf.map((s) => s.id),
    isSignInCutOff,
  };
}
