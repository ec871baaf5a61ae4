// Which alert band a date is in. A band is identified by a label ("30d", "expired") that goes
// into the delivery's dedupe key; urgency orders them (expired is the most urgent).
import { DAY_MS } from "@/lib/domain/expiry";

export const EXPIRED_BAND = "expired";

export type Band = {
  label: string;
  /** the band's days; 0 for expired */
  days: number;
  isExpired: boolean;
};

/**
 * The most urgent band `expiresAt` has crossed at `now`, or null when outside every band.
 * A certificate is valid through its notAfter instant (RFC 5280), so it is expired only once
 * now is strictly past it. Being within N days means ≤ N × 24 h left.
 */
export function currentBand(expiresAt: Date, now: Date, bands: readonly number[]): Band | null {
  const remainingMs = expiresAt.getTime() - now.getTime();
  if (remainingMs < 0) return { label: EXPIRED_BAND, days: 0, isExpired: true };
  let best: number | null = null;
  for (const days of bands) {
    if (remainingMs <= days * DAY_MS && (best === null || days < best)) best = days;
  }
  return best === null ? null : { label: bandLabel(best), days: best, isExpired: false };
}

export function bandLabel(days: number): string {
  return `${days}d`;
}
