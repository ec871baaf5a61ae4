import fs from "node:fs";
import { withTransaction, type Db } from "@/lib/db/client";
import { chainHead } from "@/lib/db/audit/chain";
import { latestAuditEventOf } from "@/lib/db/audit/list";
import { recordAudit, type Actor } from "./audit";
import { anchorTargetsFrom, readAnchorFile } from "./anchor-audit-chain";
import { verifyAuditChain, type AuditAnchor, type AuditChainReport } from "./verify-audit-chain";

// The audit page's chain panel: the head, the last verification and the last anchor, and
// "Verify now", which walks the chain and records what it found (who verified, and when, is
// itself worth an auditor's knowing).

export type AuditChainStatus = {
  head: { seq: number; hash: string; at: string } | null;
  lastVerification: { at: string; by: string; report: Partial<AuditChainReport> } | null;
  lastAnchor: { at: string; seq: number; hash: string } | null;
  /** the anchor file the server checks against (SIGNET_AUDIT_ANCHOR_FILE), when it exists */
  anchorFile: string | null;
};

export async function auditChainStatus(db: Db): Promise<AuditChainStatus> {
  const [head, verified, anchored] = await Promise.all([
    chainHead(db),
    latestAuditEventOf(db, "audit.verified"),
    latestAuditEventOf(db, "audit.anchored"),
  ]);
  return {
    head: head ? { seq: head.seq, hash: head.hash, at: head.at.toISOString() } : null,
    lastVerification: verified ? { at: verified.at, by: verified.actorLabel, report: verified.details } : null,
    lastAnchor: anchored
      ? { at: anchored.at, seq: Number(anchored.details.seq), hash: String(anchored.details.hash) }
      : null,
    anchorFile: existingAnchorFile(),
  };
}

function existingAnchorFile(): string | null {
  const file = anchorTargetsFrom(process.env).file;
  return file && fs.existsSync(file) ? file : null;
}

/** Verifies the chain (against the configured anchor file, if any) and records the outcome. */
export async function verifyAuditChainNow(db: Db, actor: Actor): Promise<AuditChainReport> {
  const file = existingAnchorFile();
  const anchors: AuditAnchor[] = file ? readAnchorFile(file) : [];
  const report = await verifyAuditChain(db, { anchors });
  const { anchors: checked, missing, ...rest } = report;
  await withTransaction(db, (tx) =>
    recordAudit(tx, {
      actor,
      action: "audit.verified",
      targetType: "audit-chain",
      targetId: String(report.head?.seq ?? 0),
      summary: report.isIntact
        ? `Audit chain verified: ${report.checked} events intact up to seq ${report.verifiedUpToSeq}`
        : `Audit chain BROKEN: ${report.firstBreak?.message ?? `${report.unchained} event(s) outside the chain`}`,
      details: { ...rest, missing: missing.slice(0, 20), anchorsChecked: checked.length },
    }),
  );
  return report;
}
