// Small helpers over pkijs/asn1js: decoding with a clear error, serials and signatures.
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
  if (parsed.offset === -1) throw new RevocationError("malformed", `${what} is not valid DER (${parsed.result.error || "decode error"})`);
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
  const h = hex.toLowerCase().replace(/[^0-9a-f]/g, "").replace(/^(00)+(?=[0-9a-f])/, "");
  return h === "" ? "00" : h;
}

export function serialOf(integer: asn1js.Integer): string {
  return normaliseSerial(toHex(integer.valueBlock.valueHexView));
}

/** True when `spki`'s key verifies `signature` over `data` (false on any failure to verify). */
export async function verifySignature(
  data: Uint8Array,
  signature: asn1js.BitString,
  spki: pkijs.PublicKeyInfo,
  algorithm: pkijs.AlgorithmIdentifier,
): Promise<boolean> {
  try {
    return await pkijs.getCrypto(true).verifyWithPublicKey(data as Uint8Array<ArrayBuffer>, signature, spki, algorithm);
  } catch {
    return false;
  }
}

export function sameBytes(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  return Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)));
}
