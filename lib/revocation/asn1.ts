// Small helpers over pkijs/asn1js: decoding with a clear error, serials and signatures.
import { createPublicKey, verify as cryptoVerify, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import { pkijs } from "./pkijs-engine";
import { RevocationError } from "./types";

export const OID = {
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
  extKeyUsage: "2.5.29.37",
  crlReason: "2.5.29.21",
  deltaCrlIndicator: "2.5.29.27",
} as const;

export function decodeDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1)
    throw new RevocationError("malformed", `${what} is not valid DER (${parsed.result.error || "decode error"})`);
  return parsed.result;
}

export function parseCertificate(der: Uint8Array, what: string): pkijs.Certificate {
  try {
    return new pkijs.Certificate({ schema: decodeDer(der, what) });
  } catch (error) {
    if (error instanceof RevocationError) throw error;
    throw new RevocationError("malformed", `${what} is not a certificate`, { cause: error });
  }
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("hex");
}

/** Serial numbers compared as positive integers: lowercase hex without leading zero octets. */
export function normaliseSerial(hex: string): string {
  const h = hex
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "")
    .replace(/^(00)+(?=[0-9a-f])/, "");
  return h === "" ? "00" : h;
}

export function serialOf(integer: asn1js.Integer): string {
  return normaliseSerial(toHex(integer.valueBlock.valueHexView));
}

/** A public key for signature checks: the SPKI, and a node:crypto key when Node can import it. */
export type VerifyKey = { spki: pkijs.PublicKeyInfo; keyObject: KeyObject | null };

export function verifyKeyOf(spki: pkijs.PublicKeyInfo): VerifyKey {
  let keyObject: KeyObject | null = null;
  try {
    keyObject = createPublicKey({ key: Buffer.from(spki.toSchema().toBER(false)), format: "der", type: "spki" });
  } catch {
    // a key type node:crypto does not know: pkijs verifies it
  }
  return { spki, keyObject };
}

// node:crypto verifies these directly (pkijs re-imports the key through WebCrypto every time,
// which dominated a check's cost); anything else goes through pkijs
const NODE_ALGORITHMS: Record<string, { hash: string | null; isEcdsa?: boolean }> = {
  "1.2.840.10045.4.1": { hash: "sha1", isEcdsa: true },
  "1.2.840.10045.4.3.2": { hash: "sha256", isEcdsa: true },
  "1.2.840.10045.4.3.3": { hash: "sha384", isEcdsa: true },
  "1.2.840.10045.4.3.4": { hash: "sha512", isEcdsa: true },
  "1.2.840.113549.1.1.5": { hash: "sha1" },
  "1.2.840.113549.1.1.11": { hash: "sha256" },
  "1.2.840.113549.1.1.12": { hash: "sha384" },
  "1.2.840.113549.1.1.13": { hash: "sha512" },
  "1.3.101.112": { hash: null },
};

/** True when `key` verifies `signature` over `data` (false on any failure to verify). */
export async function verifySignature(
  data: Uint8Array,
  signature: asn1js.BitString,
  key: VerifyKey | pkijs.PublicKeyInfo,
  algorithm: pkijs.AlgorithmIdentifier,
): Promise<boolean> {
  const k = "spki" in key ? key : { spki: key, keyObject: null };
  const fast = NODE_ALGORITHMS[algorithm.algorithmId];
  try {
    if (fast && k.keyObject) {
      const sig = signature.valueBlock.valueHexView;
      return cryptoVerify(fast.hash, data, fast.isEcdsa ? { key: k.keyObject, dsaEncoding: "der" } : k.keyObject, sig);
    }
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(data as Uint8Array<ArrayBuffer>, signature, k.spki, algorithm);
  } catch {
    return false;
  }
}

/** DER INTEGER content octets of a positive serial given as hex (re-adds the sign octet). */
export function serialContentBytes(hex: string): Uint8Array {
  const h = normaliseSerial(hex);
  const padded = h.length % 2 ? `0${h}` : h;
  return new Uint8Array(Buffer.from(parseInt(padded.slice(0, 2), 16) >= 0x80 ? `00${padded}` : padded, "hex"));
}

export function sameBytes(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  return Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(
    Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)),
  );
}
