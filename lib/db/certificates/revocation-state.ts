import type { DbOrTx } from "@/lib/db/client";
import { refreshLineage } from "./lineage";

// The revocation columns of a certificate, as the live checks and recorded revocations read and
// write them (lib/db/revocation owns the requests and the CRL cache, not these columns).

export type RevocationState = {
  revocationStatus: "good" | "revoked" | "unknown" | "unchecked";
  revocationReason: string | null;
  revokedAt: Date | null;
  revocationCheckedAt: Date | null;
  revocationSource: "ocsp" | "crl" | "recorded" | null;
  revocationThisUpdate: Date | null;
  revocationNextUpdate: Date | null;
  revocationError: string | null;
};

const stateSelect = {
  revocationStatus: true,
  revocationReason: true,
  revokedAt: true,
  revocationCheckedAt: true,
  revocationSource: true,
  revocationThisUpdate: true,
  revocationNextUpdate: true,
  revocationError: true,
} as const;

export async function findRevocationState(db: DbOrTx, certificateId: string): Promise<RevocationState | null> {
  const row = await db.certificate.findUnique({ where: { id: certificateId }, select: stateSelect });
  return row as RevocationState | null;
}

export async function updateRevocationState(
  db: DbOrTx,
  certificateId: string,
  state: Partial<RevocationState>,
): Promise<void> {
  await db.certificate.update({ where: { id: certificateId }, data: state, select: { id: true } });
  // revoked or no longer revoked: the lineage around it changes (a revoked renewal supersedes nothing)
  if (state.revocationStatus !== undefined) await refreshLineage(db, { certificateIds: [certificateId] });
}
