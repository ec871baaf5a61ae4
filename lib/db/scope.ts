import { isOwnerScoped, type ScopeUser } from "@/lib/domain/authz";

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
