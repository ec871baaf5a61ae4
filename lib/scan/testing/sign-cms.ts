// Builds CMS SignedData in tests, with the test PKI's keys (lib/x509/testing/test-ca.ts), so the
// readers are checked against signatures made here and now rather than against stored blobs.
import { createHash, KeyObject, sign } from "node:crypto";
import { derElementAt } from "@/lib/x509/asn1";
import { ctx, int, intHex, nul, octets, oid, seq, set, tlv, time } from "@/lib/x509/testing/der-writer";
import {
  createCodeSigningLeaf,
  createTestCas,
  issueCertificate,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";
import { CMS_OIDS } from "../cms";

export type TestHash = "sha1" | "sha256" | "sha384" | "sha512";

const HASH_OIDS: Record<TestHash, string> = {
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
};

export const algorithmId = (hash: TestHash) => seq(oid(HASH_OIDS[hash]), nul());

export interface CmsSpec {
  /** the signed bytes: data octets, or (encapsulate "any") one DER element */
  content: Uint8Array;
  signer: TestCertificate;
  /** certificates to carry; default [signer]; [] carries none (kernel modules) */
  certificates?: TestCertificate[];
  /** "octets": attached OCTET STRING; "any": PKCS#7 v1.5 [0] ANY (Authenticode); "none": detached */
  encapsulate?: "octets" | "any" | "none";
  contentType?: string;
  hash?: TestHash;
  /** false: sign the content directly (kernel modules, sign-file's CMS_NOATTR) */
  hasSignedAttributes?: boolean;
  signingTime?: Date;
  /** identify the signer by subject key identifier instead of issuer and serial */
  bySubjectKeyId?: boolean;
  /** unsigned attributes (DER Attribute each), given the signature value they may cover */
  unsignedAttributes?: (signatureValue: Uint8Array) => Uint8Array[] | Promise<Uint8Array[]>;
  /** corrupt the signature value (after computing it) */
  isSignatureBroken?: boolean;
}

export const attribute = (type: string, ...values: Uint8Array[]) => seq(oid(type), set(...values));

/** Signs `spec.content`; returns the ContentInfo DER. */
export async function signCms(spec: CmsSpec): Promise<Uint8Array> {
  const hash = spec.hash ?? "sha256";
  const contentType = spec.contentType ?? CMS_OIDS.data;
  const encapsulate = spec.encapsulate ?? "octets";
  const digested = encapsulate === "any" ? valueOctets(spec.content) : spec.content;
  const signedAttributes =
    spec.hasSignedAttributes === false
      ? null
      : [
          attribute("1.2.840.113549.1.9.3", oid(contentType)),
          ...(spec.signingTime ? [attribute(CMS_OIDS.signingTime, time(spec.signingTime))] : []),
          attribute(CMS_OIDS.messageDigest, octets(createHash(hash).update(digested).digest())),
        ];
  const toSign = signedAttributes ? set(...signedAttributes) : digested;
  const signatureValue = signWith(spec.signer, hash, toSign);
  if (spec.isSignatureBroken) signatureValue[signatureValue.length - 1] ^= 0x55;
  const unsigned = spec.unsignedAttributes ? await spec.unsignedAttributes(signatureValue) : [];
  const signerInfo = seq(
    int(spec.bySubjectKeyId ? 3 : 1),
    sidOf(spec.signer, spec.bySubjectKeyId === true),
    algorithmId(hash),
    ...(signedAttributes ? [ctx(0, true, ...signedAttributes)] : []),
    signatureAlgorithmOf(spec.signer, hash),
    octets(signatureValue),
    ...(unsigned.length ? [ctx(1, true, ...unsigned)] : []),
  );
  const carried = spec.certificates ?? [spec.signer];
  const eContent =
    encapsulate === "none" ? [] : [ctx(0, true, encapsulate === "any" ? spec.content : octets(spec.content))];
  const signedData = seq(
    int(spec.bySubjectKeyId ? 3 : 1),
    set(algorithmId(hash)),
    seq(oid(contentType), ...eContent),
    ...(carried.length ? [ctx(0, true, ...carried.map((c) => c.der))] : []),
    set(signerInfo),
  );
  return seq(oid(CMS_OIDS.signedData), ctx(0, true, signedData));
}

function valueOctets(element: Uint8Array): Uint8Array {
  const { contentStart, end } = derElementAt(element, 0);
  return element.subarray(contentStart, end);
}

export function signWith(signer: TestCertificate, hash: TestHash, data: Uint8Array): Uint8Array {
  const key = KeyObject.from(signer.keyPair.keys.privateKey);
  const algorithm = signer.keyPair.spec === "Ed25519" ? null : hash;
  return new Uint8Array(sign(algorithm, data, key));
}

function sidOf(cert: TestCertificate, bySubjectKeyId: boolean): Uint8Array {
  if (bySubjectKeyId) {
    const ski = cert.certificate.getExtension("2.5.29.14");
    if (!ski) throw new Error("certificate has no subject key identifier");
    return ctx(0, false, valueOctets(new Uint8Array(ski.value)));
  }
  const issuer = new Uint8Array(cert.certificate.issuerName.toArrayBuffer());
  return seq(issuer, intHex(cert.serialHex));
}

function signatureAlgorithmOf(cert: TestCertificate, hash: TestHash): Uint8Array {
  const spec = cert.keyPair.spec;
  if (spec === "Ed25519") return seq(oid("1.3.101.112"));
  if (spec.startsWith("RSA-")) return seq(oid("1.2.840.113549.1.1.1"), nul());
  const ecdsa: Record<TestHash, string> = {
    sha1: "1.2.840.10045.4.1",
    sha256: "1.2.840.10045.4.3.2",
    sha384: "1.2.840.10045.4.3.3",
    sha512: "1.2.840.10045.4.3.4",
  };
  return seq(oid(ecdsa[hash]));
}

function generalizedTime(d: Date): Uint8Array {
  const digits = d.toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return tlv(0x18, new TextEncoder().encode(`${digits}Z`));
}

/** A time-stamping authority's certificate (EKU timeStamping) issued by `issuer`. */
export function createTestTsa(issuer: TestCertificate, subject: string): Promise<TestCertificate> {
  return issueCertificate({ subject, issuer, extendedKeyUsage: ["timeStamping"] });
}

/** What a format's tests sign with: a test CA, an RSA-2048 and a P-256 code-signing leaf under it, and a TSA. */
export type TestSigners = {
  ca: { root: TestCertificate; intermediate: TestCertificate };
  rsaLeaf: TestCertificate;
  ecLeaf: TestCertificate;
  tsa: TestCertificate;
};

/** The signers, with the subjects a test names (the P-256 leaf and the TSA have defaults). */
export async function createTestSigners(subjects: { rsa: string; ec?: string; tsa?: string }): Promise<TestSigners> {
  const ca = await createTestCas();
  return {
    ca,
    rsaLeaf: await createCodeSigningLeaf(ca.intermediate, { key: "RSA-2048", subject: subjects.rsa }),
    ecLeaf: await createCodeSigningLeaf(ca.intermediate, subjects.ec ? { subject: subjects.ec } : {}),
    tsa: await createTestTsa(ca.intermediate, subjects.tsa ?? "CN=Signet Test TSA,O=Signet Test"),
  };
}

/** An RFC 3161 timestamp token over `signatureValue`, signed by `tsa`. */

export function timestampToken(opts: {
  tsa: TestCertificate;
  signatureValue: Uint8Array;
  time: Date;
  hash?: TestHash;
  certificates?: TestCertificate[];
  /** the token's own unsigned attributes (a token timestamped again, for nesting tests) */
  unsignedAttributes?: CmsSpec["unsignedAttributes"];
}): Promise<Uint8Array> {
  const hash = opts.hash ?? "sha256";
  const tstInfo = seq(
    int(1),
    oid("1.3.6.1.4.1.99999.1"),
    seq(algorithmId(hash), octets(createHash(hash).update(opts.signatureValue).digest())),
    int(Math.floor(opts.time.getTime() / 1000)),
    generalizedTime(opts.time),
  );
  return signCms({
    content: tstInfo,
    contentType: CMS_OIDS.tstInfo,
    signer: opts.tsa,
    certificates: opts.certificates ?? [opts.tsa],
    signingTime: opts.time,
    hash,
    unsignedAttributes: opts.unsignedAttributes,
  });
}

/** A legacy countersignature (a SignerInfo over the signature value) as a DER Attribute. */
export function countersignatureAttribute(opts: {
  signer: TestCertificate;
  signatureValue: Uint8Array;
  time: Date;
}): Uint8Array {
  const hash: TestHash = "sha256";
  const signedAttributes = [
    attribute("1.2.840.113549.1.9.3", oid(CMS_OIDS.data)),
    attribute(CMS_OIDS.signingTime, time(opts.time)),
    attribute(CMS_OIDS.messageDigest, octets(createHash(hash).update(opts.signatureValue).digest())),
  ];
  const value = signWith(opts.signer, hash, set(...signedAttributes));
  const signerInfo = seq(
    int(1),
    sidOf(opts.signer, false),
    algorithmId(hash),
    ctx(0, true, ...signedAttributes),
    signatureAlgorithmOf(opts.signer, hash),
    octets(value),
  );
  return attribute(CMS_OIDS.counterSignature, signerInfo);
}
