import type { Db, DbOrTx } from "@/lib/db/client";
import { chunks } from "@/lib/db/sql";

/** Ids of the issuers above these certificates (any depth): their in-use counts depend on them. */
export async function ancestorIdsOf(db: DbOrTx, certificateIds: string[]): Promise<string[]> {
  const found = new Set<string>();
  let frontier = certificateIds;
  const seeds = new Set(certificateIds);
  while (frontier.length > 0) {
    const next = new Set<string>();
    for (const chunk of chunks(frontier)) {
      const rows = await db.certificate.findMany({ where: { id: { in: chunk }, issuerCertId: { not: null } }, select: { issuerCertId: true } });
      for (const r of rows) if (!found.has(r.issuerCertId!) && !seeds.has(r.issuerCertId!)) next.add(r.issuerCertId!);
    }
    frontier = [...next];
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

export type SubjectIds = { certificateIds: string[]; keyIds: string[]; signerIds: string[] };

/**
 * Everything whose findings may change when these certificates were added or linked: their
 * issuers (in-use counts), the signers that hold them, those signers' other certificates (now
 * superseded or not), and the keys of all of those (renewals reuse keys; keys are shared).
 */
export async function subjectsAffectedBy(db: Db, seeds: SubjectIds): Promise<SubjectIds> {
  const certificateIds = new Set(seeds.certificateIds);
  for (const id of await ancestorIdsOf(db, seeds.certificateIds)) certificateIds.add(id);
  const signerIds = new Set(seeds.signerIds);
  for (const c of chunks([...certificateIds])) {
    const links = await db.signerCertificate.findMany({ where: { certificateId: { in: c } }, select: { signerId: true }, distinct: ["signerId"] });
    for (const l of links) signerIds.add(l.signerId);
  }
  for (const s of chunks([...signerIds])) {
    const links = await db.signerCertificate.findMany({ where: { signerId: { in: s } }, select: { certificateId: true } });
    for (const l of links) certificateIds.add(l.certificateId);
  }
  const keyIds = new Set(seeds.keyIds);
  for (const c of chunks([...certificateIds])) {
    const rows = await db.certificate.findMany({ where: { id: { in: c } }, select: { keyId: true }, distinct: ["keyId"] });
    for (const r of rows) keyIds.add(r.keyId);
  }
  // other certificates of the same keys (the previous certificate of a renewal without rekey)
  for (const k of chunks([...keyIds])) {
    const rows = await db.certificate.findMany({ where: { keyId: { in: k } }, select: { id: true } });
    for (const r of rows) certificateIds.add(r.id);
  }
  return { certificateIds: [...certificateIds], keyIds: [...keyIds], signerIds: [...signerIds] };
}


/** A revocation changes the certificate's own findings and its holders' (a revoked certificate is not a valid one). */
export async function holdersOf(db: Db, certificateIds: string[]): Promise<SubjectIds> {
  const signerIds = new Set<string>();
  for (const c of chunks(certificateIds)) {
    const links = await db.signerCertificate.findMany({ where: { certificateId: { in: c } }, select: { signerId: true }, distinct: ["signerId"] });
    for (const l of links) signerIds.add(l.signerId);
  }
  return { certificateIds, keyIds: [], signerIds: [...signerIds] };
}
