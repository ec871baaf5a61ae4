import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate } from "@peculiar/asn1-x509";

/**
 * OIDs of the extensions a certificate marks critical. The one certificate shape keeps only the
 * keyUsage flag; `signet lint` also judges AIA and CRL distribution points (CSBR §7.1.2.3: MUST NOT
 * be critical), so it reads them from the DER it already holds. [] when the DER does not decode.
 */
export function criticalExtensionOids(der: Uint8Array): string[] {
  try {
    const cert = AsnConvert.parse(der, Certificate);
    return (cert.tbsCertificate.extensions ?? []).filter((e) => e.critical).map((e) => e.extnID);
  } catch {
    return [];
  }
}
