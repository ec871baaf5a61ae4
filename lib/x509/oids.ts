// Names for the OIDs Signet shows. Unknown OIDs are always passed through as dotted strings.

/** Attribute types in distinguished names (short names as OpenSSL prints them with RFC2253). */
export const NAME_ATTRIBUTE_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.13": "description",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "2.5.4.41": "name",
  "2.5.4.42": "GN",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "emailAddress",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionL",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionST",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
};

export const NAME_ATTRIBUTE_OIDS: Record<string, string> = Object.fromEntries(
  Object.entries(NAME_ATTRIBUTE_NAMES).map(([oid, name]) => [name.toUpperCase(), oid]),
);

export const KEY_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10045.2.1": "EC",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
  "1.3.101.110": "X25519",
  "1.3.101.111": "X448",
  "1.2.840.10040.4.1": "DSA",
  "1.2.156.10197.1.301": "SM2",
  "2.16.840.1.101.3.4.3.17": "ML-DSA-44",
  "2.16.840.1.101.3.4.3.18": "ML-DSA-65",
  "2.16.840.1.101.3.4.3.19": "ML-DSA-87",
  "2.16.840.1.101.3.4.3.20": "SLH-DSA-SHA2-128s",
  "2.16.840.1.101.3.4.3.21": "SLH-DSA-SHA2-128f",
  "2.16.840.1.101.3.4.3.22": "SLH-DSA-SHA2-192s",
  "2.16.840.1.101.3.4.3.23": "SLH-DSA-SHA2-192f",
  "2.16.840.1.101.3.4.3.24": "SLH-DSA-SHA2-256s",
  "2.16.840.1.101.3.4.3.25": "SLH-DSA-SHA2-256f",
  "2.16.840.1.101.3.4.3.26": "SLH-DSA-SHAKE-128s",
  "2.16.840.1.101.3.4.3.27": "SLH-DSA-SHAKE-128f",
  "2.16.840.1.101.3.4.3.28": "SLH-DSA-SHAKE-192s",
  "2.16.840.1.101.3.4.3.29": "SLH-DSA-SHAKE-192f",
  "2.16.840.1.101.3.4.3.30": "SLH-DSA-SHAKE-256s",
  "2.16.840.1.101.3.4.3.31": "SLH-DSA-SHAKE-256f",
  "2.16.840.1.101.3.4.4.1": "ML-KEM-512",
  "2.16.840.1.101.3.4.4.2": "ML-KEM-768",
  "2.16.840.1.101.3.4.4.3": "ML-KEM-1024",
};

/** Named curves: display name and field size in bits. */
export const CURVES: Record<string, { name: string; bits: number }> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
  "1.3.132.0.33": { name: "P-224", bits: 224 },
  "1.2.840.10045.3.1.1": { name: "P-192", bits: 192 },
  "1.3.132.0.10": { name: "secp256k1", bits: 256 },
  "1.3.36.3.3.2.8.1.1.7": { name: "brainpoolP256r1", bits: 256 },
  "1.3.36.3.3.2.8.1.1.11": { name: "brainpoolP384r1", bits: 384 },
  "1.3.36.3.3.2.8.1.1.13": { name: "brainpoolP512r1", bits: 512 },
  "1.2.156.10197.1.301": { name: "SM2", bits: 256 },
};

export interface SignatureAlgorithmInfo {
  name: string;
  /** node:crypto digest name; null for EdDSA (no pre-hash) */
  hash: string | null;
  kind: "rsa" | "rsa-pss" | "ecdsa" | "eddsa" | "dsa" | "other";
}

/** How each family spells an algorithm by its digest (node:crypto name). */
const NAMED_BY_DIGEST = {
  rsa: (hash: string) => `${hash}WithRSAEncryption`,
  ecdsa: (hash: string) => `ecdsa-with-${hash.toUpperCase()}`,
  dsa: (hash: string) => `dsa_with_${hash.toUpperCase()}`,
} as const;

/** One family's algorithms that differ only by digest: each at its arc under `base`. */
function withDigests(kind: keyof typeof NAMED_BY_DIGEST, base: string, arcs: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(arcs).map(([hash, arc]): [string, SignatureAlgorithmInfo] => [
      `${base}${arc}`,
      { name: NAMED_BY_DIGEST[kind](hash), hash, kind },
    ]),
  );
}

