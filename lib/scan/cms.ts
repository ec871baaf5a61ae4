import { createHash, timingSafeEqual, type KeyObject } from "node:crypto";
import { Attribute, ContentInfo, SignedData, SignerInfo } from "@peculiar/asn1-cms";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import { bytesOf, derElementAt, parseAs, toHex } from "@/lib/x509/asn1";
import { decodeName } from "@/lib/x509/names";
import { HASH_ALGORITHMS } from "@/lib/x509/oids";
import { publicKeyFromSpki, verifySignedParts } from "@/lib/x509/signature";
import type {
  ArtifactFormat,
  ScannedSignature,
  ScannedTimestamp,
  SignatureVerification,
  SignerIdentifier,
} from "./types";

// CMS / PKCS#7 SignedData as every signed format here carries it (Authenticode, JAR blocks,
// NuGet, kernel modules, .p7s/.p7m). Decoding is @peculiar/asn1-cms; signatures are checked with
// node:crypto (lib/x509/signature.ts), synchronously: a verify costs well under a millisecond,
// which keeps a fuzz case or a folder of files cheap.

export const CMS_OIDS = {
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  counterSignature: "1.2.840.113549.1.9.6",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  /** Authenticode's RFC 3161 timestamp (unsigned attribute) */
  msTimeStampToken: "1.3.6.1.4.1.311.3.3.1",
  /** Authenticode's nested signatures (unsigned attribute) */
  msNestedSignature: "1.3.6.1.4.1.311.2.4.1",
} as const;

/** Signatures inside signatures (nested Authenticode, timestamp tokens) stop at this depth. */
export const MAX_CMS_DEPTH = 4;
const MAX_CERTIFICATES = 200;
const MAX_SIGNERS = 16;

/** A SignedData the readers refuse: the message says what is wrong, for a `malformed` outcome. */
export class CmsError extends Error {
  override name = "CmsError";
}

export interface ParsedSignedData {
  signedData: SignedData;
  eContentType: string;
  /** the octets the message digest covers (RFC 5652 5.4), or null when the content is detached */
  content: Uint8Array | null;
  certificates: { der: Uint8Array; certificate: Certificate }[];
}

