// The lease discipline shared by the queues that instances drain together (the email outbox and
// the webhook deliveries): a row is due when it is pending, or was left "sending" by an instance
// whose lease ran out (it died mid-send), and its nextAttemptAt has come. Claiming is a
// conditional UPDATE whose affected row count says who won, the same on SQLite and PostgreSQL;
// each claim counts as an attempt, so a row that kills its sender every time still ends up
// failed instead of looping forever. Each queue keeps its own table and columns; the conditions,
// the claim loop and each move (claim, mark done, retry later, fail) with its lease columns live
// here.

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

/** A row done with (`status`: the queue's word for it, "sent", "delivered"): the lease and the last error go. */
export function doneAs(status: string) {
  return { status, ...LEASE_RELEASED, lastError: null };
}

/** A row handed back to the queue, to be tried again at nextAttemptAt. */
export function retryLater(nextAttemptAt: Date, error: string) {
  return { status: "pending", nextAttemptAt, lastError: error, ...LEASE_RELEASED };
}

/** A row put back in the queue by hand (a retry from the admin pages): due now, with fresh attempts. */
export function requeuedAt(now: Date) {
  return { status: "pending", nextAttemptAt: now, attempts: 0, ...LEASE_RELEASED };
}

/** A row the queue gives up on. */
export function failedForGood(error: string) {
  return { status: "failed", lastError: error, ...LEASE_RELEASED };
}

type ClaimData = { status: string; leaseOwner: string; leaseUntil: Date; attempts: { increment: number } };

/** What a claim runs on a queue's own table: its Prisma delegate (db.outboxMessage, db.webhookDelivery). */
type QueueTable = {
  findMany(args: {
    where: ReturnType<typeof dueWhere>;
    orderBy: typeof DUE_ORDER;
    select: { id: true };
    take: number;
  }): PromiseLike<{ id: string }[]>;
  updateMany(args: {
    where: ReturnType<typeof dueWhere> & { id: string };
    data: ClaimData;
  }): PromiseLike<{ count: number }>;
};

/**
 * Claims up to `limit` due rows of `table` for `owner` until now + leaseMs, and reads them with
 * `read`, oldest first, as far as this owner still holds them.
 */
export async function claimDue<Row>(
  table: QueueTable,
  options: LeaseOptions,
  read: (where: { id: { in: string[] }; leaseOwner: string }, orderBy: { createdAt: "asc" }) => Promise<Row[]>,
): Promise<Row[]> {
  const where = dueWhere(options.now);
  // a few spares: another instance may win some of them
  const candidates = await table.findMany({ where, orderBy: DUE_ORDER, select: { id: true }, take: options.limit * 2 });
  const data: ClaimData = {
    status: "sending",
    leaseOwner: options.owner,
    leaseUntil: new Date(options.now.getTime() + options.leaseMs),
    attempts: { increment: 1 },
  };
  const claimed: string[] = [];
  for (const { id } of candidates) {
    if (claimed.length >= options.limit) break;
    const r = await table.updateMany({ where: { ...where, id }, data });
    if (r.count === 1) claimed.push(id);
  }
  if (claimed.length === 0) return [];
  return read({ id: { in: claimed }, leaseOwner: options.owner }, { createdAt: "asc" });
}

/** What the moves below run on: a queue's Prisma delegate. */
type QueueMoves = {
  updateMany(args: {
    where: ReturnType<typeof heldBy> | { id: string; status: { not: string } };
    data: Record<string, unknown>;
  }): PromiseLike<{ count: number }>;
};

/** The columns of a queue's own table, as its updateMany takes them. */
type ColumnsOf<T> = T extends { updateMany(args: { data: infer D }): unknown } ? D : never;

/**
 * Marks a row done (`status`: the queue's word for it) with the queue's own columns in `data`. Not
 * conditional on still holding the lease: once the receiver accepted it, it IS done, whoever
 * else may have claimed it since.
 */
export async function markDone<T extends QueueMoves>(table: T, id: string, status: string, data: ColumnsOf<T>) {
  await table.updateMany({ where: { id, status: { not: status } }, data: { ...doneAs(status), ...data } });
}

/** Hands a row this owner still holds back to the queue, to be tried again at nextAttemptAt. */
export async function markRetry<T extends QueueMoves>(
  table: T,
  held: { id: string; owner: string; nextAttemptAt: Date; error: string },
  data?: ColumnsOf<T>,
): Promise<void> {
  await table.updateMany({
    where: heldBy(held.id, held.owner),
    data: { ...retryLater(held.nextAttemptAt, held.error), ...data },
  });
}

/** Gives up on a row this owner still holds; false when it no longer holds it. */
export async function markFailed<T extends QueueMoves>(
  table: T,
  held: { id: string; owner: string; error: string },
  data?: ColumnsOf<T>,
): Promise<boolean> {
  const r = await table.updateMany({
    where: heldBy(held.id, held.owner),
    data: { ...failedForGood(held.error), ...data },
  });
  return r.count === 1;
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
