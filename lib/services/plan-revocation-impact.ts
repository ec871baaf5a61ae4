// Which signing events a revocation of this certificate at `revocationDate` would invalidate.
import { notFound } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { findVisibleCertificate, listSigningEventsForImpact } from "@/lib/db/revocation/revocation";
import type { ScopeUser } from "@/lib/db/scope";
import { computeRevocationImpact, type RevocationImpact } from "@/lib/domain/revocation-impact";

export type RevocationImpactReport = RevocationImpact & {
  certificate: {
    id: string;
    subject: string;
    subjectCn: string | null;
    serialHex: string;
    revocationStatus: string;
    revokedAt: Date | null;
  };
};

/** `user` null: no owner scoping (system callers). Invisible certificates are "not found". */
export async function planRevocationImpact(
  db: Db,
  input: { certificateId: string; revocationDate: Date; user: ScopeUser | null },
): Promise<RevocationImpactReport> {
  const certificate = await findVisibleCertificate(db, input.certificateId, input.user);
  if (!certificate) throw notFound("Certificate");
  const events = await listSigningEventsForImpact(db, certificate.id);
  return { ...computeRevocationImpact(certificate.id, events, input.revocationDate), certificate };
}
