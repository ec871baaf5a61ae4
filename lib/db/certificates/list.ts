import type { DbOrTx } from "@/lib/db/client";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { isOwnerScoped } from "@/lib/domain/authz";
import { certificateStatusView, type CertificateStatus } from "@/lib/domain/certificate-status";
import { certificateStatusWhere, countCertificatesInScope, loadExpiryBands, type StatusContext } from "./status";
import { dayRange, type CertificateFilters } from "@/lib/domain/inventory-filters";
import {
  iso,
  linkedCertificateWhere,
  LINKED_IDS_BUDGET,
  signerFilterWhere,
  readCappedPage,
  type Page,
  type Prisma,
} from "@/lib/db/inventory/common";
import { certificateSearchWhere } from "./search";

// Certificate list: filters, sorting and the rows the table and the CSV export show.

export { certificateStatusWhere, loadExpiryBands, type StatusContext } from "./status";

export async function certificateWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: CertificateFilters,
  ctx: StatusContext,
): Promise<Prisma.CertificateWhereInput> {
  return (await certificateConditions(db, user, f, ctx)).where;
}

/** certificateWhere, and whether it starts from a list of certificates (ids or a relation) rather than the table. */
async function certificateConditions(
  db: DbOrTx,
  user: ScopeUser,
  f: CertificateFilters,
  ctx: StatusContext,
): Promise<{ where: Prisma.CertificateWhereInput; isFromList: boolean }> {
  let budget = LINKED_IDS_BUDGET;
  const scope = isOwnerScoped(user.role) ? await linkedCertificateWhere(db, signerScopeWhere(user), budget) : null;
  budget -= scope?.size ?? 0;
  const and: Prisma.CertificateWhereInput[] = [scope?.where ?? {}];
  if (f.status) and.push(certificateStatusWhere(f.status, ctx));
  if (f.expiresFrom || f.expiresTo) and.push({ notAfter: dayRange(f.expiresFrom, f.expiresTo) });
  if (f.revocation) and.push({ revocationStatus: f.revocation });
  if (f.custody) and.push({ key: { custody: f.custody } });
  if (f.key) and.push({ keyId: f.key });
  if (f.ca) and.push({ isCA: f.ca === "yes" });
  if (f.q) {
    const search = await certificateSearchWhere(db, f.q, budget);
    budget -= search.size;
    and.push(search.where);
  }
  const signer = signerFilterWhere(db, f);
  if (signer) and.push((await linkedCertificateWhere(db, signer, budget)).where);
  return { where: { AND: and }, isFromList: scope !== null || Boolean(f.q) || signer !== null };
}

/**
 * The order of a capped count. Prisma orders a count with `take` (by id unless told), so SQLite
 * reads the index that starts with id until the cap: for the expiring list at 250,000
 * certificates, half of that index. A status or expiry filter is a notAfter range
 * (certificateStatusWhere): counted in notAfter order, SQLite reads only that range of the
 * (notAfter, status columns) index and stops at the cap. Not when the rows come from a list (an
 * owner's scope, a search, a signer filter): the database starts from those ids, and a notAfter
 * order would make it walk the whole range instead (a team lead's valid certificates: 0.7 s → 3.6 s).
 */
function cappedCountOrder(f: CertificateFilters, isFromList: boolean): Prisma.CertificateOrderByWithRelationInput {
  const isNotAfterRange = Boolean(f.status || f.expiresFrom || f.expiresTo);
  return isNotAfterRange && !isFromList ? { notAfter: "asc" } : { id: "asc" };
}

export function certificateOrderBy(
  f: Pick<CertificateFilters, "sort" | "dir">,
): Prisma.CertificateOrderByWithRelationInput[] {
  const dir = f.dir ?? "asc";
  const col = {
    notAfter: "notAfter",
    notBefore: "notBefore",
    subject: "subjectCn",
    issuer: "issuerCn",
    importedAt: "importedAt",
    keyAlgorithm: "keyAlgorithm",
  }[f.sort ?? "notAfter"];
  return [{ [col]: dir }, { id: dir }];
}

