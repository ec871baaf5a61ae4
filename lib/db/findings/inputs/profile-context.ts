import type { Db } from "@/lib/db/client";
import { parseStringArray } from "@/lib/db/certificates/columns";
import { chunks } from "@/lib/db/sql";
import type { ProfileContext } from "@/lib/domain/findings/profile-selection";

// What chooses a certificate's profile beyond the certificate itself (lib/domain/findings/
// profile-selection.ts): the policies and names of its issuing CA, whether it carries Fulcio
// claims, and what its signers sign. Two set-based reads per batch.

export type ProfileRow = { id: string; issuerCertId: string | null; hasFulcioClaims: boolean; signerIds: string[] };

export async function loadProfileContexts(db: Db, rows: ProfileRow[]): Promise<Map<string, ProfileContext>> {
  const issuerIds = [...new Set(rows.map((r) => r.issuerCertId).filter((id): id is string => id !== null))];
  const signerIds = [...new Set(rows.flatMap((r) => r.signerIds))];
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
  const artifactTypes = new Map<string, string[]>();
  for (const ids of chunks(signerIds)) {
    const found = await db.signer.findMany({
      where: { id: { in: ids } },
      select: { id: true, artifactTypesJson: true },
    });
    for (const s of found) artifactTypes.set(s.id, parseStringArray(s.artifactTypesJson));
  }
  const out = new Map<string, ProfileContext>();
  for (const r of rows) {
    const issuer = r.issuerCertId ? issuers.get(r.issuerCertId) : undefined;
    out.set(r.id, {
      issuerPolicies: issuer?.policies ?? [],
      // the issuer's own subject is the certificate's issuer DN; its issuer is one level further up
      chainNames: issuer && issuer.issuer !== issuer.subject ? [issuer.issuer] : [],
      hasFulcioClaims: r.hasFulcioClaims,
      artifactTypes: [...new Set(r.signerIds.flatMap((id) => artifactTypes.get(id) ?? []))],
    });
  }
  return out;
}
