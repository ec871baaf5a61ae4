import { headers as nextHeaders } from "next/headers";
import { getAuth } from "./auth";
import { isRole, type Role } from "@/lib/domain/authz";
import type { Actor } from "@/lib/services/audit";

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  personId: string | null;
};

/** The signed-in user of this request, or null. Banned users and unknown roles count as signed out. */
export async function getCurrentUser(requestHeaders?: Headers): Promise<CurrentUser | null> {
  const h = requestHeaders ?? (await nextHeaders());
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  const u = session.user as typeof session.user & { role?: string; personId?: string | null; banned?: boolean | null };
  if (u.banned || !isRole(u.role)) return null;
  return { id: u.id, name: u.name, email: u.email, role: u.role, personId: u.personId ?? null };
}

export function userActor(user: CurrentUser): Actor & { type: "user" } {
  return { type: "user", id: user.id, label: user.email, role: user.role };
}
