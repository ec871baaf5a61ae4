import { AUDIT_WINDOW_MS, auditOncePerWindow, bump, deleteCounter, digest, readCounter } from "./refusal-counter";
import { getDb, withTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/services/audit";

// Per-account sign-in throttling on top of better-auth's per-address limit, and aggregated audit
// rows for failed and throttled sign-ins. Counters live in better-auth's rateLimit table (shared by
// every app instance), keyed on a hash of the submitted email whether or not such a user exists,
// so the answer never tells an attacker which accounts exist.

/** failures before the account is locked; each further failure doubles the lock */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** failures older than this are forgotten */
const FAILURE_MEMORY_MS = 60 * 60_000;

/** How long an account stays locked after `failures` consecutive failed sign-ins. */
export function lockMsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES), MAX_LOCK_MS);
}

export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email && email.length <= 320 ? email : null;
}

const accountKey = (email: string) => `signet:sign-in-account:${digest(email)}`;

/** Milliseconds until the account may try again (0: not locked). */
export async function accountRetryAfterMs(email: string, now = Date.now()): Promise<number> {
  const c = await readCounter(accountKey(email));
  if (!c || now - c.at > FAILURE_MEMORY_MS) return 0;
  return Math.max(0, c.at + lockMsAfter(c.count) - now);
}

export async function recordFailedSignIn(email: string, ip: string | null, now = Date.now()) {
  const c = await bump(accountKey(email), now, (old) => now - old.at > FAILURE_MEMORY_MS);
  await auditAggregated("failed", email, ip, now);
  const lockMs = lockMsAfter(c.count);
  if (lockMs > 0) {
    await writeAudit(
      "auth.sign-in-locked",
      email,
      ip,
      `Sign-in for ${email} locked for ${Math.round(lockMs / 1000)} s after ${c.count} failed attempts`,
      {
        failures: c.count,
        lockSeconds: Math.round(lockMs / 1000),
      },
    );
  }
}

export async function recordThrottledSignIn(email: string | null, ip: string | null, now = Date.now()) {
  await auditAggregated("throttled", email ?? "(no email)", ip, now);
}

export async function clearFailedSignIns(email: string) {
  await deleteCounter(accountKey(email));
}

/** One audit row per account, address and kind of refusal per window (refusal-counter.ts). */
async function auditAggregated(kind: "failed" | "throttled", email: string, ip: string | null, now: number) {
  const action = kind === "failed" ? "auth.sign-in-failed" : "auth.sign-in-throttled";
  const verb = kind === "failed" ? "failed sign-in" : "throttled sign-in";
  await auditOncePerWindow(`signet:sign-in-audit:${kind}:${digest(`${email}\n${ip ?? ""}`)}`, now, {
    more: (more, lastAt) =>
      writeAudit(
        action,
        email,
        ip,
        `${more} more ${verb}${more === 1 ? "" : "s"} for ${email} in the window ending ${lastAt}`,
        {
          count: more,
          lastAt,
        },
      ),
    first: () =>
      writeAudit(action, email, ip, `${kind === "failed" ? "Failed" : "Throttled"} sign-in for ${email}`, {
        count: 1,
        windowMinutes: AUDIT_WINDOW_MS / 60_000,
      }),
  });
}

async function writeAudit(
  action: string,
  email: string,
  ip: string | null,
  summary: string,
  details: Record<string, unknown>,
) {
  await withTransaction(getDb(), async (tx) =>
    recordAudit(tx, {
      actor: { type: "anonymous", label: email.slice(0, 200) },
      action,
      targetType: "account",
      targetId: email.slice(0, 200),
      summary,
      details,
      ip,
    }),
  );
}
