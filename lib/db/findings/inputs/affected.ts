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
      const rows = await db.certificate.findMany({
        where: { id: { in: chunk }, issuerCertId: { not: null } },
        select: { issuerCertId: true },
      });
      for (const r of rows) if (!found.has(r.issuerCertId!) && !seeds.has(r.issuerCertId!)) next.add(r.issuerCertId!);
    }
    frontier = [...next];
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

export type SubjectIds = { certificateIds: string[]; keyIds: string[]; signerIds: string[] };

/** Adds to `into` the ids `read` answers for `from`, a chunk at a time (a statement binds so many values). */
async function addEach(into: Set<string>, from: Iterable<string>, read: (chunk: string[]) => Promise<string[]>) {
  for (const chunk of chunks([...from])) for (const id of await read(chunk)) into.add(id);
}

async function signersHolding(db: DbOrTx, certificateIds: string[]): Promise<string[]> {
  const links = await db.signerCertificate.findMany({
    where: { certificateId: { in: certificateIds } },
    select: { signerId: true },
    distinct: ["signerId"],
  });
  return links.map((l) => l.signerId);
}

/**
 * Everything whose findings may change when these certificates were added or linked: their
 * issuers (in-use counts), the signers that hold them, those signers' other certificates (now
 * superseded or not), and the keys of all of those (renewals reuse keys; keys are shared).
 */
export async function subjectsAffectedBy(db: Db, seeds: SubjectIds): Promise<SubjectIds> {
  const certificateIds = new Set(seeds.certificateIds);
  for (const id of await ancestorIdsOf(db, seeds.certificateIds)) certificateIds.add(id);
  const signerIds = new Set(seeds.signerIds);
  await addEach(signerIds, certificateIds, (c) => signersHolding(db, c));
  await addEach(certificateIds, signerIds, async (s) => {
    const links = await db.signerCertificate.findMany({
      where: { signerId: { in: s } },
      select: { certificateId: true },
    });
    return links.map((l) => l.certificateId);
  });
  const keyIds = new Set(seeds.keyIds);
  await addEach(keyIds, certificateIds, async (c) => {
    const rows = await db.certificate.findMany({
      where: { id: { in: c } },
      select: { keyId: true },
      distinct: ["keyId"],
    });
    return rows.map((r) => r.keyId);
  });
  // other certificates of the same keys (the previous certificate of a renewal without rekey)
  await addEach(certificateIds, keyIds, async (k) => {
    const rows = await db.certificate.findMany({ where: { keyId: { in: k } }, select: { id: true } });
    return rows.map((r) => r.id);
  });
  return { certificateIds: [...certificateIds], keyIds: [...keyIds], signerIds: [...signerIds] };
}

/** A revocation changes the certificate's own findings and its holders' (a revoked certificate is not a valid one). */
export async function holdersOf(db: Db, certificateIds: string[]): Promise<SubjectIds> {
  const signerIds = new Set<string>();
  await addEach(signerIds, certificateIds, (c) => signersHolding(db, c));
  return { certificateIds, keyIds: [], signerIds: [...signerIds] };
}
