// Normalising the many spellings of algorithms, curves, EKUs and key usages that parsers and
// imports produce, so rules compare canonical names.

export const EKU = {
  codeSigning: "1.3.6.1.5.5.7.3.3",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  anyExtendedKeyUsage: "2.5.29.37.0",
} as const;

const EKU_NAMES: Record<string, string> = {
  [EKU.codeSigning]: "codeSigning",
  [EKU.serverAuth]: "serverAuth",
  [EKU.anyExtendedKeyUsage]: "anyExtendedKeyUsage",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "1.3.6.1.4.1.311.10.3.13": "lifetimeSigning",
};

/** OIDs are canonical; a name some parser produced ("codeSigning") is mapped back to its OID */
export function normaliseEku(value: string): string {
  const v = value.trim();
  return OID_BY_LOWER_NAME.get(v.toLowerCase()) ?? v;
}

/** lower-cased EKU name → OID (the first OID of a name, as a search of EKU_NAMES in order finds it) */
const OID_BY_LOWER_NAME = new Map<string, string>();
for (const [oid, name] of Object.entries(EKU_NAMES))
  if (!OID_BY_LOWER_NAME.has(name.toLowerCase())) OID_BY_LOWER_NAME.set(name.toLowerCase(), oid);

export function ekuName(oid: string): string {
  return EKU_NAMES[oid] ?? oid;
}

const CURVE_ALIASES: Record<string, string> = {
  "p-256": "P-256",
  p256: "P-256",
  secp256r1: "P-256",
  prime256v1: "P-256",
  "1.2.840.10045.3.1.7": "P-256",
  "p-384": "P-384",
  p384: "P-384",
  secp384r1: "P-384",
  "1.3.132.0.34": "P-384",
  "p-521": "P-521",
  p521: "P-521",
  secp521r1: "P-521",
  "1.3.132.0.35": "P-521",
  secp256k1: "secp256k1",
  "1.3.132.0.10": "secp256k1",
};

export function normaliseCurve(curve: string | null): string | null {
  if (!curve) return null;
  const key = curve.trim().toLowerCase();
  return CURVE_ALIASES[key] ?? curve.trim();
}

/** RSA | EC | other, from names like "rsaEncryption", "ECDSA", "id-ecPublicKey" or OIDs */
export function keyAlgorithmFamily(algorithm: string): string {
  const a = algorithm.trim().toLowerCase();
  if (a === "1.2.840.113549.1.1.1" || a.startsWith("rsa")) return "RSA";
  if (a === "1.2.840.10045.2.1" || a === "ec" || a.startsWith("ecdsa") || a === "id-ecpublickey") return "EC";
  return algorithm.trim();
}

const WEAK_SIGNATURE_OIDS: Record<string, string> = {
  "1.2.840.113549.1.1.2": "MD2", // md2WithRSAEncryption
  "1.2.840.113549.1.1.4": "MD5", // md5WithRSAEncryption
  "1.2.840.113549.1.1.5": "SHA-1", // sha1WithRSAEncryption
  "1.3.14.3.2.29": "SHA-1", // sha1WithRSASignature (OIW)
  "1.2.840.10045.4.1": "SHA-1", // ecdsa-with-SHA1
  "1.2.840.10040.4.3": "SHA-1", // dsa-with-sha1
};

/** "SHA-1" | "MD5" | "MD2" when the signature algorithm uses a broken digest, else null */
export function weakDigestOf(signatureAlgorithm: string): string | null {
  const s = signatureAlgorithm.trim().toLowerCase();
  if (WEAK_SIGNATURE_OIDS[s]) return WEAK_SIGNATURE_OIDS[s];
  if (/md2/.test(s)) return "MD2";
  if (/md5/.test(s)) return "MD5";
  // sha1, sha-1, sha_1 — but not sha128/sha1024-style strings that name other things
  if (/sha[-_ ]?1(?![0-9])/.test(s)) return "SHA-1";
  return null;
}

export function hasKeyUsage(usages: readonly string[], name: string): boolean {
  return usages.some((u) => u.trim().toLowerCase() === name.toLowerCase());
}

/** an absolute URL with a scheme that parses; whitespace or control characters inside make it malformed */
export function isWellFormedUrl(url: string): boolean {
  // a whole inventory repeats a few issuers' URLs: URL.canParse was a tenth of the profile rules' time
  let known = wellFormed.get(url);
  if (known === undefined) {
    const u = url.trim();
    // eslint-disable-next-line no-control-regex
    known = /^[a-z][a-z0-9+.-]*:/i.test(u) && !/[\s\x00-\x1f\x7f]/.test(u) && URL.canParse(u);
    if (wellFormed.size >= WELL_FORMED_KEPT) wellFormed.clear();
    wellFormed.set(url, known);
  }
  return known;
}

const WELL_FORMED_KEPT = 10_000;
const wellFormed = new Map<string, boolean>();

/** a well-formed http:// URL */
export function isHttpUrl(url: string): boolean {
  return /^http:\/\//i.test(url.trim()) && isWellFormedUrl(url);
}
