// Next.js start-up hook on the Node.js server: starts SQLite's WAL checkpoint thread (before any
// connection opens, so each sees it: lib/db/wal-checkpointer.ts), then the in-process job
// scheduler (expiry alert sweep, outbox sender and whatever else is registered) unless
// SIGNET_JOBS=off. Several instances may all run it: job leases keep each job to one instance at a time.
export async function register() {
  // the imports sit inside the check so the edge bundle never includes the database drivers
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startWalCheckpointer } = await import("@/lib/db/wal-checkpointer");
    try {
      startWalCheckpointer();
    } catch (error) {
      // the connections then checkpoint as SQLite does by default: slower commits now and then, nothing lost
      console.error("[signet] WAL checkpoint thread not started:", error instanceof Error ? error.message : error);
    }
    const { startInProcessJobs } = await import("@/lib/jobs/start-in-process");
    await startInProcessJobs();
  }
}
