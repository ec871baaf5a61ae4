// Next.js start-up hook: starts the in-process job scheduler (expiry alert sweep, outbox sender
// and whatever else is registered) on the Node.js server unless SIGNET_JOBS=off. Several
// instances may all run it: job leases keep each job to one instance at a time.
export async function register() {
  // the import sits inside the check so the edge bundle never includes the database drivers
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInProcessJobs } = await import("@/lib/jobs/start-in-process");
    await startInProcessJobs();
  }
}
