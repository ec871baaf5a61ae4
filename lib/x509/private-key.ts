import { OneAsymmetricKey } from "@peculiar/asn1-asym-key";
import { ECPrivateKey } from "@peculiar/asn1-ecc";
import { PFX } from "@peculiar/asn1-pfx";
import { EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { RSAPrivateKey } from "@peculiar/asn1-rsa";
import * as asn1js from "asn1js";
import { childrenOfTree, parseAs, parseTree } from "./asn1";

// Signet never accepts private keys. These checks look only at structure and never copy,
// log or return any key bytes.

export const PRIVATE_KEY_MESSAGE =
  "this file contains a private key; Signet never accepts private keys — export only the certificate";

/** Text markers: PEM private key labels of every flavour, SSH2 and PuTTY key files. */
export function textHasPrivateKeyMarker(text: string): boolean {
  return (
    /-----BEGIN [^\r\n-]*PRIVATE KEY[^\r\n-]*-----/.test(text) ||
    /BEGIN SSH2 (ENCRYPTED )?PRIVATE KEY/.test(text) ||
    /PuTTY-User-Key-File-\d/.test(text)
  );
}

/** Java keystores (JKS / JCEKS) hold private key entries; refuse them like PKCS#12. */
export function isJavaKeystore(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  return magic === 0xfeedfeed || magic === 0xcececece;
}

const PBE_PREFIXES = ["1.2.840.113549.1.5.", "1.2.840.113549.1.12.1."];
const PFX_CONTENT_TYPES = ["1.2.840.113549.1.7.1", "1.2.840.113549.1.7.2"];

/**
 * True when one DER/BER element is shaped like a private key container: PKCS#8 (plain or
 * encrypted), PKCS#1 RSA, SEC1 EC, OpenSSL DSA, or a PKCS#12/PFX file. Decoded with the
 * @peculiar/asn1-* schemas for each format.
 */
export function derLooksLikePrivateKey(der: Uint8Array): boolean {
  let kids: asn1js.AsnType[];
  try {
    const top = parseTree(der);
    if (!(top instanceof asn1js.Sequence)) return false;
    kids = childrenOfTree(top);
  } catch {
    return false;
  }
  if (kids.length < 2) return false;
  const version = kids[0] instanceof asn1js.Integer ? kids[0].valueBlock.valueDec : null;
  const matches = (check: () => boolean) => {
    try {
      return check();
    } catch {
      return false;
    }
  };
  // PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5958), version 0 or 1
  if ((version === 0 || version === 1) && matches(() => parseAs(der, OneAsymmetricKey).privateKey.byteLength >= 0))
    return true;
  // EncryptedPrivateKeyInfo: a PBE AlgorithmIdentifier and the encrypted bytes
  if (
    kids.length === 2 &&
    matches(() =>
      PBE_PREFIXES.some((p) => parseAs(der, EncryptedPrivateKeyInfo).encryptionAlgorithm.algorithm.startsWith(p)),
    )
  )
    return true;
  // PKCS#1 RSAPrivateKey
  if (version === 0 && matches(() => parseAs(der, RSAPrivateKey).modulus.byteLength > 0)) return true;
  // OpenSSL DSA private key: SEQUENCE of six INTEGERs (version 0, p, q, g, y, x); no schema exists
  if (version === 0 && kids.length >= 6 && kids.every((k) => k instanceof asn1js.Integer)) return true;
  // SEC1 ECPrivateKey, version 1
  if (version === 1 && matches(() => parseAs(der, ECPrivateKey).version === 1)) return true;
  // PKCS#12 PFX, version 3 (also without the optional-in-practice MAC, which the schema requires)
  if (version === 3) {
    if (matches(() => PFX_CONTENT_TYPES.includes(parseAs(der, PFX).authSafe.contentType))) return true;
    const first = childrenOfTree(kids[1])[0];
    if (
      kids[1] instanceof asn1js.Sequence &&
      first instanceof asn1js.ObjectIdentifier &&
      PFX_CONTENT_TYPES.includes(first.valueBlock.toString())
    )
      return true;
  }
  return false;
}
