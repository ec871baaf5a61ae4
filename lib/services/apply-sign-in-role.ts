import { type Db, withTransaction } from "@/lib/db/client";
import { countActiveAdmins, findUserAccess, lockUserRoster, setUserRole } from "@/lib/db/users/users";
import { decideSignInRole, type SignInRoleDecision, type SsoRoleMapping } from "@/lib/domain/sso-roles";
import { recordAudit, type Actor } from "./audit";

// At every single sign-on the identity provider's groups decide the user's role again
// (lib/domain/sso-roles): a change is audited with the groups that decided it; a mapped change
// that is not made (role managed by hand, or the last active administrator) is audited too, so
// the administrators see why the identity provider and Signet disagree. Inside the roster lock,
// like every other role change, so the last-administrator count cannot race.

export const IDENTITY_PROVIDER_ACTOR: Actor = { type: "system", label: "identity provider (group mapping)" };

export async function applySignInRole(
  db: Db,
  userId: string,
  groups: readonly string[],
  options: { mapping: Pick<SsoRoleMapping, "roleByGroup" | "defaultRole">; now: Date },
): Promise<SignInRoleDecision | null> {
  return withTransaction(db, async (tx) => {
    await lockUserRoster(tx);
    const user = await findUserAccess(tx, userId);
    if (!user) return null;
    const decision = decideSignInRole({
      user,
      groups,
      mapping: options.mapping,
      activeAdminCount: await countActiveAdmins(tx),
    });
    if (decision.kind === "unchanged") return decision;
    const base = { actor: IDENTITY_PROVIDER_ACTOR, targetType: "user", targetId: user.id, at: options.now };
    if (decision.kind === "change") {
      await setUserRole(tx, user.id, decision.to);
      await recordAudit(tx, {
        ...base,
        action: "user.role-changed",
        summary: `${user.email}: role ${decision.from} → ${decision.to} (identity-provider groups)`,
        details: { before: { role: decision.from }, after: { role: decision.to }, via: "sso", groups: [...groups] },
      });
    } else {
      const why = decision.reason === "manual" ? "role managed by hand" : "last active administrator";
      await recordAudit(tx, {
        ...base,
        action: "user.role-mapping-skipped",
        summary: `${user.email} keeps role ${decision.role} (groups map to ${decision.mapped}): ${why}`,
        details: { role: decision.role, mapped: decision.mapped, reason: decision.reason, groups: [...groups] },
      });
    }
    return decision;
  });
}
