// When could a subject's findings change with nothing written? Each time-based rule (and each
// time-based choice the input loaders make, such as "signed within the activity window") flips at
// an instant derived from the subject's dates and the same policy the rules use. The findings job
// stores the earliest such instant after `now` (nextEvaluationAt) and re-evaluates a subject only
// once it has passed. Earlier than needed is harmless (one extra evaluation); later would leave a
// finding stale, so every comparison below mirrors the rule's own, boundary included.
import { DAY_MS } from "@/lib/domain/expiry";
import { keyBirth } from "@/lib/domain/findings/key-rules";
import { drillRequirement } from "@/lib/domain/findings/signer-drill-rules";
import type { CertificateRuleInput, EvaluationContext, KeyInput, SignerInput } from "@/lib/domain/findings/types";

/** isOlderThanDays(date, now, days) turns true one millisecond after date + days. */
function olderThan(date: Date | null | undefined, days: number): number | null {
  return date ? date.getTime() + days * DAY_MS + 1 : null;
}

/** The earliest candidate strictly after now, or null when nothing time-based is pending. */
function earliestAfter(now: Date, candidates: (number | null)[]): Date | null {
  let best = Infinity;
  for (const t of candidates) if (t !== null && t > now.getTime() && t < best) best = t;
  return best === Infinity ? null : new Date(best);
}

/**
 * cert.expired / isCurrent (now > notAfter), cert.expiring bands (remaining ≤ withinDays),
 * cert.revocation-unknown (status older than unknownAfterDays), and the activity window of a
 * signature made after expiry. A CA's in-use count depends on its children's expiry: the job
 * re-evaluates the issuers of every certificate it re-evaluates.
 */
export function certificateNextEvaluationAt(c: CertificateRuleInput, ctx: EvaluationContext): Date | null {
  const { policy } = ctx;
  const notAfter = c.notAfter.getTime();
  const bands = c.isCA ? policy.expiry.caBands : policy.expiry.bands;
  return earliestAfter(ctx.now, [
    notAfter + 1,
    ...bands.map((b) => notAfter - b.withinDays * DAY_MS),
    olderThan(c.revocationCheckedAt ?? c.importedAt, policy.revocation.unknownAfterDays),
    olderThan(c.latestSigningAt, policy.signers.activityWindowDays),
  ]);
}

/**
 * key.rotation-overdue (age past rotationMaxAgeDays), the loader's "in use" (a signer's
 * certificate counts while unexpired), and key.env-mixing's activity window.
 */
export function keyNextEvaluationAt(k: KeyInput, ctx: EvaluationContext): Date | null {
  const { policy } = ctx;
  return earliestAfter(ctx.now, [
    olderThan(keyBirth(k).at, policy.keys.rotationMaxAgeDays),
    ...k.certificates.map((c) => c.notAfter.getTime() + 1),
    ...(k.signingEnvironmentsLastAt ?? []).map((at) => olderThan(at, policy.signers.activityWindowDays)),
  ]);
}

/**
 * signer.stale (idle past staleAfterDays while holding a valid certificate), signer.overprivileged
 * (grants unused past unusedGrantDays), signer.human-use and signer.env-mixing (activity window),
 * signer.credential-expiring (within credentialExpiringDays, then expired) and
 * signer.attestation-overdue (past the campaign's due date) and signer.drill-overdue (the drill
 * interval of its environment class, from its last drill or its registration).
 */
export function signerNextEvaluationAt(s: SignerInput, ctx: EvaluationContext): Date | null {
  const { policy } = ctx;
  const window = policy.signers.activityWindowDays;
  const drill = drillRequirement(s, policy);
  return earliestAfter(ctx.now, [
    olderThan(s.lastUsedAt ?? s.createdAt, policy.signers.staleAfterDays),
    ...(s.certificateValidity ?? []).flatMap((c) => [c.notBefore.getTime(), c.notAfter.getTime() + 1]),
    ...s.privileges
      .filter((p) => !p.removedAt)
      .flatMap((p) => [
        olderThan(p.lastExercisedAt ?? p.grantedAt, policy.signers.unusedGrantDays),
        p.isJustInTime ? null : olderThan(p.lastExercisedAt ?? p.grantedAt, policy.signers.standingGrantUnusedDays),
      ]),
    ...s.recentSigning.interactiveEvents.map((e) => olderThan(e.signedAt, window)),
    ...(s.recentSigning.environmentsLastAt ?? []).map((at) => olderThan(at, window)),
    // each credential's own crossings: it enters the window, then it expires
    ...s.credentials.flatMap((c) =>
      c.expiresAt
        ? [c.expiresAt.getTime() - policy.signers.credentialExpiringDays * DAY_MS, c.expiresAt.getTime() + 1]
        : [],
    ),
    ...s.overdueAttestations.flatMap((a) => [a.dueAt.getTime() + 1, a.escalatedAt?.getTime() ?? null]),
    drill.everyDays === null ? null : olderThan(drill.since, drill.everyDays),
  ]);
}
