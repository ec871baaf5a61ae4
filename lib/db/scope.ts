import { isOwnerScoped, type ScopeUser } from "@/lib/domain/authz";
import type { DatabaseFlavour } from "@/lib/db/adapters";
import { Prisma } from "@/lib/db/sql";

// What part of the inventory a user may see. Owners see the signers they own (primary or
// backup) and what hangs off them; every other role sees everything. Applied in every list,
// search, export and API read.

const NOTHING = "__no_person__";

export type { ScopeUser };

export function signerScopeWhere(user: ScopeUser) {
  if (!isOwnerScoped(user.role)) return {};
  const personId = user.personId ?? NOTHING;
  return { OR: [{ primaryOwnerId: personId }, { backupOwnerId: personId }] };
}

export function certificateScopeWhere(user: ScopeUser) {
  if (!isOwnerScoped(user.role)) return {};
  return { signers: { some: { signer: signerScopeWhere(user) } } };
}

/**
 * certificateScopeWhere as raw SQL on "Certificate", for aggregates that count in one scan: the
 * owner's certificates are read from one range of "OwnedCertificate" (kept equal to the links and
 * owners by triggers: lib/db/migrate/owned-scope-objects.ts), not walked through signers and links.
 */
export function certificateScopeSql(user: ScopeUser, flavour: DatabaseFlavour): Prisma.Sql {
  if (!isOwnerScoped(user.role)) return Prisma.sql`1 = 1`;
  return isIn(flavour, '"id"', ownedCertificateIdsSql(user.personId ?? NOTHING));
}

/**
 * `column IN (subquery)`; on PostgreSQL `column = ANY (ARRAY(subquery))`: the subquery is computed
 * once as an array the column's index is probed with. PostgreSQL cannot read an index for an
 * `IN (subquery)` inside an OR (it hashes the subquery and scans the table: all 280,000 open
 * findings for an owner of five signers, ~150 ms), and it read a team lead's links (20,000) by
 * scanning all 250,000 for a hash join (twice the time of 2,000 primary-key probes).
 */
function isIn(flavour: DatabaseFlavour, column: string, subquery: Prisma.Sql): Prisma.Sql {
  return flavour === "postgres"
    ? Prisma.sql`${Prisma.raw(column)} = ANY (ARRAY(${subquery}))`
    : Prisma.sql`${Prisma.raw(column)} IN (${subquery})`;
}

/** The ids of the certificates linked to a signer a person owns (primary or backup), as a subquery. */
function ownedCertificateIdsSql(personId: string): Prisma.Sql {
  return Prisma.sql`SELECT "certificateId" FROM "OwnedCertificate" WHERE "personId" = ${personId}`;
}

/**
 * The findings a user sees, as a condition on "Finding" (null for roles that see everything): about
 * their signers, their certificates or those certificates' keys, as the owner views always have.
 * One range of "OwnedFinding" (kept equal to that definition by triggers:
 * lib/db/migrate/owned-scope-objects.ts) and a primary-key probe per finding: walking owner →
 * signers → links → certificates → findings cost ~60,000 index probes per statement for a team
 * lead of 2,000 signers. Nothing is bound but the person's id, however many findings they see.
 */
export function findingScopeSql(user: ScopeUser, flavour: DatabaseFlavour): Prisma.Sql | null {
  if (!isOwnerScoped(user.role)) return null;
  const personId = user.personId ?? NOTHING;
  return isIn(flavour, '"id"', Prisma.sql`SELECT "findingId" FROM "OwnedFinding" WHERE "personId" = ${personId}`);
}
