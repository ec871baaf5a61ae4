import type { CertificateFields } from "@/lib/domain/certificate-fields";
import type { FulcioFieldName, KeyUsageName } from "./oids";

export type { KeyUsageName } from "./oids";

export interface NameAttribute {
  /** short name (CN, O, OU, C, L, ST, ...) or the dotted OID when unnamed */
  type: string;
  oid: string;
  value: string;
}

/** Sigstore/Fulcio claims embedded in a keyless CI certificate; each field null when absent. */
export type FulcioFacts = Record<FulcioFieldName, string | null> & {
  /** OIDC issuer: the DER-encoded v2 extension (.8) when present, else the legacy raw one (.1) */
  issuer: string | null;
};

/**
 * Everything Signet reads from one certificate: the one certificate shape (CertificateFields in
 * lib/domain, under the names the rest of the code uses) with the decoders' tighter types and the
 * facts only parsing needs. Both decoders (certificate.ts, fast-certificate.ts) produce exactly this.
 */
export interface CertificateFacts extends CertificateFields {
  /** SHA-256 of the DER SubjectPublicKeyInfo: identifies the key across renewals */
  spkiSha256: string;
  version: number;
  subjectAttributes: NameAttribute[];
  issuerAttributes: NameAttribute[];
  signatureAlgorithmOid: string;
  keyUsage: KeyUsageName[];
  extensionOids: string[];
  fulcio: FulcioFacts | null;
  isKeylessCi: boolean;
  /** non-fatal problems (e.g. one malformed extension); the other facts are still valid */
  warnings: string[];
  /**
   * Signature checks a parse worker already made against the issuer certificates its pool was
   * given (issuer-checks.ts): the importer uses them instead of checking again on its own thread.
   */
  issuerChecks?: IssuerCheck[];
}

/** Whether the certificate with SHA-256 `issuerSha256` signed this one (its key verifies the signature). */
export interface IssuerCheck {
  issuerSha256: string;
  isSignedBy: boolean;
}

export type ParseErrorCode =
  | "empty-file"
  | "file-too-large"
  | "private-key-submitted"
  | "truncated-pem"
  | "bad-base64"
  | "der-length-exceeds-file"
  | "malformed-der"
  | "not-a-certificate"
  | "unsupported-pem-block"
  | "pkcs7-no-certificates"
  | "pkcs7-unsupported"
  | "invalid-certificate"
  | "trailing-data";

export interface CertificateParseError {
  code: ParseErrorCode;
  /** human reason, safe to show; never contains key material */
  message: string;
  /** 1-based PEM block (or embedded certificate) the problem is in, when it has one */
  block?: number;
}

export type InputFormat = "pem" | "der" | "pkcs7-der" | "pkcs7-pem" | "base64" | "unknown";

/**
 * What storing a certificate reads of its parse: the stored fields, the key's hash and the parse
 * worker's signature checks. An importer's parse pool sends only these (ParsePool.parseForStoring):
 * the names' attribute lists, extension OIDs and warnings are for `signet inspect`, and copying
 * them to the storing thread cost that thread more than it spent storing some of them.
 */
export type StoredCertificateFacts = CertificateFields & Pick<CertificateFacts, "spkiSha256" | "issuerChecks">;

export interface ParseResult<Facts extends StoredCertificateFacts = CertificateFacts> {
  fileName?: string;
  format: InputFormat;
  /** unique certificates in file order (exact duplicates within one file are dropped) */
  certificates: Facts[];
  errors: CertificateParseError[];
  /** how many exact duplicate certificates were dropped */
  duplicateCount: number;
  /** true when the file was refused because it holds a private key (certificates is then empty) */
  hasPrivateKey: boolean;
}