/** A row of the certificate list: the page's table, its CSV export and GET /api/v1/certificates. */
export type CertificateListRow = {
  id: string;
  sha256: string;
  subject: string;
  subjectCn: string | null;
  issuer: string;
  issuerCn: string | null;
  /** the issuing certificate, when it is in the inventory */
  issuerCertificateId: string | null;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  state: CertificateStatus;
  /** the last revocation check failed */
  isRevocationUnknown: boolean;
  supersededById: string | null;
  keyAlgorithm: string;
  keyBits: number | null;
  curve: string | null;
  isCA: boolean;
  revocationStatus: string;
  keyId: string;
  custody: string;
  importSource: string;
  importedAt: string;
  signers: { id: string; name: string }[];
};

/** The columns every list of certificates shows (the inventory table, its export, the API's list). */
export const certificateSummarySelect = {
  id: true,
  sha256: true,
  subject: true,
  subjectCn: true,
  issuerCn: true,
  serialHex: true,
  notBefore: true,
  notAfter: true,
  keyAlgorithm: true,
  keyBits: true,
  curve: true,
  isCA: true,
  revocationStatus: true,
  importedAt: true,
} as const;

/** The signers named on a certificate: an owner sees only their own signers' names on a shared one. */
export function visibleSignerNames(user: ScopeUser) {
  return {
    where: { signer: signerScopeWhere(user) },
    select: { signer: { select: { id: true, name: true } } },
  } satisfies Prisma.Certificate$signersArgs;
}

export function certificateRowSelect(user: ScopeUser) {
  return {
    ...certificateSummarySelect,
    issuer: true,
    issuerCertId: true,
    importSource: true,
    keyId: true,
    supersededAt: true,
    isKeyless: true,
    supersededById: true,
    key: { select: { custody: true } },
    // every signer the reader may see, as GET /api/v1/certificates always answered
    signers: { ...visibleSignerNames(user), orderBy: { addedAt: "asc" } },
  } satisfies Prisma.CertificateSelect;
}

type SelectedRow = Prisma.CertificateGetPayload<{ select: ReturnType<typeof certificateRowSelect> }>;

export function toCertificateRow(r: SelectedRow, ctx: StatusContext): CertificateListRow {
  const view = certificateStatusView(r, ctx.now, ctx.bands);
  return {
    id: r.id,
    sha256: r.sha256,
    subject: r.subject,
    subjectCn: r.subjectCn,
    issuer: r.issuer,
    issuerCn: r.issuerCn,
    issuerCertificateId: r.issuerCertId,
    serialHex: r.serialHex,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    state: view.status,
    isRevocationUnknown: view.isRevocationUnknown,
    supersededById: r.supersededById,
    keyAlgorithm: r.keyAlgorithm,
    keyBits: r.keyBits,
    curve: r.curve,
    isCA: r.isCA,
    revocationStatus: r.revocationStatus,
    keyId: r.keyId,
    custody: r.key.custody,
    importSource: r.importSource,
    importedAt: iso(r.importedAt)!,
    signers: r.signers.map((s) => s.signer),
  };
}

/** The list's order and window: every other field of the filters is a condition. */
const ORDER_AND_WINDOW = new Set(["sort", "dir", "page", "pageSize"]);

/** Whether the list has no condition but the reader's scope (a filter added to the schema is a condition). */
function isScopeOnly(f: CertificateFilters): boolean {
  return Object.entries(f).every(([key, value]) => ORDER_AND_WINDOW.has(key) || value === undefined || value === "");
}

/** One page of the certificates the user may see, filtered and sorted. */
export async function listCertificatePage(
  db: DbOrTx,
  user: ScopeUser,
  f: CertificateFilters,
  now: Date,
): Promise<Page<CertificateListRow>> {
  const ctx = { now, bands: await loadExpiryBands(db) };
  const { where, isFromList } = await certificateConditions(db, user, f, ctx);
  const page = await readCappedPage(f, {
    rows: (window) =>
      db.certificate.findMany({ where, orderBy: certificateOrderBy(f), ...window, select: certificateRowSelect(user) }),
    count: (cap) =>
      isOwnerScoped(user.role) && isScopeOnly(f)
        ? countCertificatesInScope(db, user, cap)
        : db.certificate.count({ where, orderBy: cappedCountOrder(f, isFromList), ...cap }),
  });
  return { ...page, rows: page.rows.map((r) => toCertificateRow(r, ctx)) };
}
