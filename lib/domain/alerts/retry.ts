// Retry schedule for outgoing mail: exponential backoff (1, 5, 25, 125 min, then every 6 h),
// then give up so a permanently broken address does not retry forever.

export const MAX_MAIL_ATTEMPTS = 8;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** Delay before the next attempt after `attempts` failed ones (attempts ≥ 1). */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 5 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export type MailOutcome = { kind: "sent" } | { kind: "retry"; nextAttemptAt: Date } | { kind: "failed" };

/** What to do with a message after an attempt failed. */
export function afterMailFailure(options: {
  attempts: number;
  isPermanent: boolean;
  now: Date;
  maxAttempts?: number;
}): MailOutcome {
  if (options.isPermanent || options.attempts >= (options.maxAttempts ?? MAX_MAIL_ATTEMPTS)) return { kind: "failed" };
  return { kind: "retry", nextAttemptAt: new Date(options.now.getTime() + mailRetryDelayMs(options.attempts)) };
}
