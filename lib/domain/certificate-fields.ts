// The one certificate shape (issue #12). What a certificate itself states, under the one set of
// names Signet uses inside: the decoders' output (lib/x509 CertificateFacts), the stored row
// (lib/db/certificates), the findings rules' input (CertificateRuleInput) and the detail view
// (CertificateDetail) are all derived from CertificateFields with Pick/Omit, never re-declared.
// The names are the Prisma columns' (a list lives in the *Json column of its name: crlUrls in
// crlUrlsJson; the one irregular pair, ekus in ekuJson, is mapped in lib/db/certificates/columns.ts).
// Public contracts keep their own names: /api/v1 happens to use these, `signet inspect --json`
// maps them in lib/x509/inspect-json.ts.
//
// It lives in lib/domain, not lib/x509: lib/domain may import nothing outside itself (the rules
// need this shape), while lib/x509, lib/db and components may all import a type from lib/domain.
// Only types and a key list: no I/O.

/** Everything Signet keeps of one certificate's own content. Plain data; only `der` is not JSON-friendly. */
export type CertificateFields = {
  /** the exact DER encoding (public; kept so signatures can be re-verified when issuers arrive later) */
  der: Uint8Array;
  /** SHA-256 of the DER, lowercase hex, no separators */
  sha256: string;
  sha1: string;
  /** RFC 4514 string (most significant RDN last, as `openssl -nameopt RFC2253` prints it) */
  subject: string;
  subjectCn: string | null;
  issuer: string;
  issuerCn: string | null;
  /** the DER INTEGER content octets in lowercase hex (keeps a leading 00 when the DER has one) */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** "RSA" | "RSA-PSS" | "EC" | "Ed25519" | "Ed448" | "ML-DSA-65" ... or the OID when unknown */
  keyAlgorithm: string;
  /** RSA modulus bits, EC field size, 256/456 for Ed25519/Ed448; null when unknown */
  keyBits: number | null;
  /** EC curve name ("P-256", ...) or OID; null for non-EC keys. Rules also accept aliases (prime256v1) */
  curve: string | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256", "Ed25519", or the OID */
  signatureAlgorithm: string;
  isCA: boolean;
  pathLength: number | null;
  /** subject equals issuer and the signature verifies with the certificate's own key */
  isSelfSigned: boolean;
  /** keyUsage bit names as @peculiar/x509 spells them: digitalSignature, keyCertSign, cRLSign, ... */
  keyUsage: string[];
  isKeyUsageCritical: boolean;
  /** extended key usages as dotted OIDs (names are derived for display); [] when the extension is absent */
  ekus: string[];
  /** CRL distribution point URIs */
  crlUrls: string[];
  ocspUrls: string[];
  caIssuersUrls: string[];
  /** "DNS:x", "URI:x", "email:x", "IP:x", "DirName:<rfc4514>", "RID:<oid>", "otherName:<oid>:<value>" */
  sans: string[];
  /** certificate policy OIDs */
  policies: string[];
  /** lowercase hex */
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** Sigstore/Fulcio claims (OIDC issuer, workflow repository/ref/trigger) when present; null otherwise */
  fulcio: FulcioClaims | null;
  /**
   * a short-lived Sigstore/Fulcio keyless certificate: an end-entity certificate with Fulcio's
   * OIDC-issuer claim (isKeylessCertificate). Judged by its signing time, not today's date.
   */
  isKeyless: boolean;
};

/** Fulcio claim name → value, null when absent (lib/x509 FulcioFacts names the claims). */
export type FulcioClaims = { [claim: string]: string | null };

export type CertificateFieldName = keyof CertificateFields;

/** The field names at run time, in one order (stored row, column list, detail view). */
export const CERTIFICATE_FIELD_NAMES = [
  "der",
  "sha256",
  "sha1",
  "subject",
  "subjectCn",
  "issuer",
  "issuerCn",
  "serialHex",
  "notBefore",
  "notAfter",
  "keyAlgorithm",
  "keyBits",
  "curve",
  "signatureAlgorithm",
  "isCA",
  "pathLength",
  "isSelfSigned",
  "keyUsage",
  "isKeyUsageCritical",
  "ekus",
  "crlUrls",
  "ocspUrls",
  "caIssuersUrls",
  "sans",
  "policies",
  "subjectKeyId",
  "authorityKeyId",
  "fulcio",
  "isKeyless",
] as const satisfies readonly CertificateFieldName[];

// Both ways: every field is listed (a missing one makes this `false` and fails to compile).
const _everyFieldListed: Exclude<CertificateFieldName, (typeof CERTIFICATE_FIELD_NAMES)[number]> extends never
  ? true
  : false = true;
void _everyFieldListed;

/**
 * Fulcio issues keyless certificates valid for minutes to an OIDC identity; its OIDC-issuer
 * extension (1.3.6.1.4.1.57264.1.8, legacy .1.1) marks them. A CA carrying Fulcio claims is not one.
 */
export function isKeylessCertificate(c: { fulcio: FulcioClaims | null; isCA: boolean }): boolean {
  return !c.isCA && !!c.fulcio?.issuer;
}

/** Every field name but those left out, in CERTIFICATE_FIELD_NAMES order. */
export function certificateFieldsExcept<const X extends CertificateFieldName>(
  leftOut: readonly X[],
): Exclude<CertificateFieldName, X>[] {
  const skipped: readonly CertificateFieldName[] = leftOut;
  return CERTIFICATE_FIELD_NAMES.filter((name): name is Exclude<CertificateFieldName, X> => !skipped.includes(name));
}

/** Exactly the certificate's own fields of a larger object (decoder facts, a joined row). */
export function pickCertificateFields(source: CertificateFields): CertificateFields {
  return pickFields(source, CERTIFICATE_FIELD_NAMES);
}

/** `source` narrowed to `names` (a plain copy: the result carries nothing else). */
export function pickFields<T, const K extends keyof T>(source: T, names: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const name of names) out[name] = source[name];
  return out;
}

/** A shape as JSON carries it: Date fields become ISO strings (API responses, the detail view). */
export type WithIsoDates<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export function withIsoDates<T extends object>(source: T): WithIsoDates<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) out[key] = value instanceof Date ? value.toISOString() : value;
  return out as WithIsoDates<T>;
}
