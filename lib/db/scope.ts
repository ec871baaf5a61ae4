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
 * owner's certificates are looked up once instead of an EXISTS per certificate and count.
 */
export function certificateScopeSql(user: ScopeUser, flavour: DatabaseFlavour): Prisma.Sql {
  if (!isOwnerScoped(user.role)) return Prisma.sql`1 = 1`;
  return isIn(flavour, '"id"', ownedCertificateIdsSql(user.personId ?? NOTHING, flavour));
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

/** The ids of the signers a person owns (primary or backup), as a subquery. */
function ownedSignerIdsSql(personId: string): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "Signer" WHERE "primaryOwnerId" = ${personId} OR "backupOwnerId" = ${personId}`;
}

/** The ids of the certificates linked to a signer a person owns, as a subquery. */
function ownedCertificateIdsSql(personId: string, flavour: DatabaseFlavour): Prisma.Sql {
  return Prisma.sql`SELECT sc."certificateId" FROM "SignerCertificate" sc
    WHERE ${isIn(flavour, 'sc."signerId"', ownedSignerIdsSql(personId))}`;
}

/**
 * The findings a user sees, as a condition on "Finding" (null for roles that see everything): about
 * their signers, their certificates or those certificates' keys, as the owner views always have.
 * One scan of the three indexes (SQLite: a multi-index OR, each row read once; PostgreSQL: a bitmap
 * OR) instead of a UNION of ids that reads every finding twice (about half the time for an owner of
 * 2,000 signers), and nothing is bound but the person's id, however many signers, certificates and
 * keys they own (as id lists, a team lead's exceeded the databases' bound-value limit).
 */
export function findingScopeSql(user: ScopeUser, flavour: DatabaseFlavour): Prisma.Sql | null {
  if (!isOwnerScoped(user.role)) return null;
  const personId = user.personId ?? NOTHING;
  const certificates = ownedCertificateIdsSql(personId, flavour);
  return Prisma.sql`(${isIn(flavour, '"signerId"', ownedSignerIdsSql(personId))}
    OR ${isIn(flavour, '"certificateId"', certificates)}
    OR ${isIn(flavour, '"keyId"', Prisma.sql`SELECT c."keyId" FROM "Certificate" c WHERE ${isIn(flavour, 'c."id"', certificates)}`)})`;
}
