import type { Db } from "@/lib/db/client";
import { parseStringArray } from "@/lib/db/certificates/columns";
import { chunks } from "@/lib/db/sql";
import type { ProfileContext } from "@/lib/domain/findings/profile-selection";

// What chooses a certificate's profile beyond the certificate itself (lib/domain/findings/
// profile-selection.ts): the policies and names of its issuing CA, whether it carries Fulcio
// claims, and what its signers sign (read with the signer links). One set-based read per batch.

export type ProfileRow = {
  id: string;
  issuerCertId: string | null;
  hasFulcioClaims: boolean;
  /** the artifact types its signers declare (each signer's artifactTypesJson) */
  signerArtifactTypesJson: (string | null)[];
};

export async function loadProfileContexts(db: Db, rows: ProfileRow[]): Promise<Map<string, ProfileContext>> {
  const issuerIds = [...new Set(rows.map((r) => r.issuerCertId).filter((id): id is string => id !== null))];
  const issuers = new Map<string, { subject: string; issuer: string; policies: string[] }>();
  for (const ids of chunks(issuerIds)) {
    const found = await db.certificate.findMany({
      where: { id: { in: ids } },
      select: { id: true, subject: true, issuer: true, policiesJson: true },
    });
    for (const c of found) {
      issuers.set(c.id, { subject: c.subject, issuer: c.issuer, policies: parseStringArray(c.policiesJson) });
    }
  }
  const out = new Map<string, ProfileContext>();
  for (const r of rows) {
    const issuer = r.issuerCertId ? issuers.get(r.issuerCertId) : undefined;
    out.set(r.id, {
      issuerPolicies: issuer?.policies ?? [],
      // the issuer's own subject is the certificate's issuer DN; its issuer is one level further up
      chainNames: issuer && issuer.issuer !== issuer.subject ? [issuer.issuer] : [],
      hasFulcioClaims: r.hasFulcioClaims,
      artifactTypes: [...new Set(r.signerArtifactTypesJson.flatMap(parseStringArray))],
    });
  }
  return out;
}
