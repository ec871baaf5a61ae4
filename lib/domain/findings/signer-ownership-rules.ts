// Signer rules about accountability: who owns the identity, whether it is still needed, whether
// its owner attested on time.
import { daysUntil, formatRelative, isOlderThanDays } from "@/lib/domain/expiry";
import {
  ACTIVE_ONLY,
  NOT_DECOMMISSIONED,
  signerLabel,
  signerMeta,
  signerRule,
  type SignerRule,
} from "@/lib/domain/findings/signer-context";
import { day, iso, plural, quote } from "@/lib/domain/findings/shared";
import type { Evidence, OwnerRef } from "@/lib/domain/findings/types";

/**
 * What an ownership finding stores of the owner in one role, stored and shown under these keys:
 * primaryOwnerId, primaryOwnerName, isPrimaryOwnerActive (backupOwnerId, … for the backup).
 */
function ownerEvidence(role: "primary" | "backup", owner: OwnerRef | null): Evidence {
  const Role = role === "primary" ? "Primary" : "Backup";
  return {
    [`${role}OwnerId`]: owner?.id ?? null,
    [`${role}OwnerName`]: owner?.name ?? null,
    [`is${Role}OwnerActive`]: owner?.isActive ?? null,
  };
}

export const signerOrphaned = signerRule(
  signerMeta(
    "signer.orphaned",
    "No active primary owner",
    "high",
    "OWASP NHI1 Improper Offboarding",
    "NHI1",
    [],
    "Assign a current employee as primary owner, or suspend and decommission the signer if nobody needs it.",
  ),
  { appliesTo: NOT_DECOMMISSIONED },
  (s) => {
    const owner = s.primaryOwner;
    if (owner?.isActive) return null;
    const why = owner ? `its primary owner ${owner.name} has left` : "it has no primary owner";
    return {
      message: `${signerLabel(s)} is orphaned: ${why}.`,
      evidence: ownerEvidence("primary", owner),
      threshold: "an active primary owner",
    };
  },
);

export const signerNoBackupOwner = signerRule(
  signerMeta(
    "signer.no-backup-owner",
    "No backup owner",
    "low",
    "OWASP NHI1 Improper Offboarding",
    "NHI1",
    [],
    "Name a second, active person as backup owner so the signer stays accountable when the primary owner is away or leaves.",
  ),
  { appliesTo: NOT_DECOMMISSIONED },
  (s) => {
    const backup = s.backupOwner;
    let why: string | null = null;
    if (!backup) why = "has no backup owner";
    else if (!backup.isActive) why = `has a backup owner, ${backup.name}, who has left`;
    else if (s.primaryOwner && backup.id === s.primaryOwner.id) why = "has the same person as primary and backup owner";
    if (!why) return null;
    return {
      message: `${signerLabel(s)} ${why}.`,
      evidence: ownerEvidence("backup", backup),
      threshold: "an active backup owner other than the primary owner",
    };
  },
);

export const signerStale = signerRule(
  signerMeta(
    "signer.stale",
    "Unused signer with standing access",
    "medium",
    "OWASP NHI1 Improper Offboarding, NHI5 Overprivileged NHI",
    "NHI1",
    ["NHI5"],
    "Ask the owner whether the signer is still needed; if not, suspend it and revoke its certificate, otherwise record why it signs so rarely.",
  ),
  { appliesTo: ACTIVE_ONLY },
  (s, ctx) => {
    if (!s.hasValidCertificate) return null;
    const limit = ctx.policy.signers.staleAfterDays;
    const since = s.lastUsedAt ?? s.createdAt;
    if (!isOlderThanDays(since, ctx.now, limit)) return null;
    const idle = -daysUntil(since, ctx.now);
    const what = s.lastUsedAt
      ? `last signed on ${day(s.lastUsedAt)} (${idle} days ago)`
      : `has never signed since it was created on ${day(s.createdAt)} (${idle} days ago)`;
    return {
      message: `${signerLabel(s)} ${what} but still holds a valid certificate.`,
      evidence: {
        lastUsedAt: iso(s.lastUsedAt),
        createdAt: iso(s.createdAt),
        idleDays: idle,
        hasValidCertificate: true,
      },
      threshold: `signing activity within ${limit} days while holding a valid certificate`,
    };
  },
);

export const signerAttestationOverdue = signerRule(
  signerMeta(
    "signer.attestation-overdue",
    "Owner attestation overdue",
    "medium",
    "Governance: periodic owner attestation",
    null,
    [],
    "The owner should answer the attestation now (or delegate it); if the signer is no longer needed, decommission it instead.",
  ),
  { appliesTo: NOT_DECOMMISSIONED },
  (s, ctx) => {
    const overdue = s.overdueAttestations
      .filter((a) => a.dueAt.getTime() < ctx.now.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    if (overdue.length === 0) return null;
    const escalated = overdue.filter((a) => a.escalatedAt !== null && a.escalatedAt <= ctx.now);
    const oldest = overdue[0];
    const campaigns =
      overdue.length === 1
        ? `campaign ${quote(oldest.campaignName)}`
        : `${plural(overdue.length, "campaign")} (${overdue.map((a) => quote(a.campaignName)).join(", ")})`;
    const esc = escalated.length ? `; escalated on ${day(escalated[0].escalatedAt!)}` : "";
    return {
      severity: escalated.length ? "high" : "medium",
      message: `${signerLabel(s)} has not been attested for ${campaigns}, due ${day(oldest.dueAt)} (${formatRelative(oldest.dueAt, ctx.now)})${esc}.`,
      evidence: {
        attestations: overdue.map((a) => ({
          campaignId: a.campaignId,
          campaignName: a.campaignName,
          dueAt: iso(a.dueAt),
          escalatedAt: iso(a.escalatedAt),
        })),
        isEscalated: escalated.length > 0,
      },
      threshold: "attested by the campaign's due date (medium; high once escalated)",
    };
  },
);

export const signerOwnershipRules: SignerRule[] = [
  signerOrphaned,
  signerNoBackupOwner,
  signerStale,
  signerAttestationOverdue,
];
