import { createHash } from "node:crypto";
import { getAuth } from "./auth";
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
/** one audit row per account, address and kind of refusal per window, carrying the count */
export const AUDIT_WINDOW_MS = 15 * 60_000;

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

type Counter = { key: string; count: number; lastRequest: number | bigint };
const MODEL = "rateLimit";
const digest = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);
const accountKey = (email: string) => `signet:sign-in-account:${digest(email)}`;

async function adapter() {
  return (await getAuth().$context).adapter;
}

async function readCounter(key: string): Promise<{ count: number; at: number } | null> {
  const row = await (await adapter()).findOne<Counter>({ model: MODEL, where: [{ field: "key", value: key }] });
  return row ? { count: row.count, at: Number(row.lastRequest) } : null;
}

/** Adds one to the counter (atomically), or starts it at 1 when missing or `isStale`. */
async function bump(key: string, now: number, isStale: (c: { count: number; at: number }) => boolean) {
  const db = await adapter();
  const current = await readCounter(key);
  if (current && !isStale(current)) {
    const row = await db.incrementOne<Counter>({ model: MODEL, where: [{ field: "key", value: key }], increment: { count: 1 }, set: { lastRequest: now } });
    if (row) return { count: row.count, at: Number(row.lastRequest), previous: null };
  }
  if (current) await db.delete({ model: MODEL, where: [{ field: "key", value: key }] });
  try {
    await db.create<Counter>({ model: MODEL, data: { key, count: 1, lastRequest: now } });
  } catch {
    // another instance created it first: count on top of theirs
    const row = await db.incrementOne<Counter>({ model: MODEL, where: [{ field: "key", value: key }], increment: { count: 1 } });
    return { count: row?.count ?? 1, at: Number(row?.lastRequest ?? now), previous: current };
  }
  return { count: 1, at: now, previous: current };
}

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
    await writeAudit("auth.sign-in-locked", email, ip, `Sign-in for ${email} locked for ${Math.round(lockMs / 1000)} s after ${c.count} failed attempts`, {
      failures: c.count,
      lockSeconds: Math.round(lockMs / 1000),
    });
  }
}

export async function recordThrottledSignIn(email: string | null, ip: string | null, now = Date.now()) {
  await auditAggregated("throttled", email ?? "(no email)", ip, now);
}

export async function clearFailedSignIns(email: string) {
  await (await adapter()).deleteMany({ model: MODEL, where: [{ field: "key", value: accountKey(email) }] });
}

/**
 * The first refusal of a window writes a row at once; later ones in the same window only count,
 * and the next window's first refusal writes how many the previous window held beyond its first.
 */
async function auditAggregated(kind: "failed" | "throttled", email: string, ip: string | null, now: number) {
  const key = `signet:sign-in-audit:${kind}:${digest(`${email}\n${ip ?? ""}`)}`;
  const c = await bump(key, now, (old) => now - old.at > AUDIT_WINDOW_MS);
  if (c.count !== 1) return;
  const action = kind === "failed" ? "auth.sign-in-failed" : "auth.sign-in-throttled";
  const verb = kind === "failed" ? "failed sign-in" : "throttled sign-in";
  if (c.previous && c.previous.count > 1) {
    const more = c.previous.count - 1;
    await writeAudit(action, email, ip, `${more} more ${verb}${more === 1 ? "" : "s"} for ${email} in the window ending ${new Date(c.previous.at).toISOString()}`, {
      count: more,
      lastAt: new Date(c.previous.at).toISOString(),
    });
  }
  await writeAudit(action, email, ip, `${kind === "failed" ? "Failed" : "Throttled"} sign-in for ${email}`, { count: 1, windowMinutes: AUDIT_WINDOW_MS / 60_000 });
}

async function writeAudit(action: string, email: string, ip: string | null, summary: string, details: Record<string, unknown>) {
  await withTransaction(getDb(), async (tx) =>
    recordAudit(tx, { actor: { type: "anonymous", label: email.slice(0, 200) }, action, targetType: "account", targetId: email.slice(0, 200), summary, details, ip }),
  );
}
