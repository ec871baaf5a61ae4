import { isOwnerScoped, type ScopeUser } from "@/lib/domain/authz";
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
export function certificateScopeSql(user: ScopeUser): Prisma.Sql {
  if (!isOwnerScoped(user.role)) return Prisma.sql`1 = 1`;
  const personId = user.personId ?? NOTHING;
  return Prisma.sql`"id" IN (SELECT sc."certificateId" FROM "SignerCertificate" sc JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE s."primaryOwnerId" = ${personId} OR s."backupOwnerId" = ${personId})`;
}
