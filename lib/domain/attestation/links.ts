// Emailed access links: single use, expiring, bound to one person. Pure checks; hashing and
// storage live in the services.

export const ACCESS_LINK_TTL_DAYS = 14;
export const ACCESS_LINK_PURPOSE = "attestation";

export type LinkRefusal = "unknown" | "used" | "expired" | "wrong-person";

export function accessLinkProblem(
  link: { personId: string; expiresAt: Date; usedAt: Date | null } | null,
  options: { personId: string | null; now: Date },
): LinkRefusal | null {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.expiresAt.getTime() <= options.now.getTime()) return "expired";
  if (!options.personId || options.personId !== link.personId) return "wrong-person";
  return null;
}

export const LINK_REFUSAL_TEXT: Record<LinkRefusal, string> = {
  unknown:
    "This link is not valid. Open your tasks from the Signet menu instead, or ask the security team for a new link.",
  used: "This link has already been used. Links work once: open your tasks from the Signet menu, or use the newest email.",
  expired: "This link has expired. Open your tasks from the Signet menu, or wait for the next reminder email.",
  "wrong-person": "This link was sent to someone else. Sign in as the person it was addressed to.",
};
