import type { DbOrTx } from "@/lib/db/client";
import { chunks, dialectOf } from "@/lib/db/sql";
import { computeSupersession, type LineageCertificate } from "@/lib/domain/certificate-lineage";

// Keeps Certificate.supersededAt / supersededById true to the lineage rule
// (lib/domain/certificate-lineage.ts). Every write that can change a lineage calls
// refreshLineage in its transaction: a certificate stored, linked to or unlinked from a signer,
// or its revocation status changed. Lists, counts, findings and alerts then filter on the column
// (an index-friendly `supersededAt` condition) instead of each recomputing "is there a newer one".

const uniq = <T>(xs: Iterable<T>) => [...new Set(xs)];

async function signersOf(db: DbOrTx, certificateIds: string[]): Promise<{ certificateId: string; signerId: string }[]> {
  const out: { certificateId: string; signerId: string }[] = [];
  for (const part of chunks(uniq(certificateIds))) {
    out.push(
      ...(await db.signerCertificate.findMany({
        where: { certificateId: { in: part } },
        select: { certificateId: true, signerId: true },
      })),
    );
  }
  return out;
}

async function certificatesOfSigners(db: DbOrTx, signerIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(uniq(signerIds))) {
    const rows = await db.signerCertificate.findMany({
      where: { signerId: { in: part } },
      select: { certificateId: true },
    });
    out.push(...rows.map((r) => r.certificateId));
  }
  return out;
}

const lineageSelect = {
  id: true,
  notBefore: true,
  subject: true,
  issuer: true,
  revocationStatus: true,
  isCA: true,
  supersededAt: true,
  supersededById: true,
} as const;
type Row = Omit<LineageCertificate, "signerIds"> & { supersededAt: Date | null; supersededById: string | null };

async function loadRows(db: DbOrTx, ids: string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks(uniq(ids)))
    out.push(...(await db.certificate.findMany({ where: { id: { in: part } }, select: lineageSelect })));
  return out;
}

/** Same-name lookups already answered in this refresh, by subject and issuer (nothing is written in between). */
type NameMemo = Map<string, string[]>;
const nameKey = (r: { subject: string; issuer: string }) => `${r.subject}\u0000${r.issuer}`;

/**
 * Certificates sharing a subject and issuer with these (the lineage of unlinked certificates).
 * The pairs travel as one JSON parameter per statement: a bulk import asked once per certificate,
 * twice, and the client's per-query cost was most of the import's main-thread time.
 */
async function sameNameIds(db: DbOrTx, rows: Row[], memo: NameMemo): Promise<string[]> {
  const pairs = new Map(rows.map((r) => [nameKey(r), [r.subject, r.issuer] as const]));
  const missing = [...pairs].filter(([key]) => !memo.has(key));
  const sql =
    dialectOf(db) === "sqlite"
      ? `SELECT c."id" AS "id", c."subject" AS "subject", c."issuer" AS "issuer" FROM json_each(?) AS p JOIN "Certificate" AS c ON c."subject" = p.value->>0 AND c."issuer" = p.value->>1`
      : `SELECT c."id" AS "id", c."subject" AS "subject", c."issuer" AS "issuer" FROM jsonb_array_elements($1::jsonb) AS p JOIN "Certificate" AS c ON c."subject" = p->>0 AND c."issuer" = p->>1`;
  for (const part of chunks(missing)) {
    for (const [key] of part) memo.set(key, []);
    const found = await db.$queryRawUnsafe<{ id: string; subject: string; issuer: string }[]>(
      sql,
      JSON.stringify(part.map(([, pair]) => pair)),
    );
    for (const f of found) memo.get(nameKey(f))?.push(f.id);
  }
  return [...pairs.keys()].flatMap((key) => memo.get(key)!);
}

/**
 * Recomputes supersession for every certificate whose lineage contains one of these
 * certificates or signers. Pass the signers of removed links in `signerIds` (the link is gone,
 * so the certificate no longer leads to them).
 */
export async function refreshLineage(
  db: DbOrTx,
  input: { certificateIds: string[]; signerIds?: string[] },
): Promise<void> {
  if (input.certificateIds.length === 0 && !input.signerIds?.length) return;
  const names: NameMemo = new Map();
  // the certificates whose supersession may have changed
  const changedLinks = await signersOf(db, input.certificateIds);
  const affectedSigners = uniq([...changedLinks.map((l) => l.signerId), ...(input.signerIds ?? [])]);
  const changedRows = await loadRows(db, input.certificateIds);
  const targets = uniq([
    ...input.certificateIds,
    ...(await certificatesOfSigners(db, affectedSigners)),
    ...(await sameNameIds(db, changedRows, names)),
  ]);
  // everything those certificates' lineages hold
  const targetLinks = await signersOf(db, targets);
  const lineageIds = uniq([
    ...targets,
    ...(await certificatesOfSigners(
      db,
      targetLinks.map((l) => l.signerId),
    )),
  ]);
  const rows = await loadRows(db, lineageIds);
  const targetSet = new Set(targets);
  const linked = new Set(targetLinks.map((l) => l.certificateId));
  const loaded = new Set(lineageIds);
  const unlinkedTargets = rows.filter((r) => targetSet.has(r.id) && !linked.has(r.id));
  const extra = uniq(await sameNameIds(db, unlinkedTargets, names)).filter((id) => !loaded.has(id));
  const all = [...rows, ...(await loadRows(db, extra))];

  const links = await signersOf(
    db,
    all.map((r) => r.id),
  );
  const signerIdsOf = new Map<string, string[]>();
  for (const l of links) signerIdsOf.set(l.certificateId, [...(signerIdsOf.get(l.certificateId) ?? []), l.signerId]);
  const lineage: LineageCertificate[] = all.map((r) => ({ ...r, signerIds: signerIdsOf.get(r.id) ?? [] }));
  const result = computeSupersession(lineage);

  for (const r of all) {
    if (!targetSet.has(r.id)) continue;
    const s = result.get(r.id) ?? null;
    const at = s?.supersededAt ?? null;
    const by = s?.supersededById ?? null;
    if ((r.supersededAt?.getTime() ?? null) === (at?.getTime() ?? null) && r.supersededById === by) continue;
    await db.certificate.update({
      where: { id: r.id },
      data: { supersededAt: at, supersededById: by },
      select: { id: true },
    });
  }
}
