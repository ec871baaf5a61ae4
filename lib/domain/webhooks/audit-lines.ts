// The SIEM stream's line: one audit event as one JSON object, with the hash-chain fields so a
// SIEM can check the chain itself (hash = SHA-256(prevHash || contentHash || seq), see
// docs/threat-model.md) and notice a gap in seq.
import type { ChainContent, ChainLink } from "@/lib/domain/audit-chain";

export type AuditStreamEvent = ChainContent & ChainLink;

export function auditJsonLine(e: AuditStreamEvent): string {
  let details: unknown;
  try {
    details = JSON.parse(e.detailsJson);
  } catch {
    details = e.detailsJson;
  }
  return JSON.stringify({
    type: "signet.audit",
    seq: e.seq,
    id: e.id,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    action: e.action,
    target: e.targetType ? { type: e.targetType, id: e.targetId } : null,
    summary: e.summary,
    details,
    ip: e.ip,
    chain: { seq: e.seq, contentHash: e.contentHash, prevHash: e.prevHash, hash: e.hash },
  });
}

/** The lines of a batch, newline-terminated (JSON Lines). */
export function auditJsonLines(events: AuditStreamEvent[]): string {
  return events.map((e) => `${auditJsonLine(e)}\n`).join("");
}
