import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { TestCertificate } from "@/lib/x509/testing/test-ca";

// Certificate rows for the revocation check (its tests and scripts/bench-revocation.ts): the
// columns the check reads (DER, issuer link, serial, OCSP/CRL URLs) are real, the other facts are
// plausible placeholders, so no import has to run first.

export type RevocationCertificateNames = { subject: string; subjectCn: string; issuer: string };
export type RevocationCertificateOptions = { isCA?: boolean; issuerCertId?: string; ocsp?: string[]; crl?: string[] };

const DAY = 86_400_000;

/** The `certificate.create` data for `der` on key `keyId`, issued by `opts.issuerCertId` when given. */
export function revocationCertificateRow(
  der: Uint8Array,
  keyId: string,
  names: RevocationCertificateNames,
  opts: RevocationCertificateOptions & { serialHex?: string; notBefore?: Date; notAfter?: Date } = {},
) {
  return {
    sha256: createHash("sha256").update(der).digest("hex"),
    sha1: createHash("sha1").update(der).digest("hex"),
    der: Uint8Array.from(der),
    ...names,
    serialHex: opts.serialHex ?? "01",
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    keyAlgorithm: "EC",
    signatureAlgorithm: "ecdsa-with-SHA256",
    isCA: opts.isCA ?? false,
    isSelfSigned: opts.isCA ?? false,
    ocspUrlsJson: JSON.stringify(opts.ocsp ?? []),
    crlUrlsJson: JSON.stringify(opts.crl ?? []),
    keyId,
    issuerCertId: opts.issuerCertId,
  };
}

let seq = 0;

/** Stores a test CA's certificate (on a key of its own) for the revocation check to find. */
export async function insertRevocationCertificate(db: Db, cert: TestCertificate, opts: RevocationCertificateOptions = {}) {
  seq++;
  const sha256 = createHash("sha256").update(cert.der).digest("hex");
  const key = await db.signingKey.create({ data: { spkiSha256: `${sha256}-${seq}`, algorithm: "EC", curve: "P-256" } });
  const names = { subject: cert.certificate.subject, subjectCn: `cert-${seq}`, issuer: cert.certificate.issuer };
  const validity = { serialHex: cert.serialHex, notBefore: cert.notBefore, notAfter: cert.notAfter };
  return db.certificate.create({ data: revocationCertificateRow(cert.der, key.id, names, { ...opts, ...validity }) });
}
