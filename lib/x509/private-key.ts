import { childrenOf, decodeOid, readTlv, TAG, value, type Tlv } from "./der";

// Signet never accepts private keys. These checks look only at structure and never copy,
// log or return any key bytes.

export const PRIVATE_KEY_MESSAGE =
  "this file contains a private key; Signet never accepts private keys — export only the certificate";

/** Text markers: PEM private key labels of every flavour, SSH2 and PuTTY key files. */
export function textHasPrivateKeyMarker(text: string): boolean {
  return /-----BEGIN [^\r\n-]*PRIVATE KEY[^\r\n-]*-----/.test(text) || /BEGIN SSH2 (ENCRYPTED )?PRIVATE KEY/.test(text) || /PuTTY-User-Key-File-\d/.test(text);
}

/** Java keystores (JKS / JCEKS) hold private key entries; refuse them like PKCS#12. */
export function isJavaKeystore(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  return magic === 0xfeedfeed || magic === 0xcececece;
}

const PBE_PREFIXES = ["1.2.840.113549.1.5.", "1.2.840.113549.1.12.1."];

/**
 * True when one DER/BER element is shaped like a private key container: PKCS#8 (plain or
 * encrypted), PKCS#1 RSA, SEC1 EC, OpenSSL DSA, or a PKCS#12/PFX file.
 */
export function derLooksLikePrivateKey(der: Uint8Array): boolean {
  try {
    const top = readTlv(der, 0, der.length, { allowIndefinite: true });
    if (top.tag !== TAG.SEQUENCE) return false;
    const kids = childrenOf(der, top, { allowIndefinite: true });
    if (kids.length < 2) return false;
    const [a, b, c] = kids;
    const version = a.tag === TAG.INTEGER ? smallInt(der, a) : null;
    // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version 0|1, AlgorithmIdentifier, OCTET STRING
    if ((version === 0 || version === 1) && b.tag === TAG.SEQUENCE && c?.tag === TAG.OCTET_STRING && firstIsOid(der, b)) return true;
    // EncryptedPrivateKeyInfo: PBE AlgorithmIdentifier, OCTET STRING
    if (kids.length === 2 && a.tag === TAG.SEQUENCE && b.tag === TAG.OCTET_STRING) {
      const oid = firstOid(der, a);
      if (oid && PBE_PREFIXES.some((p) => oid.startsWith(p))) return true;
    }
    // PKCS#1 RSAPrivateKey (9+ INTEGERs) and OpenSSL DSA (6 INTEGERs), version 0
    if (version === 0 && kids.length >= 6 && kids.every((k) => k.tag === TAG.INTEGER)) return true;
    // SEC1 ECPrivateKey: version 1, OCTET STRING privateKey
    if (version === 1 && b.tag === TAG.OCTET_STRING) return true;
    // PKCS#12 PFX: version 3, authSafe ContentInfo (data or signedData)
    if (version === 3 && b.tag === TAG.SEQUENCE) {
      const oid = firstOid(der, b);
      if (oid === "1.2.840.113549.1.7.1" || oid === "1.2.840.113549.1.7.2") return true;
    }
    return false;
  } catch {
    return false;
  }
}

function smallInt(der: Uint8Array, t: Tlv): number | null {
  const v = value(der, t);
  return v.length === 1 ? v[0] : null;
}

function firstIsOid(der: Uint8Array, seq: Tlv): boolean {
  return firstOid(der, seq) !== null;
}

function firstOid(der: Uint8Array, seq: Tlv): string | null {
  const first = childrenOf(der, seq, { allowIndefinite: true })[0];
  return first?.tag === TAG.OID ? decodeOid(value(der, first)) : null;
}
