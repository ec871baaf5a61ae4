// Fast path for benchmarks and demo data: many code-signing leaves from one issuer. Key pairs
// come from a small reusable pool (RSA key generation costs ~100 ms each) and certificates are
// encoded directly in DER and signed with node:crypto, which is ~20x faster than going through
// @peculiar/x509's generator. Measured on the 2-core dev box: see lib/x509/README.md.
import { createHash, KeyObject, sign } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate, SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import { EXTENDED_KEY_USAGE_OIDS } from "../oids";
import { bits, bool, concat, ctx, int, intHex, nul, octets, oid, seq, time } from "./der-writer";
import { encodeName, parseRfc4514 } from "./rfc4514";
import { derSerialHex, generateTestKeyPair, type KeySpec, type TestCertificate, type TestKeyPair } from "./test-ca";

export interface BulkLeafOptions {
  issuer: TestCertificate;
  count: number;
  /** leaf key pairs reused round-robin (renewals without rekey look exactly like this) */
  keyPool: TestKeyPair[];
  /** default: `CN=bulk-signer-<i>,O=Signet Bulk,C=US` */
  subject?: (i: number) => string;
  /** default: 0x10 followed by i as 8 bytes */
  serialHex?: (i: number) => string;
  notBefore?: (i: number) => Date;
  notAfter?: (i: number) => Date;
  /** names or OIDs; default codeSigning */
  extendedKeyUsage?: string[];
  crlUrls?: string[];
  ocspUrls?: string[];
  caIssuersUrls?: string[];
}

export interface BulkLeaf {
  index: number;
  der: Uint8Array;
  serialHex: string;
  subject: string;
  keyPair: TestKeyPair;
  notBefore: Date;
  notAfter: Date;
}

export async function createKeyPool(size: number, spec: KeySpec = "P-256"): Promise<TestKeyPair[]> {
  return Promise.all(Array.from({ length: size }, () => generateTestKeyPair(spec)));
}

const SIG_ALGS: Record<string, { algId: Uint8Array; hash: string | null }> = {
  "P-256": { algId: seq(oid("1.2.840.10045.4.3.2")), hash: "sha256" },
  "P-384": { algId: seq(oid("1.2.840.10045.4.3.3")), hash: "sha384" },
  Ed25519: { algId: seq(oid("1.3.101.112")), hash: null },
  RSA: { algId: seq(oid("1.2.840.113549.1.1.11"), nul()), hash: "sha256" },
};

const DAY_MS = 86_400_000;

/** Yields DER leaves lazily so 100,000 certificates never need to sit in memory at once. */
export function* generateBulkLeaves(opts: BulkLeafOptions): Generator<BulkLeaf> {
  if (opts.keyPool.length === 0) throw new Error("keyPool must not be empty");
  const issuerKey = KeyObject.from(opts.issuer.keyPair.keys.privateKey);
  const sigAlg = SIG_ALGS[opts.issuer.keyPair.spec.startsWith("RSA-") ? "RSA" : opts.issuer.keyPair.spec];
  const issuerSpki = KeyObject.from(opts.issuer.keyPair.keys.publicKey).export({ type: "spki", format: "der" });
  const pool = opts.keyPool.map((kp) => {
    const spki = new Uint8Array(KeyObject.from(kp.keys.publicKey).export({ type: "spki", format: "der" }));
    return { kp, spki, ski: extension("2.5.29.14", false, octets(keyId(spki))) };
  });
  const issuerName = subjectNameDer(opts.issuer.der);
  const constantExtensions = concat([
    extension("2.5.29.19", false, seq()),
    extension("2.5.29.15", true, bits(Uint8Array.of(0x80), 7)),
    extension(
      "2.5.29.37",
      false,
      seq(...(opts.extendedKeyUsage ?? ["codeSigning"]).map((e) => oid(EXTENDED_KEY_USAGE_OIDS[e] ?? e))),
    ),
    extension("2.5.29.35", false, seq(ctx(0, false, keyId(new Uint8Array(issuerSpki))))),
    ...(opts.crlUrls?.length
      ? [
          extension(
            "2.5.29.31",
            false,
            seq(...opts.crlUrls.map((u) => seq(ctx(0, true, ctx(0, true, ctx(6, false, ia5Bytes(u))))))),
          ),
        ]
      : []),
    ...(opts.ocspUrls?.length || opts.caIssuersUrls?.length
      ? [
          extension(
            "1.3.6.1.5.5.7.1.1",
            false,
            seq(
              ...(opts.ocspUrls ?? []).map((u) => seq(oid("1.3.6.1.5.5.7.48.1"), ctx(6, false, ia5Bytes(u)))),
              ...(opts.caIssuersUrls ?? []).map((u) => seq(oid("1.3.6.1.5.5.7.48.2"), ctx(6, false, ia5Bytes(u)))),
            ),
          ),
        ]
      : []),
  ]);
  const version = ctx(0, true, int(2));
  const base = opts.issuer.notBefore.getTime();
  for (let i = 0; i < opts.count; i++) {
    const { kp, spki, ski } = pool[i % pool.length];
    const serialHex = derSerialHex(opts.serialHex?.(i) ?? "10" + i.toString(16).padStart(16, "0"));
    const subject = opts.subject?.(i) ?? `CN=bulk-signer-${i},O=Signet Bulk,C=US`;
    const notBefore = opts.notBefore?.(i) ?? new Date(base + (i % 365) * DAY_MS);
    const notAfter = opts.notAfter?.(i) ?? new Date(notBefore.getTime() + 365 * DAY_MS);
    const tbs = seq(
      version,
      intHex(serialHex),
      sigAlg.algId,
      issuerName,
      seq(time(notBefore), time(notAfter)),
      encodeName(parseRfc4514(subject)),
      spki,
      ctx(3, true, seq(constantExtensions, ski)),
    );
    const signature = sign(sigAlg.hash, tbs, issuerKey);
    yield {
      index: i,
      der: seq(tbs, sigAlg.algId, bits(signature)),
      serialHex,
      subject,
      keyPair: kp,
      notBefore,
      notAfter,
    };
  }
}

function extension(id: string, isCritical: boolean, valueDer: Uint8Array): Uint8Array {
  return isCritical ? seq(oid(id), bool(true), octets(valueDer)) : seq(oid(id), octets(valueDer));
}

function ia5Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s); // URLs are ASCII
}

/** RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey BIT STRING value. */
function keyId(spki: Uint8Array): Uint8Array {
  const key = AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey;
  return new Uint8Array(createHash("sha1").update(new Uint8Array(key)).digest());
}

function subjectNameDer(certDer: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(AsnConvert.parse(certDer, Certificate).tbsCertificate.subject));
}
