import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import { childrenOf, expectTag, readOid, readSmallInt, readTlv, TAG, value, type Tlv } from "./der";
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

/** Splits a DER certificate into the parts a signature check needs. Throws DerError on bad DER. */
export function signedPartsOf(der: Uint8Array, outer: Tlv): SignedParts {
  const [tbs, alg, sig] = childrenOf(der, outer);
  expectTag(tbs, TAG.SEQUENCE, "tbsCertificate");
  const algKids = childrenOf(der, expectTag(alg, TAG.SEQUENCE, "signatureAlgorithm"));
  const bits = value(der, expectTag(sig, TAG.BIT_STRING, "signatureValue"));
  return {
    tbs: der.subarray(tbs.start, tbs.end),
    signatureAlgorithmOid: readOid(der, algKids[0], "signature algorithm"),
    signatureParams: algKids[1] ? der.subarray(algKids[1].start, algKids[1].end) : null,
    signature: bits.subarray(1),
  };
}

export function publicKeyFromSpki(spkiDer: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength), format: "der", type: "spki" });
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
        return verify(pss.hash, parts.tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, parts.signature);
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
  // RFC 4055 defaults: SHA-1, MGF1-SHA-1, salt length 20
  let hash = "sha1";
  let saltLength = 20;
  if (!params || params[0] === TAG.NULL) return { hash, saltLength };
  const seq = expectTag(readTlv(params, 0), TAG.SEQUENCE, "RSASSA-PSS-params");
  for (const k of childrenOf(params, seq)) {
    if (k.tag === 0xa0) {
      const algId = childrenOf(params, k)[0];
      const h = HASH_ALGORITHMS[readOid(params, childrenOf(params, algId)[0], "PSS hash")];
      if (!h) return null;
      hash = h;
    } else if (k.tag === 0xa2) {
      const n = readSmallInt(value(params, childrenOf(params, k)[0]));
      if (n === null) return null;
      saltLength = n;
    }
  }
  return { hash, saltLength };
}
