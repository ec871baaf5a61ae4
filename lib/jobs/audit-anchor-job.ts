import { anchorAuditChain, anchorTargetsFrom } from "@/lib/services/anchor-audit-chain";
import { registerJob } from "./registry";

export const AUDIT_ANCHOR_JOB = "audit.anchor";

/**
 * Exports the audit chain's head hourly to SIGNET_AUDIT_ANCHOR_FILE (appended, JSON Lines) and/or
 * POSTs it to SIGNET_AUDIT_ANCHOR_URL, so that `signet audit verify` can tell a log cut short from
 * a shorter one. Registered only when one of them is set.
 */
export function registerAuditAnchorJob(env: Record<string, string | undefined> = process.env): void {
  const targets = anchorTargetsFrom(env);
  if (!targets.file && !targets.webhookUrl) return;
  registerJob({
    name: AUDIT_ANCHOR_JOB,
    description: "Exports the audit log's hash-chain head to the configured anchor file or webhook",
    intervalMs: 60 * 60_000,
    run: async (db, { now }) =>
      (await anchorAuditChain(db, { targets, actor: { type: "system", label: "audit.anchor job" }, now })) ?? {
        skipped: "the audit log is empty",
      },
  });
}
