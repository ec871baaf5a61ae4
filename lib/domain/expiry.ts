// Expiry arithmetic shared by the findings engine, the alert planner and the UI, so a certificate
// is "expiring in 12 days" in the same way everywhere.
import { defaultPolicy, type ExpiryBand, type FindingsPolicy } from "@/lib/domain/policy";
import type { Severity } from "@/lib/domain/severity";

export const DAY_MS = 86_400_000;

/** Whole days from now to date, rounded toward zero; negative once the date has passed. */
export function daysUntil(date: Date, now: Date): number {
  // "|| 0" turns -0 (an instant just past) into 0
  return Math.trunc((date.getTime() - now.getTime()) / DAY_MS) || 0;
}

/** Days (fractional) since date; negative when date is in the future. */
export function daysSince(date: Date, now: Date): number {
  return (now.getTime() - date.getTime()) / DAY_MS;
}

/** True when more than `limitDays` full days separate date from now (strictly more). */
export function isOlderThanDays(date: Date, now: Date, limitDays: number): boolean {
  return now.getTime() - date.getTime() > limitDays * DAY_MS;
}

/** UTC calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb) */
export function addMonthsUtc(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const targetDay = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(targetDay, lastDay));
  return d;
}

/** "in 12 days", "3 days ago", "today" (within 24 hours either way). Show with the absolute date. */
export function formatRelative(date: Date, now: Date): string {
  const n = daysUntil(date, now);
  if (n === 0) return "today";
  const unit = Math.abs(n) === 1 ? "day" : "days";
  return n > 0 ? `in ${n} ${unit}` : `${-n} ${unit} ago`;
}

export type ExpiryStateName = "expired" | "expiring" | "valid";

export type ExpiryState = {
  state: ExpiryStateName;
  /** whole days left (negative once expired), as daysUntil */
  daysLeft: number;
  /** the tightest alert band the certificate is in; null when expired or outside every band */
  band: ExpiryBand | null;
  /** the band's severity; null when not expiring */
  severity: Severity | null;
};

/**
 * A certificate is valid through its notAfter second (RFC 5280 validity is inclusive), so it is
 * expired only once now is past notAfter. It is "expiring" when the time left is within a band
 * (≤ withinDays × 24 h); the smallest matching band wins.
 */
export function expiryState(
  notAfter: Date,
  now: Date,
  options: { isCA: boolean; policy?: FindingsPolicy },
): ExpiryState {
  const policy = options.policy ?? defaultPolicy;
  const daysLeft = daysUntil(notAfter, now);
  const remainingMs = notAfter.getTime() - now.getTime();
  if (remainingMs < 0) return { state: "expired", daysLeft, band: null, severity: null };
  const band = expiryBandFor(remainingMs, options.isCA ? policy.expiry.caBands : policy.expiry.bands);
  if (!band) return { state: "valid", daysLeft, band: null, severity: null };
  return { state: "expiring", daysLeft, band, severity: band.severity };
}

/** The tightest band containing remainingMs, or null. Bands may come in any order. */
export function expiryBandFor(remainingMs: number, bands: readonly ExpiryBand[]): ExpiryBand | null {
  const sorted = [...bands].sort((a, b) => a.withinDays - b.withinDays);
  return sorted.find((b) => remainingMs <= b.withinDays * DAY_MS) ?? null;
}