export const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithmInfo> = {
  "1.2.840.113549.1.1.2": { name: "md2WithRSAEncryption", hash: null, kind: "other" },
  ...withDigests("rsa", "1.2.840.113549.1.1.", { md5: 4, sha1: 5, sha224: 14, sha256: 11, sha384: 12, sha512: 13 }),
  "1.2.840.113549.1.1.10": { name: "rsassaPss", hash: "sha1", kind: "rsa-pss" },
  "1.3.14.3.2.29": { name: "sha1WithRSA", hash: "sha1", kind: "rsa" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "sha1", kind: "ecdsa" },
  ...withDigests("ecdsa", "1.2.840.10045.4.3.", { sha224: 1, sha256: 2, sha384: 3, sha512: 4 }),
  "1.3.101.112": { name: "Ed25519", hash: null, kind: "eddsa" },
  "1.3.101.113": { name: "Ed448", hash: null, kind: "eddsa" },
  "1.2.840.10040.4.3": { name: "dsaWithSHA1", hash: "sha1", kind: "dsa" },
  ...withDigests("dsa", "2.16.840.1.101.3.4.3.", { sha224: 1, sha256: 2 }),
  "1.2.156.10197.1.501": { name: "SM2-with-SM3", hash: null, kind: "other" },
  "2.16.840.1.101.3.4.3.17": { name: "ML-DSA-44", hash: null, kind: "other" },
  "2.16.840.1.101.3.4.3.18": { name: "ML-DSA-65", hash: null, kind: "other" },
  "2.16.840.1.101.3.4.3.19": { name: "ML-DSA-87", hash: null, kind: "other" },
};

export const HASH_ALGORITHMS: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

export const EXTENDED_KEY_USAGES: Record<string, string> = {
  "2.5.29.37.0": "anyExtendedKeyUsage",
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.5": "ipsecEndSystem",
  "1.3.6.1.5.5.7.3.6": "ipsecTunnel",
  "1.3.6.1.5.5.7.3.7": "ipsecUser",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "1.3.6.1.5.5.7.3.17": "ipsecIKE",
  "1.3.6.1.5.5.7.3.36": "documentSigning",
  // Microsoft (Authenticode and Windows driver signing)
  "1.3.6.1.4.1.311.2.1.21": "msCodeInd",
  "1.3.6.1.4.1.311.2.1.22": "msCodeCom",
  "1.3.6.1.4.1.311.10.3.1": "msCTLSign",
  "1.3.6.1.4.1.311.10.3.4": "msEFS",
  "1.3.6.1.4.1.311.10.3.5": "msWHQLCrypto",
  "1.3.6.1.4.1.311.10.3.6": "msNTSystemComponentVerification",
  "1.3.6.1.4.1.311.10.3.13": "msLifetimeSigning",
  "1.3.6.1.4.1.311.20.2.2": "msSmartcardLogin",
  "1.3.6.1.4.1.311.61.1.1": "msKernelModeCodeSigning",
  // Apple code signing
  "1.2.840.113635.100.4.1": "appleCodeSigning",
  "1.2.840.113635.100.4.1.1": "appleCodeSigningDevelopment",
  "1.2.840.113635.100.4.1.2": "appleSoftwareUpdateSigning",
  "1.2.840.113635.100.4.1.3": "appleCodeSigningThirdParty",
  "1.3.6.1.4.1.11129.2.4.4": "ctPrecertificateSigning",
};

export const EXTENDED_KEY_USAGE_OIDS: Record<string, string> = Object.fromEntries(
  Object.entries(EXTENDED_KEY_USAGES).map(([oid, name]) => [name, oid]),
);

/** An extended key usage's display name ("codeSigning"), or its OID when Signet has no name for it. */
export function ekuName(oid: string): string {
  return EXTENDED_KEY_USAGES[oid] ?? oid;
}

/** Key usage bit names in bit order (bit 0 = most significant bit of the first octet). */
export const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;

export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export const EXT = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
} as const;

export const ACCESS_METHOD = {
  ocsp: "1.3.6.1.5.5.7.48.1",
  caIssuers: "1.3.6.1.5.5.7.48.2",
} as const;

export const FULCIO_OID_PREFIX = "1.3.6.1.4.1.57264.1.";

/**
 * Sigstore Fulcio certificate extensions (sigstore/fulcio docs/oid-info.md). Arcs 1-6 hold raw
 * bytes; 8 onward hold a DER UTF8String.
 */
export const FULCIO_FIELDS = {
  1: "issuerV1",
  2: "githubWorkflowTrigger",
  3: "githubWorkflowSha",
  4: "githubWorkflowName",
  5: "githubWorkflowRepository",
  6: "githubWorkflowRef",
  8: "issuerV2",
  9: "buildSignerUri",
  10: "buildSignerDigest",
  11: "runnerEnvironment",
  12: "sourceRepositoryUri",
  13: "sourceRepositoryDigest",
  14: "sourceRepositoryRef",
  15: "sourceRepositoryIdentifier",
  16: "sourceRepositoryOwnerUri",
  17: "sourceRepositoryOwnerIdentifier",
  18: "buildConfigUri",
  19: "buildConfigDigest",
  20: "buildTrigger",
  21: "runInvocationUri",
  22: "sourceRepositoryVisibilityAtSigning",
  23: "deploymentEnvironment",
} as const;

export type FulcioFieldName = (typeof FULCIO_FIELDS)[keyof typeof FULCIO_FIELDS];
