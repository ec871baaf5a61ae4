import { createHash, type KeyObject } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Certificate } from "@peculiar/asn1-x509";
import type { X509Certificate } from "@peculiar/x509";
import { bytesOf, derElementAt, parseAs } from "./asn1";
import { element as fastElement, oidAt } from "./fast-der";
import { publicKeyFromSpki, signedPartsOf, verifySignedParts, type SignedParts } from "./signature";

/** A certificate as DER bytes, a @peculiar/x509 certificate, or parsed facts. */
export type CertificateDerSource = Uint8Array | X509Certificate | { der: Uint8Array };

export function certificateDer(input: CertificateDerSource): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if ("der" in input) return input.der;
  return new Uint8Array(input.rawData);
}

/**
 * True when `issuer`'s public key verifies `child`'s signature. Checks the signature only (no
 * names, dates or constraints). Never throws: malformed input or unsupported algorithms give false.
 */
export async function verifySignedBy(child: CertificateDerSource, issuer: CertificateDerSource): Promise<boolean> {
  try {
    const parts = signedPartsOf(parseAs(certificateDer(child), Certificate));
    const issuerSpki = parseAs(certificateDer(issuer), Certificate).tbsCertificate.subjectPublicKeyInfo;
    const key = publicKeyFromSpki(bytesOf(AsnConvert.serialize(issuerSpki)));
    return key !== null && verifySignedParts(parts, key);
  } catch {
    return false;
  }
}

/**
 * The parts of a DER certificate a signature check needs, sliced out of the encoding (TBS bytes
 * exactly as signed) instead of decoding the whole certificate again.
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 */
export function signedPartsOfDer(der: Uint8Array): SignedParts {
  const outer = derElementAt(der, 0);
  const tbs = derElementAt(der, outer.contentStart);
  const alg = derElementAt(der, tbs.end);
  const sig = derElementAt(der, alg.end);
  if (sig.tag !== 0x03 || der[sig.contentStart] !== 0) throw new Error("signatureValue is not a whole-octet BIT STRING");
  return {
    tbs: der.subarray(outer.contentStart, tbs.end),
    ...algorithmOf(der, tbs.end, alg.end),
    signature: der.subarray(sig.contentStart + 1, sig.end),
  };
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }; the fast DER reader for the common shape, the schema library otherwise. */
function algorithmOf(der: Uint8Array, start: number, end: number): Pick<SignedParts, "signatureAlgorithmOid" | "signatureParams"> {
  try {
    const seq = fastElement(der, start, end);
    const oid = fastElement(der, seq.start, seq.end);
    return { signatureAlgorithmOid: oidAt(der, oid), signatureParams: oid.end < seq.end ? der.subarray(oid.end, seq.end) : null };
  } catch {
    const algorithm = parseAs(der.subarray(start, end), AlgorithmIdentifier);
    return { signatureAlgorithmOid: algorithm.algorithm, signatureParams: algorithm.parameters ? bytesOf(algorithm.parameters) : null };
  }
}

/** SubjectPublicKeyInfo DER sliced out of a certificate's TBS (fields: [0] version?, serial, signature, issuer, validity, subject, SPKI). */
export function spkiOfDer(der: Uint8Array): Uint8Array {
  const outer = derElementAt(der, 0);
  const tbs = derElementAt(der, outer.contentStart);
  let p = tbs.contentStart;
  let field = derElementAt(der, p);
  if (field.tag === 0xa0) field = derElementAt(der, (p = field.end)); // explicit version
  for (let skip = 0; skip < 5; skip++) field = derElementAt(der, (p = field.end));
  return der.subarray(p, field.end);
}

/**
 * `verifySignedBy` for many certificates issued by few CAs (bulk imports): the issuer's public key
 * is loaded once per issuer, and the child is sliced rather than decoded. Synchronous; never
 * throws (malformed input or an algorithm node:crypto lacks give false).
 */
export function createIssuerVerifier(): (childDer: Uint8Array, issuerDer: Uint8Array) => boolean {
  // by array identity first (a batch passes the same issuer bytes for all its children), then by hash
  const byArray = new WeakMap<Uint8Array, KeyObject | null>();
  const byHash = new Map<string, KeyObject | null>();
  const keyOf = (issuerDer: Uint8Array): KeyObject | null => {
    let key = byArray.get(issuerDer);
    if (key !== undefined) return key;
    const id = createHash("sha256").update(issuerDer).digest("base64");
    key = byHash.get(id);
    if (key === undefined) byHash.set(id, (key = publicKeyFromSpki(spkiOfDer(issuerDer))));
    byArray.set(issuerDer, key);
    return key;
  };
  return (childDer, issuerDer) => {
    try {
      const key = keyOf(issuerDer);
      return key !== null && verifySignedParts(signedPartsOfDer(childDer), key);
    } catch {
      return false;
    }
  };
}
