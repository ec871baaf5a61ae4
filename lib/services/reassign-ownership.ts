import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { loadOwnership, setOwnership, type OwnershipRow } from "@/lib/db/signers/signers";
import { resolvePeople } from "@/lib/db/signers/signer-admin";
import { recordAuditBy, type Actor } from "./audit";
import { resolveTeamId } from "./signer-references";
import { evaluateFindings } from "./evaluate-findings";

// Hands many signers to new owners in one action. Either:
// - signerIds + any of primaryOwner / backupOwner / team (null clears; omitted stays), or
// - fromPerson + toPerson: every signer where fromPerson is primary or backup owner gets
//   toPerson in that role (the usual hand-over when someone leaves).
// New owners must be active. If the new primary owner was a signer's backup, the backup is
// cleared rather than naming one person twice. Each signer's change is audited on the signer.

export const MAX_REASSIGN = 5_000;

const ref = z.string().trim().min(1).max(320);
export const reassignSchema = z.union([
  z
    .object({
      signerIds: z.array(z.string().min(1)).min(1, "Choose at least one signer").max(MAX_REASSIGN),
      primaryOwner: ref.nullable().optional(),
      backupOwner: ref.nullable().optional(),
      team: ref.nullable().optional(),
    })
    .strict()
    .refine(
      (v) => v.primaryOwner !== undefined || v.backupOwner !== undefined || v.team !== undefined,
      "Choose a new primary owner, backup owner or team",
    ),
  z.object({ fromPerson: ref, toPerson: ref }).strict(),
]);
export type ReassignInput = z.infer<typeof reassignSchema>;

type Change = { row: OwnershipRow; next: Omit<OwnershipRow, "id" | "name"> };

export async function reassignOwnership(db: Db, input: ReassignInput, options: { actor: Actor; now: Date }) {
  const people = await resolvePeople(
    db,
    "fromPerson" in input
      ? [input.fromPerson, input.toPerson]
      : [input.primaryOwner, input.backupOwner].filter((x): x is string => !!x),
  );
  const activePerson = (reference: string, field: string) => {
    const p = people.get(reference.toLowerCase());
    if (!p)
      throw new AppError("validation", `No person ${reference}`, {
        issues: [{ path: field, message: `No person ${reference}` }],
      });
    return p;
  };
  const changes: Change[] = [];
  if ("fromPerson" in input) {
    const from = activePerson(input.fromPerson, "fromPerson");
    const to = activePerson(input.toPerson, "toPerson");
    if (!to.isActive)
      throw new AppError("validation", `${to.name} has left the company`, {
        issues: [{ path: "toPerson", message: `${to.name} has left the company` }],
      });
    if (from.id === to.id) throw new AppError("validation", "Choose someone else to hand the signers to");
    for (const row of await loadOwnership(db, { personId: from.id })) {
      const next = { primaryOwnerId: row.primaryOwnerId, backupOwnerId: row.backupOwnerId, teamId: row.teamId };
      if (next.primaryOwnerId === from.id) next.primaryOwnerId = to.id;
      if (next.backupOwnerId === from.id) next.backupOwnerId = to.id;
      if (next.backupOwnerId === next.primaryOwnerId) next.backupOwnerId = null;
      changes.push({ row, next });
    }
  } else {
    const pick = (reference: string | null | undefined, field: string) => {
      if (reference === undefined || reference === null) return reference;
      const p = activePerson(reference, field);
      if (!p.isActive)
        throw new AppError("validation", `${p.name} has left the company`, {
          issues: [{ path: field, message: `${p.name} has left the company` }],
        });
      return p.id;
    };
    const primary = pick(input.primaryOwner, "primaryOwner");
    const backup = pick(input.backupOwner, "backupOwner");
    if (primary && primary === backup)
      throw new AppError("validation", "The backup owner must be someone other than the primary owner");
    const teamId = input.team ? await resolveTeamId(db, input.team) : input.team === null ? null : undefined;
    const rows = await loadOwnership(db, { ids: [...new Set(input.signerIds)] });
    if (rows.length !== new Set(input.signerIds).size)
      throw new AppError(
        "not_found",
        `${new Set(input.signerIds).size - rows.length} of the chosen signers do not exist`,
      );
    for (const row of rows) {
      const next = {
        primaryOwnerId: primary !== undefined ? primary : row.primaryOwnerId,
        backupOwnerId: backup !== undefined ? backup : row.backupOwnerId,
        teamId: teamId !== undefined ? teamId : row.teamId,
      };
      if (next.backupOwnerId && next.backupOwnerId === next.primaryOwnerId) next.backupOwnerId = null;
      changes.push({ row, next });
    }
  }
  const effective = changes.filter(
    (c) =>
      c.next.primaryOwnerId !== c.row.primaryOwnerId ||
      c.next.backupOwnerId !== c.row.backupOwnerId ||
      c.next.teamId !== c.row.teamId,
  );
  if (effective.length > 0) {
    await withTransaction(
      db,
      async (tx) => {
        for (const { row, next } of effective) {
          await setOwnership(tx, row.id, next);
          const before = { primaryOwnerId: row.primaryOwnerId, backupOwnerId: row.backupOwnerId, teamId: row.teamId };
          await recordAuditBy(tx, options, {
            action: "signer.ownership-changed",
            targetType: "signer",
            targetId: row.id,
            summary: `Ownership of ${row.name} changed`,
            details: { before, after: next, bulk: effective.length > 1 },
          });
        }
        await recordAuditBy(tx, options, {
          action: "signers.reassigned",
          summary: `Ownership of ${effective.length} signers changed in one action`,
          details: { signerIds: effective.map((c) => c.row.id), input },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    await evaluateFindings(db, { now: options.now, signerIds: effective.map((c) => c.row.id) });
  }
  return {
    changed: effective.length,
    unchanged: changes.length - effective.length,
    signerIds: effective.map((c) => c.row.id),
  };
}
