import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { createAccessLinkRow } from "@/lib/db/tokens/access-links";
import { APPROVAL_LINK_PURPOSE } from "@/lib/domain/approvals";
import { ACCESS_LINK_PURPOSE, ACCESS_LINK_TTL_DAYS, DAY_MS } from "@/lib/domain/attestation";

// A single-use, expiring link to one person's attestation tasks. 32 random bytes; only the
// SHA-256 is stored, so the database (or a backup of it) cannot be used to forge a visit.

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueAccessLink(
  tx: Tx,
  options: {
    personId: string;
    campaignId: string | null;
    now: Date;
    baseUrl: string;
    ttlDays?: number;
    /** an approval mail's link opens that request (/approve/<token>) instead of attestation tasks */
    approvalRequestId?: string;
    expiresAt?: Date;
  },
) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt =
    options.expiresAt ?? new Date(options.now.getTime() + (options.ttlDays ?? ACCESS_LINK_TTL_DAYS) * DAY_MS);
  const isApproval = options.approvalRequestId !== undefined;
  const row = await createAccessLinkRow(tx, {
    tokenHash: hashAccessToken(token),
    personId: options.personId,
    purpose: isApproval ? APPROVAL_LINK_PURPOSE : ACCESS_LINK_PURPOSE,
    campaignId: options.campaignId,
    approvalRequestId: options.approvalRequestId ?? null,
    expiresAt,
    now: options.now,
  });
  return {
    id: row.id,
    url: `${options.baseUrl.replace(/\/+$/, "")}/${isApproval ? "approve" : "attest"}/${token}`,
    expiresAt,
  };
}
