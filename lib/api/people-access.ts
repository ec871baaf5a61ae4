import { forbidden } from "./errors";
import type { CurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/domain/actor";
import { isOwnerScoped } from "@/lib/domain/authz";

/** The people directory is for the security team and auditors; owners see only their own signers. */
export function assertMaySeePeople(user: Pick<CurrentUser, "role"> | null) {
  if (user && isOwnerScoped(user.role)) throw forbidden("Owners see their own signers, not the people directory");
}

/**
 * The signed-in person behind a request only people may make (their own attestation tasks), and
 * who they are to the service; an API token gets a 403 saying that `what` is done by people.
 */
export function requirePerson(
  { user, actor, ip }: { user: CurrentUser | null; actor: Actor; ip: string | null },
  what: string,
) {
  if (!user) throw forbidden(`${what} by people, not API tokens`);
  return { user, who: { userId: user.id, personId: user.personId, actor, ip } };
}
