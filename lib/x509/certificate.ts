import { isKeylessCertificate } from "@/lib/domain/certificate-fields";
import { hash } from "node:crypto";
import { ECParameters } from "@peculiar/asn1-ecc";
import { RSAPublicKey } from "@peculiar/asn1-rsa";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate, type SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import {
  bitLength,
  bytesOf,
  childrenOfTree,
  DerError,
  outerElementEnd,
  parseAs,
  parseTree,
  SEQUENCE_TAG,
  toHex,
} from "./asn1";
import { decodeExtensions, emptyExtensionFacts } from "./extensions";
import { decodeName } from "./names";
import { CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from "./oids";
import { publicKeyFromSpki, signedPartsOf, verifySignedParts } from "./signature";
import type { CertificateFacts } from "./types";
import { spkiOfDer } from "./verify";

/**
 * Reads one DER certificate (exactly one element, no trailing bytes) into plain facts, decoding
 * with @peculiar/asn1-x509. Throws DerError with a human reason when the bytes are not a
 * well-formed certificate.
 */
export function decodeCertificate(input: Uint8Array, known: { sha256?: string } = {}): CertificateFacts {
  const der = new Uint8Array(input); // own copy: facts must not pin a large file buffer
  if (der[0] !== SEQUENCE_TAG) throw new DerError("Certificate: expected a SEQUENCE");
  if (outerElementEnd(der, 0) !== der.length) throw new DerError("trailing bytes after the certificate");
  return factsOf(parseAs(der, Certificate), der, known);
}

/** Facts from an already decoded certificate; `der` must be its exact encoding. */
export function factsOf(cert: Certificate, der: Uint8Array, known: { sha256?: string } = {}): CertificateFacts {
  const tbs = cert.tbsCertificate;
  if (tbs.version > 2) throw new DerError("unsupported certificate version");
  const raw = new RawTbs(cert);
  const issuer = decodeName(tbs.issuer, () => raw.field(2));
  const subject = decodeName(tbs.subject, () => raw.field(4));
  const { notBefore, notAfter } = validityOf(cert, raw);
  const spkiDer = spkiBytes(cert, der);
  const ext = tbs.extensions ? decodeExtensions(tbs.extensions) : emptyExtensionFacts();
  const sigOid = cert.signatureAlgorithm.algorithm;
  // equal DER names give equal text, so comparing the text covers both
  const isSelfIssued = issuer.text.toLowerCase() === subject.text.toLowerCase();
  const { fulcio, ...extFacts } = ext;

  return {
    der,
    sha256: known.sha256 ?? hash("sha256", der, "hex"),
    sha1: hash("sha1", der, "hex"),
    spkiSha256: hash("sha256", spkiDer, "hex"),
    version: tbs.version + 1,
    subject: subject.text,
    subjectAttributes: subject.attributes,
    subjectCn: subject.cn,
    issuer: issuer.text,
    issuerAttributes: issuer.attributes,
    issuerCn: issuer.cn,
    serialHex: toHex(tbs.serialNumber), // the INTEGER content octets exactly, leading 00 kept
    notBefore,
    notAfter,
    ...describeKey(tbs.subjectPublicKeyInfo),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigOid]?.name ?? sigOid,
    signatureAlgorithmOid: sigOid,
    ...extFacts,
    isSelfSigned: isSelfIssued && verifiesWithOwnKey(cert, spkiDer),
    fulcio,
    isKeylessCi: fulcio !== null,
    isKeyless: isKeylessCertificate({ fulcio, isCA: extFacts.isCA }),
  };
}

