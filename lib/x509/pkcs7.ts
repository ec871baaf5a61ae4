import { ContentInfo, SignedData } from "@peculiar/asn1-cms";
import { AsnConvert } from "@peculiar/asn1-schema";
import type { Certificate } from "@peculiar/asn1-x509";
import { bytesOf, DerError, parseAs } from "./asn1";

// PKCS#7 / CMS SignedData (.p7b, .p7c, .p7s; degenerate or signed), decoded with
// @peculiar/asn1-cms. asn1js reads BER, so the indefinite lengths streaming signers write
// (e.g. `openssl cms -stream`) are fine.

export const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const PKCS7_PREFIX = "1.2.840.113549.1.7.";

const CONTENT_TYPES: Record<string, string> = {
  "1.2.840.113549.1.7.1": "data",
  "1.2.840.113549.1.7.3": "envelopedData",
  "1.2.840.113549.1.7.4": "signedAndEnvelopedData",
  "1.2.840.113549.1.7.5": "digestedData",
  "1.2.840.113549.1.7.6": "encryptedData",
};

/** The ContentInfo when `element` is a PKCS#7/CMS ContentInfo, else null. */
export function asPkcs7ContentInfo(element: Uint8Array): ContentInfo | null {
  try {
    const info = parseAs(element, ContentInfo);
    return info.contentType.startsWith(PKCS7_PREFIX) ? info : null;
  } catch {
    return null;
  }
}

export interface EmbeddedCertificate {
  /** DER as encoded by the library from the decoded certificate (identical for DER input) */
  der: Uint8Array;
  certificate: Certificate;
}

export type Pkcs7Outcome =
  | { kind: "certificates"; certificates: EmbeddedCertificate[]; skippedNonX509: number }
  | { kind: "unsupported"; reason: string };

export function extractPkcs7Certificates(info: ContentInfo): Pkcs7Outcome {
  const type = info.contentType;
  if (type !== OID_SIGNED_DATA) {
    return {
      kind: "unsupported",
      reason: `PKCS#7 content type ${CONTENT_TYPES[type] ?? type} carries no certificates`,
    };
  }
  if (info.content.byteLength === 0) throw new DerError("PKCS#7 SignedData has no content");
  const signedData = parseAs(info.content, SignedData);
  const certificates: EmbeddedCertificate[] = [];
  let skippedNonX509 = 0;
  for (const choice of signedData.certificates ?? []) {
    // CertificateChoices: plain Certificate, or obsolete/attribute/other certificate formats
    if (choice.certificate)
      certificates.push({ certificate: choice.certificate, der: bytesOf(AsnConvert.serialize(choice.certificate)) });
    else skippedNonX509++;
  }
  return { kind: "certificates", certificates, skippedNonX509 };
}
