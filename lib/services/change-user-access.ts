import { z } from "@/lib/domain/zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import {
  countActiveAdmins,
  disableUser,
  enableUser,
  findUserAccess,
  lockUserRoster,
  setUserRole,
  setUserRoleManual,
  type UserAccess,
} from "@/lib/db/users/users";
import { ROLES } from "@/lib/domain/authz";
import { accessActorOf, decideAccessChange, hasAdminAuthority, type AccessChange } from "@/lib/domain/user-access";
import { recordAuditBy, type Actor } from "./audit";

// An administrator changes a user's role, disables them (no sign-in, sessions ended) or
// re-enables them (which also lifts the ban of a person marked as having left, once that person is
// back). The rule is lib/domain/user-access; it is applied inside the transaction after the roster
// lock, with the active administrators counted there, so two concurrent demotions of the last two
// administrators cannot both pass. Audited with the state before and after.

export const userAccessChangeSchema = z.discriminatedUnion("action", [
  z
    .object({ action: z.literal("change-role"), role: z.enum(ROLES, { message: `One of ${ROLES.join(", ")}` }) })
    .strict(),
  z.object({ action: z.literal("disable"), reason: z.string().trim().max(500).optional() }).strict(),
  z.object({ action: z.literal("enable") }).strict(),
  // the role stays as an administrator set it: single sign-on does not map groups for this user
  z.object({ action: z.literal("set-role-manual"), isRoleManual: z.boolean() }).strict(),
]);
export type UserAccessChangeInput = z.infer<typeof userAccessChangeSchema>;

/** The API's form: one change per request, `role` or `isDisabled` (with an optional reason). */
export const userAccessPatchSchema = z
  .object({
    role: z.enum(ROLES, { message: `One of ${ROLES.join(", ")}` }).optional(),
    isDisabled: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.role === undefined) === (v.isDisabled === undefined))
      ctx.addIssue({ code: "custom", path: [], message: "Send either role or isDisabled (one change per request)" });
    if (v.reason !== undefined && v.isDisabled !== true)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "A reason goes with isDisabled: true" });
  });

export function toUserAccessChange(patch: z.infer<typeof userAccessPatchSchema>): UserAccessChangeInput {
  if (patch.role !== undefined) return { action: "change-role", role: patch.role };
  return patch.isDisabled ? { action: "disable", reason: patch.reason } : { action: "enable" };
}

const snapshot = (u: Pick<UserAccess, "role" | "isDisabled">) => ({ role: u.role, isDisabled: u.isDisabled });

function toChange(input: Exclude<UserAccessChangeInput, { action: "set-role-manual" }>): AccessChange {
  if (input.action === "change-role") return { kind: "change-role", to: input.role };
  return { kind: input.action === "disable" ? "disable-user" : "enable-user" };
}

export async function changeUserAccess(
  db: Db,
  userId: string,
  input: UserAccessChangeInput,
  options: { actor: Actor; now: Date },
) {
  if (input.action === "set-role-manual") return setRoleManual(db, userId, input.isRoleManual, options);
  return withTransaction(db, async (tx) => {
    await lockUserRoster(tx);
    const user = await findUserAccess(tx, userId);
    if (!user) throw notFound("User");
    const decision = decideAccessChange({
      actor: accessActorOf(options.actor),
      change: toChange(input),
      target: { user, isPersonLeft: user.isPersonLeft },
      activeAdminCount: await countActiveAdmins(tx),
    });
    if (!decision.isAllowed) throw new AppError(decision.code, decision.message);
    const before = snapshot(user);
    const after =
      input.action === "change-role"
        ? { ...before, role: input.role }
        : { ...before, isDisabled: input.action === "disable" };
    if (before.role === after.role && before.isDisabled === after.isDisabled)
      return { id: user.id, ...after, isChanged: false };
    if (input.action === "change-role") await setUserRole(tx, user.id, input.role);
    else if (input.action === "disable")
      await disableUser(tx, user.id, input.reason || `Disabled on ${options.now.toISOString().slice(0, 10)}`);
    else await enableUser(tx, user.id);
    const summary =
      input.action === "change-role"
        ? `${user.email}: role ${before.role} → ${after.role}`
        : `${user.email} ${input.action === "disable" ? "disabled" : "re-enabled"}`;
    await recordAuditBy(tx, options, {
      action: input.action === "change-role" ? "user.role-changed" : `user.${input.action}d`,
      targetType: "user",
      targetId: user.id,
      summary,
      details: {
        before: { ...before, banReason: user.banReason },
        after,
        ...(input.action === "disable" ? { reason: input.reason ?? null } : {}),
      },
    });
    return { id: user.id, ...after, isChanged: true };
  });
}

/** Marks a user's role as managed by hand (or hands it back to the identity provider's groups). */
async function setRoleManual(db: Db, userId: string, isRoleManual: boolean, options: { actor: Actor; now: Date }) {
  if (!hasAdminAuthority(accessActorOf(options.actor)))
    throw new AppError("forbidden", "Only an administrator can change users");
  return withTransaction(db, async (tx) => {
    const user = await findUserAccess(tx, userId);
    if (!user) throw notFound("User");
    const result = { id: user.id, role: user.role, isDisabled: user.isDisabled, isRoleManual };
    if (user.isRoleManual === isRoleManual) return { ...result, isChanged: false };
    await setUserRoleManual(tx, user.id, isRoleManual);
    await recordAuditBy(tx, options, {
      action: "user.role-source-changed",
      targetType: "user",
      targetId: user.id,
      summary: isRoleManual
        ? `${user.email}: role ${user.role} managed by hand (sign-in no longer maps groups)`
        : `${user.email}: role follows the identity provider's groups again`,
      details: { before: { isRoleManual: user.isRoleManual }, after: { isRoleManual } },
    });
    return { ...result, isChanged: true };
  });
}