/** The SPKI exactly as encoded (sliced, not re-encoded: re-encoding cost 6% of a parse). */
function spkiBytes(cert: Certificate, der: Uint8Array): Uint8Array {
  try {
    return spkiOfDer(der);
  } catch {
    return bytesOf(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
  }
}

/** The TBSCertificate as an asn1js tree, decoded only when a fact needs the raw encoding. */
class RawTbs {
  private fields: asn1js.AsnType[] | null = null;
  constructor(private readonly cert: Certificate) {}

  /** 0 serialNumber, 1 signature, 2 issuer, 3 validity, 4 subject, 5 subjectPublicKeyInfo */
  field(n: number): asn1js.AsnType {
    if (!this.fields) {
      const t = childrenOfTree(parseTree(signedPartsOf(this.cert).tbs));
      const hasVersion = t[0]?.idBlock.tagClass === 3 && t[0].idBlock.tagNumber === 0;
      this.fields = hasVersion ? t.slice(1) : t;
    }
    return this.fields[n];
  }
}

// asn1js reads only the DER time forms and turns anything else into this date instead of failing.
export const UNREADABLE_TIME = Date.UTC(1899, 10, 30);

function validityOf(cert: Certificate, raw: RawTbs): { notBefore: Date; notAfter: Date } {
  const { notBefore, notAfter } = cert.tbsCertificate.validity;
  const read = (time: typeof notBefore, k: number) => {
    const d = time.getTime();
    if (!Number.isNaN(d.getTime()) && d.getTime() !== UNREADABLE_TIME) return d;
    const node = childrenOfTree(raw.field(3))[k];
    if (!(node instanceof asn1js.UTCTime)) throw new DerError("validity needs notBefore and notAfter");
    return lenientTime(node instanceof asn1js.GeneralizedTime ? "generalized" : "utc", node.valueBlock.valueHexView);
  };
  return { notBefore: read(notBefore, 0), notAfter: read(notAfter, 1) };
}

const latin1 = new TextDecoder("latin1");

/** UTCTime / GeneralizedTime text → Date, accepting the BER variants (no seconds, offsets) old certificates carry. */
export function lenientTime(kind: "utc" | "generalized", bytes: Uint8Array): Date {
  const s = latin1.decode(bytes);
  const m =
    kind === "utc"
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
  if (!m) throw new DerError(`invalid ${kind === "utc" ? "UTCTime" : "GeneralizedTime"} "${s}"`);
  let year = Number(m[1]);
  if (kind === "utc") year = year < 50 ? 2000 + year : 1900 + year; // RFC 5280 4.1.2.5.1
  const zone = m[8] ?? "Z";
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? "0"), ms);
  if (zone !== "Z")
    t -= (zone[0] === "+" ? 1 : -1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  if (Number.isNaN(t)) throw new DerError(`invalid time "${s}"`);
  return new Date(t);
}

function verifiesWithOwnKey(cert: Certificate, spkiDer: Uint8Array): boolean {
  const key = publicKeyFromSpki(spkiDer);
  return key !== null && verifySignedParts(signedPartsOf(cert), key);
}

/** Key sizes fixed by the algorithm (shared with the fast path). */
export const FIXED_KEY_BITS: Record<string, number> = { Ed25519: 256, X25519: 256, Ed448: 456, X448: 448 };

export interface KeyFacts {
  keyAlgorithm: string;
  keyBits: number | null;
  curve: string | null;
}

function describeKey(spki: SubjectPublicKeyInfo): KeyFacts {
  const oid = spki.algorithm.algorithm;
  const keyAlgorithm = KEY_ALGORITHMS[oid] ?? oid;
  const params = spki.algorithm.parameters;
  try {
    switch (keyAlgorithm) {
      case "RSA":
      case "RSA-PSS":
        return {
          keyAlgorithm,
          keyBits: bitLength(bytesOf(parseAs(spki.subjectPublicKey, RSAPublicKey).modulus)),
          curve: null,
        };
      case "EC":
      case "SM2": {
        const curveOid = params ? parseAs(params, ECParameters).namedCurve : undefined;
        if (!curveOid) return { keyAlgorithm, keyBits: null, curve: "explicit-parameters" };
        const c = CURVES[curveOid];
        return { keyAlgorithm, keyBits: c?.bits ?? null, curve: c?.name ?? curveOid };
      }
      case "Ed25519":
      case "X25519":
      case "Ed448":
      case "X448":
        return { keyAlgorithm, keyBits: FIXED_KEY_BITS[keyAlgorithm], curve: null };
      case "DSA": {
        // Dss-Parms ::= SEQUENCE { p, q, g INTEGER }
        const p = params ? childrenOfTree(parseTree(params))[0] : undefined;
        if (!(p instanceof asn1js.Integer)) return { keyAlgorithm, keyBits: null, curve: null };
        return { keyAlgorithm, keyBits: bitLength(p.valueBlock.valueHexView), curve: null };
      }
      default:
        return { keyAlgorithm, keyBits: null, curve: null };
    }
  } catch {
    // A key we cannot size is still a certificate we can show.
    return { keyAlgorithm, keyBits: null, curve: null };
  }
}
