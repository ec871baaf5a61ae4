import { type Db, withTransaction } from "@/lib/db/client";
import { chainHead, readChainPage } from "@/lib/db/audit/chain";
import { readSetting, writeSetting } from "@/lib/db/settings/settings";
import { enqueueDelivery, hasUndeliveredAuditBatch } from "@/lib/db/webhooks/deliveries";
import { advanceAuditCursor, subscriptionsFor } from "@/lib/db/webhooks/subscriptions";
import { auditJsonLines } from "@/lib/domain/webhooks/audit-lines";

// The audit log to a SIEM, as JSON Lines, without anyone polling Signet's API. The chain's seq is
// the stream's cursor: seq is given under the chain's lock, held until the writing transaction
// commits, so a committed event never appears behind the cursor. Two ways out:
// - webhook subscriptions with the "audit" event: each run cuts the events after the
//   subscription's cursor into one delivery (moving the cursor in the same transaction), which
//   the webhook sender delivers at least once with retries; a subscription's next batch waits
//   until the previous one is delivered or has failed, so batches arrive in order;
// - stdout (SIGNET_AUDIT_STREAM=stdout), for a log shipper: lines are written, then the cursor
//   (a setting) moves; a crash between the two repeats those lines, never skips them.

export const AUDIT_BATCH = 500;
const STDOUT_CURSOR_KEY = "audit.stream.stdout.cursor";

export async function cutAuditBatches(db: Db, options: { now: Date; limit?: number }): Promise<number> {
  let cut = 0;
  for (const s of await subscriptionsFor(db, ["audit"])) {
    if (await hasUndeliveredAuditBatch(db, s.id)) continue;
    const events = await readChainPage(db, { afterSeq: s.auditCursor, limit: options.limit ?? AUDIT_BATCH });
    if (events.length === 0) continue;
    const from = events[0].seq;
    const to = events[events.length - 1].seq;
    const isCut = await withTransaction(db, async (tx) => {
      if (!(await advanceAuditCursor(tx, s.id, s.auditCursor, to))) return false;
      await enqueueDelivery(
        tx,
        {
          subscriptionId: s.id,
          eventId: `audit_${s.id}_${from}-${to}`,
          eventType: "audit",
          payloadJson: auditJsonLines(events),
        },
        { now: options.now },
      );
      return true;
    });
    if (isCut) cut++;
  }
  return cut;
}

/** Writes the audit events after the stdout cursor as JSON lines; returns how many. */
export async function streamAuditToStdout(
  db: Db,
  options: { write?: (text: string) => void; limit?: number; maxPages?: number } = {},
): Promise<number> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  let cursor = await readSetting<number>(db, STDOUT_CURSOR_KEY);
  if (cursor === null) {
    // a new stream starts at the head: the log shipper asked for what happens from now on
    cursor = (await chainHead(db))?.seq ?? 0;
    await writeSetting(db, STDOUT_CURSOR_KEY, cursor);
  }
  let written = 0;
  for (let page = 0; page < (options.maxPages ?? 20); page++) {
    const events = await readChainPage(db, { afterSeq: cursor, limit: options.limit ?? AUDIT_BATCH });
    if (events.length === 0) break;
    write(auditJsonLines(events));
    cursor = events[events.length - 1].seq;
    await writeSetting(db, STDOUT_CURSOR_KEY, cursor);
    written += events.length;
  }
  return written;
}
