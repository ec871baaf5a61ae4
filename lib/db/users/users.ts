import type { Db, RawDb, Tx, DbOrTx } from "@/lib/db/client";
import type { Role } from "@/lib/domain/authz";

export type UserSummary = {
  id: string;
  name: string;
  email: string;
  role: Role;
  personId: string | null;
  isBanned: boolean;
  createdAt: Date;
};

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

export async function findUserRole(db: DbOrTx, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
}

/** Administrators who can still sign in. */
export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  return db.user.count({ where: { role: "admin", banned: { not: true } } });
}

export async function setUserRole(tx: Tx, userId: string, role: Role): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { role } });
}

export async function linkUserToPerson(db: Db | RawDb | Tx, userId: string, email: string) {
  const person = await (db as Db).person.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  if (!person) return;
  const taken = await (db as Db).user.findFirst({ where: { personId: person.id }, select: { id: true } });
  if (!taken) await (db as Db).user.update({ where: { id: userId }, data: { personId: person.id } });
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.user.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role as Role,
    personId: u.personId,
    isBanned: Boolean(u.banned),
    createdAt: u.createdAt,
  }));
}

/** A person who left can no longer sign in: ban the linked user and end their sessions. */
export async function cutOffPersonSignIn(tx: Tx, personId: string, reason: string): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { personId }, select: { id: true } });
  if (!user) return false;
  await tx.user.update({ where: { id: user.id }, data: { banned: true, banReason: reason } });
  await tx.session.deleteMany({ where: { userId: user.id } });
  return true;
}
