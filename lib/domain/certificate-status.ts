// The one status model for a certificate: every badge, filter, count, email and finding reads
// it from here. Pure: `now` and the alert policy are parameters.
//
// Precedence: revoked > superseded > keyless > expired > expiring > valid. A revoked certificate is
// never "valid"; a certificate a renewal replaced is history (superseded), not a red "expired"
// number. A Sigstore keyless certificate lives ten minutes by design: it is judged by the signing
// time its transparency-log entry proves (valid at signing), never by today's date, so it is
// "keyless" instead of expiring and then expired.
// revocation-unknown is a second dimension (the last revocation check failed), shown beside the
// status rather than replacing it.
import { DAY_MS } from "@/lib/domain/expiry";

export const CERTIFICATE_STATUSES = ["valid", "expiring", "expired", "superseded", "revoked", "keyless"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The alert policy's bands that decide "expiring": the widest band is when the first alert goes out. */
export type ExpiryBands = { signingBands: readonly number[]; caBands: readonly number[] };

export type CertificateStatusFacts = {
  notAfter: Date;
  isCA: boolean;
  revocationStatus: string;
  /** the notBefore of the renewal that superseded it (Certificate.supersededAt); null: nothing newer */
  supersededAt?: Date | null;
  /** a short-lived Sigstore/Fulcio certificate (Certificate.isKeyless, isKeylessCertificate) */
  isKeyless?: boolean;
};

export type CertificateStatusView = {
  status: CertificateStatus;
  /** the last revocation check failed: whether it is revoked is not known */
  isRevocationUnknown: boolean;
};

/** Days before notAfter from which a certificate counts as expiring (0 when the policy has no bands). */
export function expiringWithinDays(bands: ExpiryBands, options: { isCA: boolean }): number {
  const list = options.isCA ? bands.caBands : bands.signingBands;
  return list.length ? Math.max(...list) : 0;
}

/**
 * A renewal exists, even one whose validity starts later: once it is issued the old certificate
 * is on its way out, and its expiry is no longer something to act on.
 */
export function isSuperseded(supersededAt: Date | null | undefined): boolean {
  return !!supersededAt;
}

export function certificateStatus(cert: CertificateStatusFacts, now: Date, bands: ExpiryBands): CertificateStatus {
  if (cert.revocationStatus === "revoked") return "revoked";
  if (isSuperseded(cert.supersededAt)) return "superseded";
  if (cert.isKeyless) return "keyless";
  // valid through the notAfter second (RFC 5280 validity is inclusive)
  const remainingMs = cert.notAfter.getTime() - now.getTime();
  if (remainingMs < 0) return "expired";
  if (remainingMs <= expiringWithinDays(bands, { isCA: cert.isCA }) * DAY_MS) return "expiring";
  return "valid";
}

export function certificateStatusView(
  cert: CertificateStatusFacts,
  now: Date,
  bands: ExpiryBands,
): CertificateStatusView {
  return { status: certificateStatus(cert, now, bands), isRevocationUnknown: cert.revocationStatus === "unknown" };
}

/** Statuses that ask someone to act: the headline numbers count these. */
export function isActionable(status: CertificateStatus): boolean {
  return status === "expired" || status === "expiring" || status === "revoked";
}
