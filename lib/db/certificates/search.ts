import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/inventory/common";
import { contains, hexPrefixRange, textSearchIds } from "@/lib/db/sql";

// The certificate list's search: a substring of the subject, its common name or the issuer's, or
// the start of the SHA-256 fingerprint or serial number in hex (colons and spaces allowed).

/**
 * The search as a certificate where: the matching ids when the text-search index found at most
 * `budget` (see textSearchIds), else the same conditions as a Prisma where. `size` is how many of
 * the id budget the list used.
 */
export async function certificateSearchWhere(
  db: DbOrTx,
  q: string,
  budget: number,
): Promise<{ where: Prisma.CertificateWhereInput; size: number }> {
  const hex = q.toLowerCase().replace(/[^0-9a-f]/g, "");
  const isHex = hex.length >= 6 && hex.length === q.replace(/[:\s]/g, "").length;
  const where = {
    OR: [
      { subjectCn: contains(db, q) },
      { subject: contains(db, q) },
      { issuerCn: contains(db, q) },
      ...(isHex ? [{ sha256: hexPrefixRange(hex) }, { serialHex: hexPrefixRange(hex) }] : []),
    ],
  };
  if (budget <= 0) return { where, size: 0 };
  const ids = await textSearchIds(db, "Certificate", q, {
    limit: budget,
    hexPrefixes: isHex
      ? [
          { column: "sha256", hex },
          { column: "serialHex", hex },
        ]
      : [],
  });
  return ids ? { where: { id: { in: ids } }, size: ids.length } : { where, size: 0 };
}
