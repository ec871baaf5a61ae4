import { createHash } from "node:crypto";
import {
  bitLength,
  bytesEqual,
  childrenOf,
  decodeTime,
  DerError,
  expectTag,
  raw,
  readOid,
  readSmallInt,
  readTlv,
  TAG,
  toHex,
  value,
  type Tlv,
} from "./der";
import { decodeExtensions, emptyExtensionFacts } from "./extensions";
import { decodeName } from "./names";
import { CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from "./oids";
import { publicKeyFromSpki, signedPartsOf, verifySignedParts } from "./signature";
import type { CertificateFacts } from "./types";

/**
 * Reads one DER certificate (exactly one element, no trailing bytes) into plain facts.
 * Throws DerError with a human reason when the bytes are not a well-formed certificate.
 */
export function decodeCertificate(input: Uint8Array, known: { sha256?: string } = {}): CertificateFacts {
  const der = new Uint8Array(input); // own copy: facts must not pin a large file buffer
  const outer = expectTag(readTlv(der, 0), TAG.SEQUENCE, "Certificate");
  if (outer.end !== der.length) throw new DerError("trailing bytes after the certificate");
  const [tbs, sigAlg] = childrenOf(der, outer);
  expectTag(tbs, TAG.SEQUENCE, "tbsCertificate");
  const t = childrenOf(der, tbs);
  let i = 0;
  let version = 1;
  if (t[0]?.tag === 0xa0) {
    const v = readSmallInt(value(der, expectTag(childrenOf(der, t[0])[0], TAG.INTEGER, "version")));
    if (v === null || v > 2) throw new DerError("unsupported certificate version");
    version = v + 1;
    i = 1;
  }
  const serial = expectTag(t[i], TAG.INTEGER, "serialNumber");
  const issuer = decodeName(der, expectTag(t[i + 2], TAG.SEQUENCE, "issuer"));
  const [nb, na] = childrenOf(der, expectTag(t[i + 3], TAG.SEQUENCE, "validity"));
  if (!nb || !na) throw new DerError("validity needs notBefore and notAfter");
  const subjectTlv = expectTag(t[i + 4], TAG.SEQUENCE, "subject");
  const subject = decodeName(der, subjectTlv);
  const spki = expectTag(t[i + 5], TAG.SEQUENCE, "subjectPublicKeyInfo");
  const key = describeKey(der, spki);
  let ext = emptyExtensionFacts();
  for (let k = i + 6; k < t.length; k++) if (t[k].tag === 0xa3) ext = decodeExtensions(der, t[k]);

  const sigOid = readOid(der, childrenOf(der, expectTag(sigAlg, TAG.SEQUENCE, "signatureAlgorithm"))[0], "signatureAlgorithm");
  const spkiDer = raw(der, spki);
  const isSelfIssued =
    bytesEqual(raw(der, t[i + 2]), raw(der, subjectTlv)) || issuer.text.toLowerCase() === subject.text.toLowerCase();
  const { fulcio, ...extFacts } = ext;

  return {
    der,
    sha256: known.sha256 ?? createHash("sha256").update(der).digest("hex"),
    sha1: createHash("sha1").update(der).digest("hex"),
    spkiSha256: createHash("sha256").update(spkiDer).digest("hex"),
    version,
    subject: subject.text,
    subjectAttributes: subject.attributes,
    subjectCn: subject.cn,
    issuer: issuer.text,
    issuerAttributes: issuer.attributes,
    issuerCn: issuer.cn,
    serialHex: toHex(value(der, serial)),
    notBefore: decodeTime(nb.tag, value(der, nb)),
    notAfter: decodeTime(na.tag, value(der, na)),
    ...key,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigOid]?.name ?? sigOid,
    signatureAlgorithmOid: sigOid,
    ...extFacts,
    selfSigned: isSelfIssued && verifiesWithOwnKey(der, outer, spkiDer),
    fulcio,
    isKeylessCi: fulcio !== null,
  };
}

function verifiesWithOwnKey(der: Uint8Array, outer: Tlv, spkiDer: Uint8Array): boolean {
  const key = publicKeyFromSpki(spkiDer);
  return key !== null && verifySignedParts(signedPartsOf(der, outer), key);
}

interface KeyFacts {
  keyAlgorithm: string;
  keyBits: number | null;
  curve: string | null;
}

function describeKey(der: Uint8Array, spki: Tlv): KeyFacts {
  const [algId, bitString] = childrenOf(der, spki);
  const algKids = childrenOf(der, expectTag(algId, TAG.SEQUENCE, "SubjectPublicKeyInfo.algorithm"));
  const oid = readOid(der, algKids[0], "public key algorithm");
  const keyAlgorithm = KEY_ALGORITHMS[oid] ?? oid;
  const keyBytes = value(der, expectTag(bitString, TAG.BIT_STRING, "subjectPublicKey")).subarray(1);
  try {
    switch (keyAlgorithm) {
      case "RSA":
      case "RSA-PSS": {
        const rsaKey = expectTag(readTlv(keyBytes, 0), TAG.SEQUENCE, "RSAPublicKey");
        const modulus = expectTag(childrenOf(keyBytes, rsaKey)[0], TAG.INTEGER, "modulus");
        return { keyAlgorithm, keyBits: bitLength(value(keyBytes, modulus)), curve: null };
      }
      case "EC":
      case "SM2": {
        const params = algKids[1];
        if (params?.tag !== TAG.OID) return { keyAlgorithm, keyBits: null, curve: "explicit-parameters" };
        const curveOid = readOid(der, params, "namedCurve");
        const c = CURVES[curveOid];
        return { keyAlgorithm, keyBits: c?.bits ?? null, curve: c?.name ?? curveOid };
      }
      case "Ed25519":
      case "X25519":
        return { keyAlgorithm, keyBits: 256, curve: null };
      case "Ed448":
        return { keyAlgorithm, keyBits: 456, curve: null };
      case "X448":
        return { keyAlgorithm, keyBits: 448, curve: null };
      case "DSA": {
        const params = algKids[1];
        if (params?.tag !== TAG.SEQUENCE) return { keyAlgorithm, keyBits: null, curve: null };
        const p = expectTag(childrenOf(der, params)[0], TAG.INTEGER, "DSA p");
        return { keyAlgorithm, keyBits: bitLength(value(der, p)), curve: null };
      }
      default:
        return { keyAlgorithm, keyBits: null, curve: null };
    }
  } catch {
    // A key we cannot size is still a certificate we can show.
    return { keyAlgorithm, keyBits: null, curve: null };
  }
}
