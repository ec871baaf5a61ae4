// What a check needs from an issuing CA certificate, computed once per run and issuer: the
// parsed certificate, its key for signature checks, and the SHA-1 hashes of its name and key
// that an OCSP CertID carries (RFC 6960 §4.1.1).
import { createHash, X509Certificate } from "node:crypto";
import {
  normaliseSerial,
  parseCertificate,
  serialOf,
  toHex,
  verifyKeyOf,
  verifySignature,
  type VerifyKey,
} from "./asn1";
import type { pkijs } from "./pkijs-engine";

export type IssuerContext = {
  cert: pkijs.Certificate;
  key: VerifyKey;
  /** hex of the issuer's public key: identifies it in caches */
  keyId: string;
  nameHashSha1: Uint8Array;
  keyHashSha1: Uint8Array;
};

const sha1 = (data: Uint8Array) => new Uint8Array(createHash("sha1").update(data).digest());

export class IssuerCache {
  private readonly byDer = new Map<string, IssuerContext>();

  /** Throws RevocationError("malformed") when the DER is not a certificate. */
  get(der: Uint8Array): IssuerContext {
    const id = createHash("sha256").update(der).digest("hex");
    let ctx = this.byDer.get(id);
    if (!ctx) {
      const cert = parseCertificate(der, "the issuer certificate");
      const keyBits = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
      ctx = {
        cert,
        key: verifyKeyOf(cert.subjectPublicKeyInfo),
        keyId: toHex(keyBits),
        nameHashSha1: sha1(new Uint8Array(cert.subject.toSchema().toBER(false))),
        keyHashSha1: sha1(keyBits),
      };
      this.byDer.set(id, ctx);
    }
    return ctx;
  }
}

/**
 * The certificate's serial (normalised hex) if `issuer` signed it, or null if it did not.
 * node:crypto reads most certificates quickly; pkijs handles what it cannot.
 */
export async function serialIfSignedBy(der: Uint8Array, issuer: IssuerContext): Promise<string | null> {
  if (issuer.key.keyObject) {
    try {
      const x = new X509Certificate(der);
      return x.verify(issuer.key.keyObject) ? normaliseSerial(x.serialNumber) : null;
    } catch {
      // fall through to pkijs
    }
  }
  const cert = parseCertificate(der, "the certificate");
  const isSigned = await verifySignature(cert.tbsView, cert.signatureValue, issuer.key, cert.signatureAlgorithm);
  return isSigned ? serialOf(cert.serialNumber) : null;
}
