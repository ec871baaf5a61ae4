import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findPerson, reactivatePerson as markPersonBack } from "@/lib/db/people/people";
import { loadOwnership } from "@/lib/db/signers/signers";
import { findPersonUserAccess } from "@/lib/db/users/users";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// A person marked as having left is back (a mistake, or rehired). The signers they still own stop
// showing as orphaned. Their user stays disabled: giving sign-in back is an administrator's
// decision (re-enable the user in /admin), which this makes possible.

export async function reactivatePerson(db: Db, personId: string, options: { actor: Actor; now: Date }) {
  const person = await findPerson(db, personId);
  if (!person) throw notFound("Person");
  if (person.isActive) throw new AppError("conflict", `${person.name} has not left`);
  const owned = await loadOwnership(db, { personId });
  const user = await withTransaction(db, async (tx) => {
    await markPersonBack(tx, personId);
    const linked = await findPersonUserAccess(tx, personId);
    await recordAuditBy(tx, options, {
      action: "person.reactivated",
      targetType: "person",
      targetId: personId,
      summary: `${person.name} <${person.email}> is back: ${owned.length} signers no longer orphaned by their leaving`,
      details: {
        before: { isActive: false },
        after: { isActive: true },
        userId: linked?.id ?? null,
        isUserDisabled: linked?.isDisabled ?? null,
      },
    });
    return linked;
  });
  await evaluateFindings(db, { now: options.now, signerIds: owned.map((s) => s.id) });
  return { personId, userId: user?.id ?? null, isUserDisabled: user?.isDisabled ?? false };
}
