// The lease discipline shared by the queues that instances drain together (the email outbox and
// the webhook deliveries): a row is due when it is pending, or was left "sending" by an instance
// whose lease ran out (it died mid-send), and its nextAttemptAt has come. Claiming is a
// conditional UPDATE whose affected row count says who won, the same on SQLite and PostgreSQL;
// each claim counts as an attempt, so a row that kills its sender every time still ends up
// failed instead of looping forever. Each queue keeps its own table and columns; only the
// conditions and the claim loop live here.

export type LeaseOptions = { owner: string; now: Date; leaseMs: number; limit: number };

/** The WHERE of a row this instance may claim now. */
export function dueWhere(now: Date) {
  return {
    status: { in: ["pending", "sending"] },
    nextAttemptAt: { lte: now },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
}

/** Oldest due first. */
export const DUE_ORDER = [{ nextAttemptAt: "asc" as const }, { createdAt: "asc" as const }];

/** The WHERE of a row still held by this owner: retry and failure only touch rows they hold. */
export function heldBy(id: string, owner: string) {
  return { id, leaseOwner: owner, status: "sending" };
}

/** The columns that end a lease, whatever the outcome. */
export const LEASE_RELEASED = { leaseOwner: null, leaseUntil: null };

/**
 * Claims up to `limit` due rows for `owner` until now + leaseMs and returns their ids. `table`
 * runs the two statements on the queue's own table (a Prisma delegate's findMany/updateMany).
 */
export async function claimDueIds(
  options: LeaseOptions,
  table: {
    candidates: (where: ReturnType<typeof dueWhere>, take: number) => Promise<{ id: string }[]>;
    claim: (
      where: ReturnType<typeof dueWhere> & { id: string },
      data: { status: string; leaseOwner: string; leaseUntil: Date; attempts: { increment: number } },
    ) => Promise<{ count: number }>;
  },
): Promise<string[]> {
  const where = dueWhere(options.now);
  // a few spares: another instance may win some of them
  const candidates = await table.candidates(where, options.limit * 2);
  const data = {
    status: "sending",
    leaseOwner: options.owner,
    leaseUntil: new Date(options.now.getTime() + options.leaseMs),
    attempts: { increment: 1 },
  };
  const claimed: string[] = [];
  for (const { id } of candidates) {
    if (claimed.length >= options.limit) break;
    const r = await table.claim({ ...where, id }, data);
    if (r.count === 1) claimed.push(id);
  }
  return claimed;
}

/**
 * The sender's loop: claim up to `concurrency` rows at a time and handle them together, until
 * `batchSize` rows were handled or nothing is due.
 */
export async function drainLeased<T>(options: {
  batchSize: number;
  concurrency: number;
  claim: (limit: number) => Promise<T[]>;
  handle: (row: T) => Promise<void>;
}): Promise<void> {
  const concurrency = Math.max(1, options.concurrency);
  let handled = 0;
  while (handled < options.batchSize) {
    const claimed = await options.claim(Math.min(concurrency, options.batchSize - handled));
    if (claimed.length === 0) break;
    handled += claimed.length;
    await Promise.all(claimed.map((row) => options.handle(row)));
  }
}