/** Decodes a ContentInfo holding SignedData; anything else throws CmsError. */
export function parseSignedData(der: Uint8Array, depth = 0): ParsedSignedData {
  if (depth > MAX_CMS_DEPTH) throw new CmsError(`signatures nested deeper than ${MAX_CMS_DEPTH} levels`);
  const info = decode(der, ContentInfo, "ContentInfo");
  if (info.contentType !== CMS_OIDS.signedData)
    throw new CmsError(`content type ${info.contentType} is not SignedData`);
  const signedData = decode(info.content, SignedData, "SignedData");
  const choices = signedData.certificates ?? [];
  if (choices.length > MAX_CERTIFICATES) throw new CmsError(`more than ${MAX_CERTIFICATES} certificates`);
  if (signedData.signerInfos.length > MAX_SIGNERS) throw new CmsError(`more than ${MAX_SIGNERS} signers`);
  const raw = rawCertificates(der);
  const certificates: ParsedSignedData["certificates"] = [];
  choices.forEach((choice, i) => {
    // the certificate's own bytes when the DER walk found them (fingerprints of what was signed);
    // encoding the decoded certificate again costs more than the whole parse
    if (choice.certificate)
      certificates.push({
        certificate: choice.certificate,
        der: raw?.[i] ?? bytesOf(AsnConvert.serialize(choice.certificate)),
      });
  });
  const e = signedData.encapContentInfo;
  let content: Uint8Array | null = null;
  if (e.eContent?.single) content = bytesOf(e.eContent.single.buffer);
  else if (e.eContent?.any) {
    // PKCS#7 v1.5 content (Authenticode's SpcIndirectDataContent): the digest covers the
    // contents octets of the element, not its tag and length (RFC 2315 9.3)
    const any = bytesOf(e.eContent.any);
    try {
      const { contentStart, end } = derElementAt(any, 0);
      content = any.subarray(contentStart, end);
    } catch (err) {
      throw new CmsError(`undecodable content: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { signedData, eContentType: e.eContentType, content, certificates };
}

/**
 * The certificates field's elements as they are in the file, by a definite-length DER walk
 * (ContentInfo → [0] → SignedData → version, digestAlgorithms, encapContentInfo, [0]); null for
 * BER indefinite lengths, where the caller falls back to encoding the decoded certificates.
 */
function rawCertificates(der: Uint8Array): Uint8Array[] | null {
  try {
    const info = derElementAt(der, 0);
    const explicit = derElementAt(der, derElementAt(der, info.contentStart).end);
    const signedData = derElementAt(der, explicit.contentStart);
    let p = signedData.contentStart;
    for (let i = 0; i < 3; i++) p = derElementAt(der, p).end;
    const field = derElementAt(der, p);
    if (field.tag !== 0xa0) return [];
    const out: Uint8Array[] = [];
    for (let q = field.contentStart; q < field.end;) {
      const element = derElementAt(der, q);
      out.push(der.subarray(q, element.end));
      q = element.end;
    }
    return out;
  } catch {
    return null;
  }
}

function decode<T>(der: Uint8Array | ArrayBuffer, type: new () => T, what: string): T {
  try {
    return parseAs(der, type);
  } catch (e) {
    // asn1js recurses per nesting level: a hostile depth ends as a RangeError, reported as such
    const message = e instanceof RangeError ? "nesting too deep" : e instanceof Error ? e.message : String(e);
    throw new CmsError(`undecodable ${what}: ${message}`);
  }
}

export interface SignerOptions {
  format: ArtifactFormat;
  /** "signature 1"; signers after the first get ", signer N" */
  location: string;
  /** the octets the signature covers; null when not available (see notCheckedReason) */
  content: Uint8Array | null;
  notCheckedReason?: string;
  /** certificates that may have made the signature when it carries none (a kernel's signing key) */
  knownCertificates?: Uint8Array[];
  depth?: number;
  /** a timestamp token's own signer: its unsigned attributes (a timestamp of the timestamp) are not read */
  isTimestampToken?: boolean;
}

export interface ReadSigner {
  signature: ScannedSignature;
  signerInfo: SignerInfo;
  /** the signer's decoded certificate, when found */
  certificate: Certificate | null;
}

/** One ScannedSignature per SignerInfo, each verified over `content`. */
export function readSigners(parsed: ParsedSignedData, options: SignerOptions): ReadSigner[] {
  const pool = [...parsed.certificates, ...knownCertificates(options.knownCertificates)];
  return parsed.signedData.signerInfos.map((signerInfo, i) => {
    try {
      return readSigner(parsed, signerInfo, i, pool, options);
    } catch (e) {
      // asn1-schema decodes some values it then cannot encode again (signed attributes, names)
      if (e instanceof CmsError) throw e;
      throw new CmsError(`signer ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function readSigner(
  parsed: ParsedSignedData,
  signerInfo: SignerInfo,
  i: number,
  pool: ParsedSignedData["certificates"],
  options: SignerOptions,
): ReadSigner {
  const depth = options.depth ?? 0;
  const signer = findSigner(signerInfo, pool);
  const carried = parsed.certificates.map((c) => c.der);
  const certificates = dedupe(signer ? [signer.der, ...carried] : carried);
  const verification = verifySignerInfo(signerInfo, signer?.certificate ?? null, options.content, options);
  const signature: ScannedSignature = {
    format: options.format,
    location: i === 0 ? options.location : `${options.location}, signer ${i + 1}`,
    signerCertificate: signer?.der ?? null,
    certificates,
    digestAlgorithm: digestName(signerInfo.digestAlgorithm.algorithm),
    claimedSigningTime: signingTimeOf(signerInfo.signedAttrs),
    timestamp: options.isTimestampToken ? null : timestampOf(signerInfo, parsed.certificates, depth),
    verification,
    keyless: null,
    signerId: signerIdOf(signerInfo),
  };
  return { signature, signerInfo, certificate: signer?.certificate ?? null };
}

function knownCertificates(ders: Uint8Array[] = []): ParsedSignedData["certificates"] {
  const out: ParsedSignedData["certificates"] = [];
  for (const der of ders) {
    try {
      out.push({ der, certificate: parseAs(der, Certificate) });
    } catch {
      // a caller-supplied certificate that does not decode cannot be the signer
    }
  }
  return out;
}

function dedupe(ders: Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return ders.filter((d) => {
    const key = Buffer.from(d).toString("base64");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const equalBytes = (a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer) => {
  const x = bytesOf(a);
  const y = bytesOf(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const SKI_OID = "2.5.29.14";

function subjectKeyIdentifier(cert: Certificate): Uint8Array | null {
  const ext = cert.tbsCertificate.extensions?.find((x) => x.extnID === SKI_OID);
  if (!ext) return null;
  try {
    const value = bytesOf(ext.extnValue.buffer);
    const { contentStart, end } = derElementAt(value, 0);
    return value.subarray(contentStart, end);
  } catch {
    return null;
  }
}

function findSigner(si: SignerInfo, pool: ParsedSignedData["certificates"]) {
  const byIssuer = si.sid.issuerAndSerialNumber;
  if (byIssuer) {
    // serials first: encoding names is the slow part
    const candidates = pool.filter((c) => equalBytes(c.certificate.tbsCertificate.serialNumber, byIssuer.serialNumber));
    if (candidates.length === 0) return null;
    const issuer = AsnConvert.serialize(byIssuer.issuer);
    return (
      candidates.find((c) => equalBytes(AsnConvert.serialize(c.certificate.tbsCertificate.issuer), issuer)) ?? null
    );
  }
  const ski = si.sid.subjectKeyIdentifier;
  if (!ski) return null;
  return (
    pool.find((c) => {
      const own = subjectKeyIdentifier(c.certificate);
      return own !== null && equalBytes(own, ski.buffer);
    }) ?? null
  );
}

function signerIdOf(si: SignerInfo): SignerIdentifier {
  const byIssuer = si.sid.issuerAndSerialNumber;
  if (byIssuer)
    return {
      issuer: decodeName(byIssuer.issuer).text,
      serialNumberHex: toHex(byIssuer.serialNumber),
      subjectKeyIdentifierHex: null,
    };
  const ski = si.sid.subjectKeyIdentifier;
  return { issuer: null, serialNumberHex: null, subjectKeyIdentifierHex: ski ? toHex(ski.buffer) : null };
}

const DIGEST_NAMES: Record<string, string> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha224: "SHA-224",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};
const MD5_OID = "1.2.840.113549.2.5";

/** node:crypto's name for a digest OID, or null when unknown. */
export function hashOf(oid: string): string | null {
  return oid === MD5_OID ? "md5" : (HASH_ALGORITHMS[oid] ?? null);
}

function digestName(oid: string): string | null {
  const hash = hashOf(oid);
  return hash ? DIGEST_NAMES[hash] : oid;
}

export function digest(hash: string, data: Uint8Array): Uint8Array {
  return createHash(hash).update(data).digest();
}

// CMS names the key type where certificates name key type and hash: build the latter
const RSA_WITH: Record<string, string> = {
  md5: "1.2.840.113549.1.1.4",
  sha1: "1.2.840.113549.1.1.5",
  sha224: "1.2.840.113549.1.1.14",
  sha256: "1.2.840.113549.1.1.11",
  sha384: "1.2.840.113549.1.1.12",
  sha512: "1.2.840.113549.1.1.13",
};
const ECDSA_WITH: Record<string, string> = {
  sha1: "1.2.840.10045.4.1",
  sha224: "1.2.840.10045.4.3.1",
  sha256: "1.2.840.10045.4.3.2",
  sha384: "1.2.840.10045.4.3.3",
  sha512: "1.2.840.10045.4.3.4",
};

function signatureAlgorithmOid(oid: string, hash: string): string {
  if (oid === "1.2.840.113549.1.1.1") return RSA_WITH[hash] ?? oid;
  if (oid === "1.2.840.10045.2.1") return ECDSA_WITH[hash] ?? oid;
  if (oid === "1.2.840.10040.4.1" && hash === "sha1") return "1.2.840.10040.4.3";
  return oid;
}

function attributeValues(attrs: Attribute[] | undefined, type: string): ArrayBuffer[] {
  return attrs?.find((a) => a.attrType === type)?.attrValues ?? [];
}

function octetStringValue(der: ArrayBuffer): Uint8Array | null {
  const node = asn1js.fromBER(der).result;
  return node instanceof asn1js.OctetString ? node.valueBlock.valueHexView : null;
}

function timeValue(der: ArrayBuffer): Date | null {
  const node = asn1js.fromBER(der).result;
  if (!(node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime)) return null;
  const time = node.toDate();
  return Number.isNaN(time.getTime()) ? null : time;
}

function signingTimeOf(attrs: Attribute[] | undefined): Date | null {
  const [value] = attributeValues(attrs, CMS_OIDS.signingTime);
  return value ? timeValue(value) : null;
}

/**
 * Checks one SignerInfo: the message-digest attribute against `content` (when given), and the
 * signature over the signed attributes (or over the content when there are none).
 */
export function verifySignerInfo(
  si: SignerInfo,
  cert: Certificate | null,
  content: Uint8Array | null,
  options: { notCheckedReason?: string } = {},
): SignatureVerification {
  const notAvailable = options.notCheckedReason ?? "the signed content is not available";
  if (!cert) return { status: "not-checked", reason: "the signer's certificate is not in the signature" };
  const hash = hashOf(si.digestAlgorithm.algorithm);
  if (!hash) return { status: "failed", reason: `unsupported digest algorithm ${si.digestAlgorithm.algorithm}` };
  let signed: Uint8Array;
  let digestMatches: boolean | null = null;
  if (si.signedAttrs) {
    const [md] = attributeValues(si.signedAttrs, CMS_OIDS.messageDigest);
    const expected = md ? octetStringValue(md) : null;
    if (!expected) return { status: "failed", reason: "the signed attributes have no message digest" };
    if (content) digestMatches = equalBytes(digest(hash, content), expected);
    signed = signedAttributesDer(si.signedAttrs);
  } else {
    if (!content) return { status: "not-checked", reason: notAvailable };
    signed = content;
    digestMatches = true; // the signature covers the content itself
  }
  const key = signerKey(bytesOf(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo)));
  if (!key) return { status: "not-checked", reason: "the signer's key type is not supported" };
  const params = si.signatureAlgorithm.parameters;
  const isValid = verifySignedParts(
    {
      tbs: signed,
      signatureAlgorithmOid: signatureAlgorithmOid(si.signatureAlgorithm.algorithm, hash),
      signatureParams: params ? bytesOf(params) : null,
      signature: bytesOf(si.signature.buffer),
    },
    key,
  );
  if (!isValid) return { status: "failed", reason: "the signature does not verify with the signer's key" };
  if (digestMatches === false)
    return { status: "failed", reason: "the content's digest differs from the signed message digest" };
  if (digestMatches === null) return { status: "not-checked", reason: notAvailable };
  return { status: "verified" };
}

// Loading a key costs more than verifying with it, and a folder of files from one vendor repeats
// the same few signer keys: keep the last few loaded.
const KEY_CACHE_SIZE = 64;
const keyCache = new Map<string, KeyObject | null>();

function signerKey(spki: Uint8Array): KeyObject | null {
  const id = Buffer.from(spki).toString("base64");
  if (keyCache.has(id)) return keyCache.get(id) ?? null;
  const key = publicKeyFromSpki(spki);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}

/** Forgets the loaded keys: the fuzzer reads a slow case again as if for the first time. */
export function forgetLoadedKeys(): void {
  keyCache.clear();
}

/**
 * The signature covers the attributes as a DER SET OF, not the [0] field they sit in. RFC 5652
 * requires them in DER, and asn1-cms keeps each value's raw bytes, so encoding them again in the
 * order they came gives the signed octets (asn1-schema keeps no raw copy of a repeated field).
 */
function signedAttributesDer(attrs: Attribute[]): Uint8Array {
  const parts = attrs.map((a) => bytesOf(AsnConvert.serialize(a)));
  const length = parts.reduce((n, p) => n + p.length, 0);
  return new Uint8Array(Buffer.concat([Uint8Array.from([0x31, ...derLength(length)]), ...parts]));
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** The first timestamp among the unsigned attributes: RFC 3161 token, or legacy countersignature. */
function timestampOf(
  si: SignerInfo,
  outerCertificates: ParsedSignedData["certificates"],
  depth: number,
): ScannedTimestamp | null {
  const signatureValue = bytesOf(si.signature.buffer);
  for (const attr of si.unsignedAttrs ?? []) {
    const [value] = attr.attrValues;
    if (!value) continue;
    try {
      if (attr.attrType === CMS_OIDS.timeStampToken || attr.attrType === CMS_OIDS.msTimeStampToken)
        return rfc3161Timestamp(bytesOf(value), signatureValue, depth + 1);
      if (attr.attrType === CMS_OIDS.counterSignature)
        return countersignature(parseAs(value, SignerInfo), signatureValue, outerCertificates);
    } catch (e) {
      if (e instanceof CmsError && /nested deeper/.test(e.message)) throw e;
      // an undecodable timestamp proves nothing; the signature itself is still reported
    }
  }
  return null;
}

function rfc3161Timestamp(token: Uint8Array, signatureValue: Uint8Array, depth: number): ScannedTimestamp | null {
  const parsed = parseSignedData(token, depth);
  if (parsed.eContentType !== CMS_OIDS.tstInfo || !parsed.content) return null;
  const tst = parseTstInfo(parsed.content);
  if (!tst) return null;
  const [signer] = readSigners(parsed, {
    format: "cms-attached",
    location: "timestamp",
    content: parsed.content,
    depth,
    isTimestampToken: true,
  });
  const imprintHash = hashOf(tst.imprintAlgorithm);
  const imprintMatches = imprintHash !== null && equalBytes(digest(imprintHash, signatureValue), tst.imprint);
  return {
    kind: "rfc3161",
    time: tst.genTime,
    authority: subjectOf(signer?.certificate ?? null),
    verified: signer?.signature.verification.status === "verified" && imprintMatches,
    certificates: signer?.signature.certificates ?? parsed.certificates.map((c) => c.der),
  };
}

function countersignature(
  si: SignerInfo,
  signatureValue: Uint8Array,
  outerCertificates: ParsedSignedData["certificates"],
): ScannedTimestamp | null {
  const time = signingTimeOf(si.signedAttrs);
  if (!time) return null;
  const signer = findSigner(si, outerCertificates);
  const verification = verifySignerInfo(si, signer?.certificate ?? null, signatureValue);
  return {
    kind: "authenticode-countersignature",
    time,
    authority: subjectOf(signer?.certificate ?? null),
    verified: verification.status === "verified",
    certificates: signer ? [signer.der] : [],
  };
}

function subjectOf(cert: Certificate | null): string | null {
  return cert ? decodeName(cert.tbsCertificate.subject).text : null;
}

/** TSTInfo (RFC 3161 2.4.2): the fields a timestamp's meaning rests on. */
function parseTstInfo(der: Uint8Array): { imprintAlgorithm: string; imprint: Uint8Array; genTime: Date } | null {
  const { offset, result } = asn1js.fromBER(der);
  if (offset === -1 || !(result instanceof asn1js.Sequence)) return null;
  const [, , imprint, , genTime] = result.valueBlock.value;
  if (!(imprint instanceof asn1js.Sequence) || !(genTime instanceof asn1js.GeneralizedTime)) return null;
  const [algorithm, hashed] = imprint.valueBlock.value;
  const oid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : null;
  if (!(oid instanceof asn1js.ObjectIdentifier) || !(hashed instanceof asn1js.OctetString)) return null;
  const time = genTime.toDate();
  if (Number.isNaN(time.getTime())) return null;
  return { imprintAlgorithm: oid.valueBlock.toString(), imprint: hashed.valueBlock.valueHexView, genTime: time };
}
