import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import { RsaSaPssParams } from "@peculiar/asn1-rsa";
import { AsnConvert } from "@peculiar/asn1-schema";
import type { Certificate } from "@peculiar/asn1-x509";
import { bytesOf, parseAs } from "./asn1";
import { HASH_ALGORITHMS, SIGNATURE_ALGORITHMS } from "./oids";

// Signature checks use node:crypto synchronously: one RSA/ECDSA verify costs 20-150 µs, far less
// than a WebCrypto round trip, and lets parseCertificateFile stay synchronous.

export interface SignedParts {
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters (RSASSA-PSS), if any */
  signatureParams: Uint8Array | null;
  signature: Uint8Array;
}

/** The parts a signature check needs, from a certificate decoded by @peculiar/asn1-x509. */
export function signedPartsOf(cert: Certificate): SignedParts {
  const params = cert.signatureAlgorithm.parameters;
  return {
    // the exact TBS bytes as they were signed (asn1-schema keeps them), re-encoded only if absent
    tbs: bytesOf(cert.tbsCertificateRaw ?? AsnConvert.serialize(cert.tbsCertificate)),
    signatureAlgorithmOid: cert.signatureAlgorithm.algorithm,
    signatureParams: params ? bytesOf(params) : null,
    signature: bytesOf(cert.signatureValue),
  };
}

export function publicKeyFromSpki(spkiDer: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({
      key: Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength),
      format: "der",
      type: "spki",
    });
  } catch {
    return null; // key type node cannot load (ML-DSA on Node 20, unknown OIDs, ...)
  }
}

/** True only when the signature verifies; every failure (unknown algorithm, bad key) is false. */
export function verifySignedParts(parts: SignedParts, key: KeyObject): boolean {
  const info = SIGNATURE_ALGORITHMS[parts.signatureAlgorithmOid];
  if (!info) return false;
  try {
    switch (info.kind) {
      case "rsa":
        return verify(info.hash, parts.tbs, { key, padding: constants.RSA_PKCS1_PADDING }, parts.signature);
      case "rsa-pss": {
        const pss = pssParams(parts.signatureParams);
        if (!pss) return false;
        return verify(
          pss.hash,
          parts.tbs,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
          parts.signature,
        );
      }
      case "ecdsa":
      case "dsa":
        return verify(info.hash, parts.tbs, key, parts.signature);
      case "eddsa":
        return verify(null, parts.tbs, key, parts.signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}

function pssParams(params: Uint8Array | null): { hash: string; saltLength: number } | null {
  // RFC 4055 defaults (SHA-1, salt length 20) are the schema's defaults too
  if (!params || params[0] === 0x05) return { hash: "sha1", saltLength: 20 };
  const pss = parseAs(params, RsaSaPssParams);
  const hash = HASH_ALGORITHMS[pss.hashAlgorithm.algorithm];
  if (!hash || !Number.isSafeInteger(pss.saltLength)) return null;
  return { hash, saltLength: pss.saltLength };
}
