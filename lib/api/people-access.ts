import { forbidden } from "./errors";
import type { CurrentUser } from "@/lib/auth/session";
import { isOwnerScoped } from "@/lib/domain/authz";

/** The people directory is for the security team and auditors; owners see only their own signers. */
export function assertMaySeePeople(user: Pick<CurrentUser, "role"> | null) {
  if (user && isOwnerScoped(user.role)) throw forbidden("Owners see their own signers, not the people directory");
}
