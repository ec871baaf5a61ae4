import type { Db, RawDb, Tx, DbOrTx } from "@/lib/db/client";
import { takeTransactionLock } from "@/lib/db/sql";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import type { Role } from "@/lib/domain/authz";

export async function countUsers(db: DbOrTx) {
  return db.user.count();
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true } });
}

/** The email of a user (the auth library's client can read it as well as the application's). */
export async function findUserEmail(db: DbOrTx | RawDb, userId: string): Promise<string | null> {
  const user = await (db as DbOrTx).user.findUnique({ where: { id: userId }, select: { email: true } });
  return user?.email ?? null;
}

const notBanned = { OR: [{ banned: false }, { banned: null }] };

/** Administrators who can still sign in. */
export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  return db.user.count({ where: { role: "admin", ...notBanned } });
}

/**
 * Serialises the changes that can cut an administrator off (role, disable, a linked person who
 * left): take it first in the transaction, then count the active administrators.
 */
export async function lockUserRoster(tx: Tx): Promise<void> {
  await takeTransactionLock(tx, "user-roster");
}

export type UserAccess = {
  id: string;
  name: string;
  email: string;
  role: Role;
  isDisabled: boolean;
  banReason: string | null;
  personId: string | null;
  isPersonLeft: boolean;
  /** an administrator keeps the role by hand: sign-in does not map identity-provider groups */
  isRoleManual: boolean;
};

const accessSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  banned: true,
  banReason: true,
  personId: true,
  isRoleManual: true,
  person: { select: { isActive: true } },
} as const;

function toAccess(u: {
  id: string;
  name: string;
  email: string;
  role: string;
  banned: boolean | null;
  banReason: string | null;
  personId: string | null;
  isRoleManual: boolean;
  person: { isActive: boolean } | null;
}): UserAccess {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role as Role,
    isDisabled: Boolean(u.banned),
    banReason: u.banReason,
    personId: u.personId,
    isPersonLeft: u.person ? !u.person.isActive : false,
    isRoleManual: u.isRoleManual,
  };
}

/** A user's role, whether they can sign in and whether their person has left. */
export async function findUserAccess(db: DbOrTx, userId: string): Promise<UserAccess | null> {
  const u = await db.user.findUnique({ where: { id: userId }, select: accessSelect });
  return u ? toAccess(u) : null;
}

/** The user linked to a person, if any. */
export async function findPersonUserAccess(db: DbOrTx, personId: string): Promise<UserAccess | null> {
  const u = await db.user.findUnique({ where: { personId }, select: accessSelect });
  return u ? toAccess(u) : null;
}

/** Disables a user: they cannot sign in, and their sessions end now. */
export async function disableUser(tx: Tx, userId: string, reason: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { banned: true, banReason: reason, banExpires: null } });
  await tx.session.deleteMany({ where: { userId } });
}

/** Lifts a ban, whoever set it (an administrator, or a person marked as having left). */
export async function enableUser(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { banned: false, banReason: null, banExpires: null } });
}

export async function setUserRole(tx: Tx, userId: string, role: Role): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { role } });
}

export async function setUserRoleManual(tx: Tx, userId: string, isRoleManual: boolean): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { isRoleManual } });
}

export async function linkUserToPerson(db: Db | RawDb | Tx, userId: string, email: string) {
  const person = await (db as Db).person.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  if (!person) return;
  const taken = await (db as Db).user.findFirst({ where: { personId: person.id }, select: { id: true } });
  if (!taken) await (db as Db).user.update({ where: { id: userId }, data: { personId: person.id } });
}

export type UserSummary = UserAccess & { createdAt: string };

/** One page of the users (/admin and GET /api/v1/users), oldest first. */
export async function listUsers(db: Db, f: { page: number; pageSize: number }): Promise<Page<UserSummary>> {
  const page = await readPage(f, {
    rows: (window) =>
      db.user.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        ...window,
        select: { ...accessSelect, createdAt: true },
      }),
    count: () => db.user.count(),
  });
  return { ...page, rows: page.rows.map((u) => ({ ...toAccess(u), createdAt: iso(u.createdAt)! })) };
}

/** A person who left can no longer sign in: ban the linked user and end their sessions. */
export async function cutOffPersonSignIn(tx: Tx, personId: string, reason: string): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { personId }, select: { id: true } });
  if (!user) return false;
  await disableUser(tx, user.id, reason);
  return true;
}
