import { type Db, withTransaction } from "@/lib/db/client";
import { createAlertMute, findAlertMute, findCertificateForAlerts, liftAlertMute } from "@/lib/db/alerts/alerts";
import type { ScopeUser } from "@/lib/db/scope";
import { AppError, notFound } from "@/lib/api/errors";
import { DAY_MS } from "@/lib/domain/expiry";
import { recordAudit, type Actor } from "@/lib/services/audit";

/** A mute is for a retired certificate or a planned replacement, not a permanent off switch. */
export const MAX_MUTE_DAYS = 366;

export type MuteInput = { certificateId: string; reason: string; mutedUntil: Date };

export type MuteOptions = {
  /** whose view of the inventory applies (owners may mute only their own certificates) */
  scope: ScopeUser;
  now?: Date;
};

function actorId(actor: Actor): string {
  return "id" in actor ? actor.id : actor.label;
}

/** Stops expiry alerts for one certificate until `mutedUntil` (or until lifted), with a reason. */
export async function muteCertificateAlerts(db: Db, input: MuteInput, actor: Actor, options: MuteOptions) {
  const now = options.now ?? new Date();
  const reason = input.reason.trim();
  if (reason.length < 3)
    throw new AppError("validation", "Give a reason for muting (at least 3 characters)", {
      issues: [{ path: "reason", message: "too short" }],
    });
  if (input.mutedUntil.getTime() <= now.getTime())
    throw new AppError("validation", "mutedUntil must be in the future", {
      issues: [{ path: "mutedUntil", message: "in the past" }],
    });
  if (input.mutedUntil.getTime() > now.getTime() + MAX_MUTE_DAYS * DAY_MS) {
    throw new AppError("validation", `A mute can last at most ${MAX_MUTE_DAYS} days`, {
      issues: [{ path: "mutedUntil", message: "too far ahead" }],
    });
  }
  const cert = await findCertificateForAlerts(db, input.certificateId, options.scope);
  // out of scope looks the same as missing: owners must not learn what others hold
  if (!cert) throw notFound("Certificate");
  return withTransaction(db, async (tx) => {
    const mute = await createAlertMute(tx, {
      certificateId: cert.id,
      reason,
      mutedUntil: input.mutedUntil,
      mutedById: actorId(actor),
      now,
    });
    await recordAudit(tx, {
      actor,
      action: "alerts.mute",
      targetType: "certificate",
      targetId: cert.id,
      summary:
        `Muted expiry alerts for ${cert.subjectCn ?? cert.subject} until ${input.mutedUntil.toISOString()}: ${reason}`.slice(
          0,
          500,
        ),
      details: { muteId: mute.id, mutedUntil: input.mutedUntil.toISOString(), reason },
      at: now,
    });
    return mute;
  });
}

/** Lifts a mute early; alerts resume with the next sweep. */
export async function liftCertificateAlertMute(db: Db, input: { muteId: string }, actor: Actor, options: MuteOptions) {
  const now = options.now ?? new Date();
  const mute = await findAlertMute(db, input.muteId);
  const cert = mute ? await findCertificateForAlerts(db, mute.certificateId, options.scope) : null;
  if (!mute || !cert) throw notFound("Mute");
  const alreadyLifted = () => new AppError("conflict", "This mute has already been lifted");
  if (mute.liftedAt) throw alreadyLifted();
  return withTransaction(db, async (tx) => {
    // lifted by someone else since the read above
    if (!(await liftAlertMute(tx, { muteId: mute.id, now }))) throw alreadyLifted();
    await recordAudit(tx, {
      actor,
      action: "alerts.unmute",
      targetType: "certificate",
      targetId: cert.id,
      summary: `Lifted the alert mute on ${cert.subjectCn ?? cert.subject}`,
      details: { muteId: mute.id },
      at: now,
    });
    return { ...mute, liftedAt: now };
  });
}
