import type { Actor } from "./actor";
import { isRole, type Role } from "./authz";
import type { TokenScope } from "./token-scopes";

// Who may cut whom off. Disabling a user, demoting them, or marking the person linked to them as
// having left (which bans the user) all take sign-in or authority away. Two rules protect the
// administrators:
// - only an administrator (a signed-in admin, or a token with users:write) can do that to an
//   administrator;
// - the last active administrator can never be cut off, whoever asks.
// User-level changes (role, disable, re-enable) are administrator work whoever the target is.
// The caller counts the active administrators inside the transaction that makes the change, after
// taking the roster lock (lib/db/users), so two concurrent demotions cannot both see "two admins".

export type AccessActor =
  { kind: "user"; role: Role } | { kind: "token"; scopes: readonly TokenScope[] } | { kind: "system" };

export type AccessChange =
  | { kind: "disable-user" }
  | { kind: "enable-user" }
  | { kind: "change-role"; to: Role }
  | { kind: "deactivate-person" }
  | { kind: "reactivate-person" };

/** The user the change reaches (for a person: the user linked to them, if any). */
export type AccessTarget = {
  /** null: a person no user is linked to */
  user: { role: Role; isDisabled: boolean } | null;
  /** the linked person has left (re-enabling such a user is refused until they are back) */
  isPersonLeft?: boolean;
};

export type AccessDecision =
  { isAllowed: true } | { isAllowed: false; code: "forbidden" | "conflict"; message: string };

const allow: AccessDecision = { isAllowed: true };

/** The authority an audited actor carries; an actor of unknown role or scope carries none. */
export function accessActorOf(actor: Actor): AccessActor {
  if (actor.type === "system") return { kind: "system" };
  if (actor.type === "user")
    return isRole(actor.role) ? { kind: "user", role: actor.role } : { kind: "token", scopes: [] };
  if (actor.type === "token") return { kind: "token", scopes: actor.scopes ?? [] };
  return { kind: "token", scopes: [] };
}

export function hasAdminAuthority(actor: AccessActor): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "user") return actor.role === "admin";
  return actor.scopes.includes("users:write");
}

/** Whether the change takes an administrator's sign-in or role away. */
function cutsOffAdmin(change: AccessChange, target: AccessTarget): boolean {
  const user = target.user;
  if (!user || user.role !== "admin") return false;
  if (change.kind === "change-role") return change.to !== "admin";
  return change.kind === "disable-user" || change.kind === "deactivate-person";
}

export function decideAccessChange(input: {
  actor: AccessActor;
  change: AccessChange;
  target: AccessTarget;
  /** administrators who can sign in now, counted in the change's own transaction */
  activeAdminCount: number;
}): AccessDecision {
  const { actor, change, target } = input;
  const isUserChange = change.kind === "disable-user" || change.kind === "enable-user" || change.kind === "change-role";
  if (isUserChange && !hasAdminAuthority(actor))
    return { isAllowed: false, code: "forbidden", message: "Only an administrator can change users" };
  if (cutsOffAdmin(change, target)) {
    if (!hasAdminAuthority(actor))
      return {
        isAllowed: false,
        code: "forbidden",
        message: "Only an administrator can cut off an administrator's sign-in",
      };
    if (!target.user?.isDisabled && input.activeAdminCount <= 1)
      return {
        isAllowed: false,
        code: "conflict",
        message: "This is the last active administrator: make someone else an administrator first",
      };
  }
  if (change.kind === "enable-user" && target.isPersonLeft)
    return {
      isAllowed: false,
      code: "conflict",
      message: "The person linked to this user has left: mark them as back first, then re-enable the user",
    };
  return allow;
}
