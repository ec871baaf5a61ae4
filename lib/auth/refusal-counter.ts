import { createHash } from "node:crypto";
import { getAuth } from "./auth";

// Counters for refusals (failed sign-ins, throttled sign-ins, requests with unknown API tokens),
// kept in better-auth's rateLimit table so every app instance shares them, and the aggregation
// that writes one audit row per key and window instead of one per refusal: a flood cannot fill
// the audit log, and the log still says how many there were.

/** one audit row per key (account, address, kind of refusal) per window, carrying the count */
export const AUDIT_WINDOW_MS = 15 * 60_000;

type Counter = { key: string; count: number; lastRequest: number | bigint };
const MODEL = "rateLimit";
export const digest = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

export async function adapter() {
  return (await getAuth().$context).adapter;
}

export async function readCounter(key: string): Promise<{ count: number; at: number } | null> {
  const row = await (await adapter()).findOne<Counter>({ model: MODEL, where: [{ field: "key", value: key }] });
  return row ? { count: row.count, at: Number(row.lastRequest) } : null;
}

/** Adds one to the counter (atomically), or starts it at 1 when missing or `isStale`. */
export async function bump(key: string, now: number, isStale: (c: { count: number; at: number }) => boolean) {
  const db = await adapter();
  const current = await readCounter(key);
  if (current && !isStale(current)) {
    const row = await db.incrementOne<Counter>({
      model: MODEL,
      where: [{ field: "key", value: key }],
      increment: { count: 1 },
      set: { lastRequest: now },
    });
    if (row) return { count: row.count, at: Number(row.lastRequest), previous: null };
  }
  if (current) await db.delete({ model: MODEL, where: [{ field: "key", value: key }] });
  try {
    await db.create<Counter>({ model: MODEL, data: { key, count: 1, lastRequest: now } });
  } catch {
    // another instance created it first: count on top of theirs
    const row = await db.incrementOne<Counter>({
      model: MODEL,
      where: [{ field: "key", value: key }],
      increment: { count: 1 },
    });
    return { count: row?.count ?? 1, at: Number(row?.lastRequest ?? now), previous: current };
  }
  return { count: 1, at: now, previous: current };
}

/**
 * The first refusal of a window writes a row at once (`first`); later ones in the same window only
 * count, and the next window's first refusal also writes how many the previous window held beyond
 * its first (`more`).
 */
export async function auditOncePerWindow(
  key: string,
  now: number,
  write: { first: () => Promise<void>; more: (count: number, lastAt: string) => Promise<void> },
): Promise<void> {
  const c = await bump(key, now, (old) => now - old.at > AUDIT_WINDOW_MS);
  if (c.count !== 1) return;
  if (c.previous && c.previous.count > 1) await write.more(c.previous.count - 1, new Date(c.previous.at).toISOString());
  await write.first();
}

export async function deleteCounter(key: string): Promise<void> {
  await (await adapter()).deleteMany({ model: MODEL, where: [{ field: "key", value: key }] });
}
