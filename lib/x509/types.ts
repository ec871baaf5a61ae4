import type { FulcioFieldName, KeyUsageName } from "./oids";

export type { KeyUsageName } from "./oids";

export interface NameAttribute {
  /** short name (CN, O, OU, C, L, ST, ...) or the dotted OID when unnamed */
  type: string;
  oid: string;
  value: string;
}

export interface ExtendedKeyUsageFact {
  oid: string;
  name: string | null;
}

/** Sigstore/Fulcio claims embedded in a keyless CI certificate; each field null when absent. */
export type FulcioFacts = Record<FulcioFieldName, string | null> & {
  /** OIDC issuer: the DER-encoded v2 extension (.8) when present, else the legacy raw one (.1) */
  issuer: string | null;
};

/** Everything Signet reads from one certificate. Plain data; only `der` is not JSON-friendly. */
export interface CertificateFacts {
  der: Uint8Array;
  /** lowercase hex, no separators */
  sha256: string;
  sha1: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo: identifies the key across renewals */
  spkiSha256: string;
  version: number;
  /** RFC 4514 string (most significant RDN last, as `openssl -nameopt RFC2253` prints it) */
  subject: string;
  subjectAttributes: NameAttribute[];
  subjectCn: string | null;
  issuer: string;
  issuerAttributes: NameAttribute[];
  issuerCn: string | null;
  /** the DER INTEGER content octets in lowercase hex (keeps a leading 00 when the DER has one) */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** "RSA" | "RSA-PSS" | "EC" | "Ed25519" | "Ed448" | "ML-DSA-65" ... or the OID when unknown */
  keyAlgorithm: string;
  /** RSA modulus bits, EC field size, 256/456 for Ed25519/Ed448; null when unknown */
  keyBits: number | null;
  /** EC curve name ("P-256", ...) or OID; null for non-EC keys */
  curve: string | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256", "Ed25519", or the OID */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
  isCA: boolean;
  pathLength: number | null;
  keyUsage: KeyUsageName[];
  isKeyUsageCritical: boolean;
  extendedKeyUsage: ExtendedKeyUsageFact[];
  /** lowercase hex */
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  crlDistributionPoints: string[];
  ocspUrls: string[];
  caIssuersUrls: string[];
  /** "DNS:x", "URI:x", "email:x", "IP:x", "DirName:<rfc4514>", "RID:<oid>", "otherName:<oid>:<value>" */
  sans: string[];
  /** certificate policy OIDs */
  policies: string[];
  extensionOids: string[];
  /** subject equals issuer and the signature verifies with the certificate's own key */
  selfSigned: boolean;
  fulcio: FulcioFacts | null;
  isKeylessCi: boolean;
  /** non-fatal problems (e.g. one malformed extension); the other facts are still valid */
  warnings: string[];
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

export interface ParseResult {
  fileName?: string;
  format: InputFormat;
  /** unique certificates in file order (exact duplicates within one file are dropped) */
  certificates: CertificateFacts[];
  errors: CertificateParseError[];
  /** how many exact duplicate certificates were dropped */
  duplicateCount: number;
  /** true when the file was refused because it holds a private key (certificates is then empty) */
  hasPrivateKey: boolean;
}
