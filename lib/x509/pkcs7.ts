import { childrenOf, decodeOid, DerError, expectTag, raw, TAG, value, type Tlv } from "./der";

// PKCS#7 / CMS SignedData (.p7b, .p7c, .p7s; degenerate or signed). Walked with the BER-tolerant
// reader because streaming signers (e.g. `openssl cms -stream`) write indefinite lengths; the
// certificates inside are returned as their exact original bytes.

export const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const PKCS7_PREFIX = "1.2.840.113549.1.7.";

const CONTENT_TYPES: Record<string, string> = {
  "1.2.840.113549.1.7.1": "data",
  "1.2.840.113549.1.7.3": "envelopedData",
  "1.2.840.113549.1.7.4": "signedAndEnvelopedData",
  "1.2.840.113549.1.7.5": "digestedData",
  "1.2.840.113549.1.7.6": "encryptedData",
};

/** The contentType OID when `top` is a PKCS#7/CMS ContentInfo, else null. */
export function contentInfoType(buf: Uint8Array, top: Tlv): string | null {
  if (top.tag !== TAG.SEQUENCE) return null;
  const first = childrenOf(buf, top, { allowIndefinite: true })[0];
  if (first?.tag !== TAG.OID) return null;
  const oid = decodeOid(value(buf, first));
  return oid.startsWith(PKCS7_PREFIX) ? oid : null;
}

export type Pkcs7Outcome =
  | { kind: "certificates"; certificates: Uint8Array[]; skippedNonX509: number }
  | { kind: "unsupported"; reason: string };

export function extractPkcs7Certificates(buf: Uint8Array, top: Tlv): Pkcs7Outcome {
  const opts = { allowIndefinite: true };
  const [typeTlv, explicit] = childrenOf(buf, top, opts);
  const type = decodeOid(value(buf, typeTlv));
  if (type !== OID_SIGNED_DATA) {
    return { kind: "unsupported", reason: `PKCS#7 content type ${CONTENT_TYPES[type] ?? type} carries no certificates` };
  }
  if (explicit?.tag !== 0xa0) throw new DerError("PKCS#7 SignedData has no content");
  const signedData = expectTag(childrenOf(buf, explicit, opts)[0], TAG.SEQUENCE, "SignedData");
  const certificates: Uint8Array[] = [];
  let skippedNonX509 = 0;
  // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
  for (const field of childrenOf(buf, signedData, opts)) {
    if (field.tag !== 0xa0) continue;
    for (const choice of childrenOf(buf, field, opts)) {
      // CertificateChoices: plain Certificate, or obsolete/attribute/other certificate formats
      if (choice.tag === TAG.SEQUENCE && !choice.isIndefinite) certificates.push(raw(buf, choice));
      else skippedNonX509++;
    }
  }
  return { kind: "certificates", certificates, skippedNonX509 };
}
