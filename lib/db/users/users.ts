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
