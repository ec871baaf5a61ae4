// The shape of an audit event as the hash chain sees it (lib/db/audit/chain.ts hashes it, the SIEM
// stream in lib/domain/webhooks/audit-lines.ts prints it): declared once, here, so both agree.

/** The fields of an event that its content hash covers. */
export type ChainContent = {
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  detailsJson: string;
  ip: string | null;
};

export type ChainLink = { seq: number; contentHash: string; prevHash: string; hash: string };
