import type { X509Certificate } from "@peculiar/x509";
import { childrenOf, expectTag, raw, readTlv, TAG } from "./der";
import { publicKeyFromSpki, signedPartsOf, verifySignedParts } from "./signature";

/** A certificate as DER bytes, a @peculiar/x509 certificate, or parsed facts. */
export type CertificateInput = Uint8Array | X509Certificate | { der: Uint8Array };

export function certificateDer(input: CertificateInput): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if ("der" in input) return input.der;
  return new Uint8Array(input.rawData);
}

/**
 * True when `issuer`'s public key verifies `child`'s signature. Checks the signature only (no
 * names, dates or constraints). Never throws: malformed input or unsupported algorithms give false.
 */
export async function verifySignedBy(child: CertificateInput, issuer: CertificateInput): Promise<boolean> {
  try {
    const childDer = certificateDer(child);
    const issuerDer = certificateDer(issuer);
    const parts = signedPartsOf(childDer, expectTag(readTlv(childDer, 0), TAG.SEQUENCE, "Certificate"));
    const key = publicKeyFromSpki(spkiOf(issuerDer));
    return key !== null && verifySignedParts(parts, key);
  } catch {
    return false;
  }
}

function spkiOf(der: Uint8Array): Uint8Array {
  const outer = expectTag(readTlv(der, 0), TAG.SEQUENCE, "Certificate");
  const tbs = expectTag(childrenOf(der, outer)[0], TAG.SEQUENCE, "tbsCertificate");
  const t = childrenOf(der, tbs);
  const i = t[0]?.tag === 0xa0 ? 1 : 0;
  return raw(der, expectTag(t[i + 5], TAG.SEQUENCE, "subjectPublicKeyInfo"));
}
