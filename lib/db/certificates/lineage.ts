import type { DbOrTx } from "@/lib/db/client";
import { chunks, dialectOf, selectWhereIn, toBool, toDate, toRequiredDate, updateJsonRows } from "@/lib/db/sql";
import { computeSupersession, type LineageCertificate } from "@/lib/domain/certificate-lineage";

// Keeps Certificate.supersededAt / supersededById true to the lineage rule
// (lib/domain/certificate-lineage.ts). Every write that can change a lineage calls
// refreshLineage in its transaction: a certificate stored, linked to or unlinked from a signer,
// or its revocation status changed. Lists, counts, findings and alerts then filter on the column
// (an index-friendly `supersededAt` condition) instead of each recomputing "is there a newer one".

const uniq = <T>(xs: Iterable<T>) => [...new Set(xs)];

type Row = Omit<LineageCertificate, "signerIds"> & { supersededAt: Date | null; supersededById: string | null };
type RawRow = Record<keyof Row, unknown>;

/**
 * What one refresh has read, by id: nothing is written until its end, so a certificate's row and
 * links are read once however many steps ask for them. The reads are raw statements (one JSON list
 * parameter each), so a refresh also runs in a driver transaction (lib/db/driver.ts): a bulk import
 * refreshes every batch it stores, and the client's query pipeline cost more than the reads.
 */
type Memo = {
  rows: Map<string, Row | null>;
  /** certificate id → its signers */
  signers: Map<string, string[]>;
  /** signer id → its certificates */
  certificates: Map<string, string[]>;
  /** same-name lookups by subject and issuer */
  names: Map<string, string[]>;
};

type Link = { certificateId: string; signerId: string };

/** Reads the links of the ids on one side not read yet in this refresh into `known` (id → the other side's ids). */
async function readLinks(db: DbOrTx, by: keyof Link, ids: string[], known: Map<string, string[]>): Promise<void> {
  const missing = uniq(ids).filter((id) => !known.has(id));
  for (const id of missing) known.set(id, []);
  const other = by === "certificateId" ? "signerId" : "certificateId";
  const rows = await selectWhereIn<Link>(db, {
    select: `"certificateId", "signerId"`,
    table: "SignerCertificate",
    column: by,
    values: missing,
  });
  for (const r of rows) known.get(r[by])!.push(r[other]);
}

async function signersOf(db: DbOrTx, certificateIds: string[], memo: Memo): Promise<Link[]> {
  await readLinks(db, "certificateId", certificateIds, memo.signers);
  return uniq(certificateIds).flatMap((certificateId) =>
    memo.signers.get(certificateId)!.map((signerId) => ({ certificateId, signerId })),
  );
}

async function certificatesOfSigners(db: DbOrTx, signerIds: string[], memo: Memo): Promise<string[]> {
  await readLinks(db, "signerId", signerIds, memo.certificates);
  return uniq(signerIds).flatMap((id) => memo.certificates.get(id)!);
}

async function loadRows(db: DbOrTx, ids: string[], memo: Memo): Promise<Row[]> {
  const missing = uniq(ids).filter((id) => !memo.rows.has(id));
  for (const id of missing) memo.rows.set(id, null);
  const rows = await selectWhereIn<RawRow>(db, {
    select: `"id", "notBefore", "subject", "issuer", "revocationStatus", "isCA", "supersededAt", "supersededById"`,
    table: "Certificate",
    column: "id",
    values: missing,
  });
  for (const r of rows)
    memo.rows.set(r.id as string, {
      id: r.id as string,
      notBefore: toRequiredDate(r.notBefore),
      subject: r.subject as string,
      issuer: r.issuer as string,
      revocationStatus: r.revocationStatus as string,
      isCA: toBool(r.isCA),
      supersededAt: toDate(r.supersededAt),
      supersededById: (r.supersededById as string | null) ?? null,
    });
  return uniq(ids).flatMap((id) => memo.rows.get(id) ?? []);
}

/** A certificate inserted by the calling transaction, before anything else changed it. */
export type InsertedCertificate = Pick<LineageCertificate, "id" | "notBefore" | "subject" | "issuer" | "isCA">;

/** Certificate.revocationStatus's default (schema.base.prisma): what an inserted row holds. */
const INSERTED_REVOCATION_STATUS = "unchecked";

const nameKey = (r: { subject: string; issuer: string }) => `${r.subject}\u0000${r.issuer}`;

/**
 * Certificates sharing a subject and issuer with these (the lineage of unlinked certificates).
 * The pairs travel as one JSON parameter per statement: a bulk import asked once per certificate,
 * twice, and the client's per-query cost was most of the import's main-thread time.
 */
