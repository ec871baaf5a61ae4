// Test support: hand-assembled certificates for algorithms no local signer supports
// (ML-DSA, unknown OIDs) and for deliberately odd encodings. The signature is filler.
import { bits, ctx, int, intHex, oid, seq, time } from "./der-writer";
import { encodeName, parseRfc4514 } from "./rfc4514";

export interface RawCertificateSpec {
  subject?: string;
  issuer?: string;
  serialHex?: string;
  notBefore?: Date;
  notAfter?: Date;
  keyAlgorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters, if any */
  keyParameters?: Uint8Array;
  publicKey?: Uint8Array;
  signatureAlgorithmOid: string;
  /** DER-encoded Extension SEQUENCEs */
  extensions?: Uint8Array[];
  /** 1 omits the version field (and must have no extensions); default 3 */
  version?: 1 | 3;
  /** exact DER of the subject Name, for string types the RFC 4514 writer does not produce */
  subjectDer?: Uint8Array;
  /** exact DER of the Validity SEQUENCE, for odd time encodings */
  validityDer?: Uint8Array;
}

export function buildRawCertificate(spec: RawCertificateSpec): Uint8Array {
  const sigAlg = seq(oid(spec.signatureAlgorithmOid));
  const keyAlg = spec.keyParameters
    ? seq(oid(spec.keyAlgorithmOid), spec.keyParameters)
    : seq(oid(spec.keyAlgorithmOid));
  const tbs = seq(
    ...(spec.version === 1 ? [] : [ctx(0, true, int(2))]),
    intHex(spec.serialHex ?? "01"),
    sigAlg,
    encodeName(parseRfc4514(spec.issuer ?? "CN=Raw Test CA")),
    spec.validityDer ??
      seq(
        time(spec.notBefore ?? new Date("2025-01-01T00:00:00Z")),
        time(spec.notAfter ?? new Date("2026-01-01T00:00:00Z")),
      ),
    spec.subjectDer ?? encodeName(parseRfc4514(spec.subject ?? "CN=Raw Test Leaf")),
    seq(keyAlg, bits(spec.publicKey ?? new Uint8Array(64).fill(7))),
    ...(spec.extensions?.length ? [ctx(3, true, seq(...spec.extensions))] : []),
  );
  return seq(tbs, sigAlg, bits(new Uint8Array(32).fill(9)));
}
