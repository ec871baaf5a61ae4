// A separate process appending audit events (the chain's concurrency test runs several, as
// several app instances would): `node --import tsx lib/testing/audit-writer.ts <url> <count> <label> <start at, epoch ms>`.
// Separate processes, because better-sqlite3 waits for a lock synchronously: two connections in
// one Node thread would wait on each other's event loop instead of on the database.
import { closeDb, createDb, withTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/services/audit";

const [url, count, label, startAt] = process.argv.slice(2);
const db = createDb(url);
await db.auditEvent.count(); // connect first
// every writer starts at the same instant, however long its process took to start
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (let i = 1; i <= Number(count); i++) {
  await withTransaction(db, async (tx) => {
    await recordAudit(tx, { actor: { type: "system", label }, action: "test.concurrent", summary: `${label} #${i}` });
    // hold the chain's lock a moment after appending: the other writers must queue behind the commit
    await new Promise((resolve) => setTimeout(resolve, 2));
  });
  // a pause between transactions: SQLite's busy wait is not fair, and a writer that asks again at
  // once would take the lock back before the waiting ones wake
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await closeDb(db);
