import { linkPending } from "@/lib/db/audit/chain";
import { registerJob } from "./registry";

export const AUDIT_LINK_JOB = "audit.link";

/**
 * Links the audit events written pending (a gate decision's) that no process's sequencer linked:
 * it stopped or failed between the write and the link (lib/services/audit-sequencer.ts links them
 * moments after each write). Every minute, so verification's 10-minute allowance for pending events
 * (verify-audit-chain.ts) is never reached while the scheduler runs.
 */
export function registerAuditLinkJob(): void {
  registerJob({
    name: AUDIT_LINK_JOB,
    description: "Links audit events written pending (gate decisions) into the hash chain",
    intervalMs: 60_000,
    run: async (db) => ({ linked: await linkPending(db) }),
  });
}
