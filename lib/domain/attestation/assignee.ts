// Who answers a signer's attestation: its primary owner, or the backup owner when the primary
// has left (inactive) or was never set. A signer with neither is unassignable and is listed to
// the security team instead of silently dropped.

export type OwnerRef = { id: string; isActive: boolean } | null;

export type AssigneeChoice =
  { kind: "assigned"; personId: string; role: "primary" | "backup" } | { kind: "unassignable"; reason: string };

export function chooseAssignee(signer: { primaryOwner: OwnerRef; backupOwner: OwnerRef }): AssigneeChoice {
  const { primaryOwner: p, backupOwner: b } = signer;
  if (p?.isActive) return { kind: "assigned", personId: p.id, role: "primary" };
  if (b?.isActive) return { kind: "assigned", personId: b.id, role: "backup" };
  if (!p && !b) return { kind: "unassignable", reason: "no primary or backup owner" };
  if (p && !b) return { kind: "unassignable", reason: "primary owner has left; no backup owner" };
  if (!p && b) return { kind: "unassignable", reason: "no primary owner; backup owner has left" };
  return { kind: "unassignable", reason: "primary and backup owners have both left" };
}

/**
 * Who is told when a task is overdue: the backup owner of the signer (unless they hold the task
 * themselves or have left), and the security team address when configured.
 */
export function escalationRecipients(input: {
  assigneeId: string;
  backupOwner: { id: string; email: string; name: string; isActive: boolean } | null;
  securityTeamEmail: string | null;
}): { email: string; name: string | null; role: "backup-owner" | "security-team" }[] {
  const out: { email: string; name: string | null; role: "backup-owner" | "security-team" }[] = [];
  const b = input.backupOwner;
  if (b && b.isActive && b.id !== input.assigneeId)
    out.push({ email: b.email.toLowerCase(), name: b.name, role: "backup-owner" });
  const team = input.securityTeamEmail?.trim().toLowerCase();
  if (team && !out.some((r) => r.email === team)) out.push({ email: team, name: null, role: "security-team" });
  return out;
}

/**
 * Why a person may not open or answer a task: it is someone else's (refused and audited), or its
 * campaign is closed. Null when they may. The task page decides by it (through the service) and
 * its 403 page explains by it, so both give the same answer.
 */
export function taskRefusal(
  task: { assignee: { id: string }; campaign: { status: string } },
  personId: string | null,
): { code: "forbidden" | "conflict"; message: string } | null {
  if (!personId || task.assignee.id !== personId)
    return { code: "forbidden", message: "This attestation task is not yours" };
  if (task.campaign.status !== "open") return { code: "conflict", message: "This campaign is closed" };
  return null;
}