async function sameNameIds(db: DbOrTx, rows: Row[], memo: Memo): Promise<string[]> {
  const pairs = new Map(rows.map((r) => [nameKey(r), [r.subject, r.issuer] as const]));
  const missing = [...pairs].filter(([key]) => !memo.names.has(key));
  const sql =
    dialectOf(db) === "sqlite"
      ? `SELECT c."id" AS "id", c."subject" AS "subject", c."issuer" AS "issuer" FROM json_each(?) AS p JOIN "Certificate" AS c ON c."subject" = p.value->>0 AND c."issuer" = p.value->>1`
      : `SELECT c."id" AS "id", c."subject" AS "subject", c."issuer" AS "issuer" FROM jsonb_array_elements($1::jsonb) AS p JOIN "Certificate" AS c ON c."subject" = p->>0 AND c."issuer" = p->>1`;
  for (const part of chunks(missing)) {
    for (const [key] of part) memo.names.set(key, []);
    const found = await db.$queryRawUnsafe<{ id: string; subject: string; issuer: string }[]>(
      sql,
      JSON.stringify(part.map(([, pair]) => pair)),
    );
    for (const f of found) memo.names.get(nameKey(f))?.push(f.id);
  }
  return [...pairs.keys()].flatMap((key) => memo.names.get(key)!);
}

/**
 * Recomputes supersession for every certificate whose lineage contains one of these
 * certificates or signers. Pass the signers of removed links in `signerIds` (the link is gone,
 * so the certificate no longer leads to them).
 */
export async function refreshLineage(
  db: DbOrTx,
  input: { certificateIds: string[]; signerIds?: string[]; inserted?: InsertedCertificate[] },
): Promise<void> {
  if (input.certificateIds.length === 0 && !input.signerIds?.length) return;
  const memo: Memo = { rows: new Map(), signers: new Map(), certificates: new Map(), names: new Map() };
  // rows this transaction has just inserted are known without reading them back (a bulk import's
  // thousand a batch): as written, with the column defaults, and no signer links yet
  for (const r of input.inserted ?? []) {
    memo.rows.set(r.id, {
      id: r.id,
      notBefore: r.notBefore,
      subject: r.subject,
      issuer: r.issuer,
      isCA: r.isCA,
      revocationStatus: INSERTED_REVOCATION_STATUS,
      supersededAt: null,
      supersededById: null,
    });
    memo.signers.set(r.id, []);
  }
  // the certificates whose supersession may have changed
  const changedLinks = await signersOf(db, input.certificateIds, memo);
  const affectedSigners = uniq([...changedLinks.map((l) => l.signerId), ...(input.signerIds ?? [])]);
  const changedRows = await loadRows(db, input.certificateIds, memo);
  const targets = uniq([
    ...input.certificateIds,
    ...(await certificatesOfSigners(db, affectedSigners, memo)),
    ...(await sameNameIds(db, changedRows, memo)),
  ]);
  // everything those certificates' lineages hold
  const targetLinks = await signersOf(db, targets, memo);
  const lineageIds = uniq([
    ...targets,
    ...(await certificatesOfSigners(
      db,
      targetLinks.map((l) => l.signerId),
      memo,
    )),
  ]);
  const rows = await loadRows(db, lineageIds, memo);
  const targetSet = new Set(targets);
  const linked = new Set(targetLinks.map((l) => l.certificateId));
  const loaded = new Set(lineageIds);
  const unlinkedTargets = rows.filter((r) => targetSet.has(r.id) && !linked.has(r.id));
  const extra = uniq(await sameNameIds(db, unlinkedTargets, memo)).filter((id) => !loaded.has(id));
  const all = [...rows, ...(await loadRows(db, extra, memo))];

  const links = await signersOf(
    db,
    all.map((r) => r.id),
    memo,
  );
  const signerIdsOf = new Map<string, string[]>();
  for (const l of links) signerIdsOf.set(l.certificateId, [...(signerIdsOf.get(l.certificateId) ?? []), l.signerId]);
  const lineage: LineageCertificate[] = all.map((r) => ({ ...r, signerIds: signerIdsOf.get(r.id) ?? [] }));
  const result = computeSupersession(lineage);

  const changed: { id: string; supersededAt: Date | null; supersededById: string | null }[] = [];
  for (const r of all) {
    if (!targetSet.has(r.id)) continue;
    const s = result.get(r.id) ?? null;
    const at = s?.supersededAt ?? null;
    const by = s?.supersededById ?? null;
    if ((r.supersededAt?.getTime() ?? null) === (at?.getTime() ?? null) && r.supersededById === by) continue;
    changed.push({ id: r.id, supersededAt: at, supersededById: by });
  }
  await updateJsonRows(db, {
    table: "Certificate",
    key: "id",
    columns: { supersededAt: "timestamp", supersededById: "text" },
    rows: changed,
  });
}
