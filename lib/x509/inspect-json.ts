import { ekuName } from "./oids";
import type { CertificateFacts } from "./types";

/**
 * The stable shape `signet inspect --json` prints for each certificate. A public contract: its
 * names predate the internal ones (selfSigned = isSelfSigned, crlDistributionPoints = crlUrls,
 * extendedKeyUsage = ekus by name) and change only additively (cli/signet.test.ts pins them).
 */
export interface InspectJson {
  file: string;
  sha256Fingerprint: string;
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: string;
  keyBits: number | null;
  curve: string | null;
  signatureAlgorithm: string;
  isCA: boolean;
  keyUsage: string[];
  extendedKeyUsage: string[];
  crlDistributionPoints: string[];
  ocspUrls: string[];
  caIssuersUrls: string[];
  selfSigned: boolean;
}

export function toInspectJson(facts: CertificateFacts, file: string): InspectJson {
  return {
    file,
    sha256Fingerprint: facts.sha256,
    subject: facts.subject,
    issuer: facts.issuer,
    serialHex: facts.serialHex,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    keyAlgorithm: facts.keyAlgorithm,
    keyBits: facts.keyBits,
    curve: facts.curve,
    signatureAlgorithm: facts.signatureAlgorithm,
    isCA: facts.isCA,
    keyUsage: [...facts.keyUsage],
    extendedKeyUsage: facts.ekus.map(ekuName),
    crlDistributionPoints: [...facts.crlUrls],
    ocspUrls: [...facts.ocspUrls],
    caIssuersUrls: [...facts.caIssuersUrls],
    selfSigned: facts.isSelfSigned,
  };
}
