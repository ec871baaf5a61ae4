const DAY_MS = 86_400_000;

export type CertificateState = "revoked" | "expired" | "expiring" | "valid";

/** The one-word state shown beside a certificate: revoked wins, then expiry. */
export function certificateState(
  cert: { notAfter: Date; revocationStatus: string; isCA?: boolean },
  now: Date,
  options: { expiringWithinDays?: number } = {},
): CertificateState {
  if (cert.revocationStatus === "revoked") return "revoked";
  if (cert.notAfter.getTime() < now.getTime()) return "expired";
  const within = options.expiringWithinDays ?? (cert.isCA ? 180 : 30);
  if (cert.notAfter.getTime() - now.getTime() <= within * DAY_MS) return "expiring";
  return "valid";
}
