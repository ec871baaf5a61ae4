import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate } from "@peculiar/asn1-x509";
import type { X509Certificate } from "@peculiar/x509";
import { bytesOf, parseAs } from "./asn1";
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
    const parts = signedPartsOf(parseAs(certificateDer(child), Certificate));
    const issuerSpki = parseAs(certificateDer(issuer), Certificate).tbsCertificate.subjectPublicKeyInfo;
    const key = publicKeyFromSpki(bytesOf(AsnConvert.serialize(issuerSpki)));
    return key !== null && verifySignedParts(parts, key);
  } catch {
    return false;
  }
}
