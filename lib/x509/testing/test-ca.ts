// Test PKI for unit tests, the demo dataset and benchmarks. Keys live in memory only and are
// never exported by this module. For many certificates at once use ./bulk-leaves.ts.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { KeyObject, randomBytes, webcrypto } from "node:crypto";
import {
  EXTENDED_KEY_USAGE_OIDS,
  FULCIO_FIELDS,
  KEY_USAGE_BITS,
  type FulcioFieldName,
  type KeyUsageName,
} from "../oids";
import { utf8 } from "./der-writer";
import { parseRfc4514 } from "./rfc4514";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle;

export const KEY_SPECS = ["RSA-2048", "RSA-3072", "RSA-4096", "P-256", "P-384", "Ed25519"] as const;
export type KeySpec = (typeof KEY_SPECS)[number];
export type SignatureHash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

export interface TestKeyPair {
  spec: KeySpec;
  keys: CryptoKeyPair;
}

export interface CertificateSpec {
  /** RFC 4514, most significant RDN last: "CN=Build Bot,O=Acme,C=US" */
  subject: string;
  /** omitted: self-signed */
  issuer?: TestCertificate;
  /** key spec for a fresh key, or an existing pair (renewal without rekey). Default P-256. */
  key?: KeySpec | TestKeyPair;
  /** positive integer, hex; DER gets a leading 00 when the high bit is set. Default random 16 bytes. */
  serialHex?: string;
  /** whole seconds are kept (X.509 has no sub-second precision) */
  notBefore?: Date;
  notAfter?: Date;
  isCA?: boolean;
  pathLength?: number;
  keyUsage?: KeyUsageName[];
  isKeyUsageCritical?: boolean;
  /** names from EXTENDED_KEY_USAGES ("codeSigning", ...) or dotted OIDs */
  extendedKeyUsage?: string[];
  crlUrls?: string[];
  ocspUrls?: string[];
  caIssuersUrls?: string[];
  /** "DNS:x", "URI:x", "email:x", "IP:x" */
  sans?: string[];
  policies?: string[];
  /** signature hash used by the issuer (Ed25519 ignores it). Default SHA-256 (SHA-384 for P-384). */
  signatureHash?: SignatureHash;
  fulcio?: Partial<Record<FulcioFieldName, string>>;
  /** add subject/authority key identifiers (default true) */
  hasKeyIdentifiers?: boolean;
}

export interface TestCertificate {
  der: Uint8Array;
  /** "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----\n" */
  pem: string;
  certificate: x509.X509Certificate;
  keyPair: TestKeyPair;
  /** the DER INTEGER content octets this certificate was given */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

export async function generateTestKeyPair(spec: KeySpec): Promise<TestKeyPair> {
  const usages: KeyUsage[] = ["sign", "verify"];
  let keys: CryptoKeyPair;
  if (spec.startsWith("RSA-")) {
    const modulusLength = Number(spec.slice(4));
    keys = (await subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      false,
      usages,
    )) as CryptoKeyPair;
  } else if (spec === "Ed25519") {
    keys = (await subtle.generateKey({ name: "Ed25519" }, false, usages)) as CryptoKeyPair;
  } else {
    keys = (await subtle.generateKey({ name: "ECDSA", namedCurve: spec }, false, usages)) as CryptoKeyPair;
  }
  return { spec, keys };
}

/** Normalises a serial to its DER content octets (what the parser reports as serialHex). */
export function derSerialHex(serialHex: string): string {
  let h = serialHex.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]+$/.test(h)) throw new Error(`serial must be hex: ${serialHex}`);
  if (h.length % 2) h = "0" + h;
  return parseInt(h.slice(0, 2), 16) >= 0x80 ? "00" + h : h;
}

export function randomSerialHex(): string {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x10; // positive, and no leading zero octet to trim
  return b.toString("hex");
}

const wholeSeconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

export async function issueCertificate(spec: CertificateSpec): Promise<TestCertificate> {
  const keyPair = typeof spec.key === "object" ? spec.key : await generateTestKeyPair(spec.key ?? "P-256");
  const signer = spec.issuer?.keyPair ?? keyPair;
  const serialHex = derSerialHex(spec.serialHex ?? randomSerialHex());
  const notBefore = wholeSeconds(spec.notBefore ?? new Date());
  const notAfter = wholeSeconds(spec.notAfter ?? new Date(notBefore.getTime() + 365 * 86_400_000));
  const subjectName = new x509.Name(toJsonName(spec.subject));
  const signingAlgorithm = signingAlgorithmFor(signer.spec, spec.signatureHash);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex,
    subject: subjectName,
    issuer: spec.issuer ? spec.issuer.certificate.subjectName : subjectName,
    notBefore,
    notAfter,
    publicKey: keyPair.keys.publicKey,
    signingKey: await signingKeyFor(signer, signingAlgorithm),
    signingAlgorithm,
    extensions: await buildExtensions(spec, keyPair, signer),
  });
  // PEM ends with a newline so files made by concatenation stay readable by every tool
  const pem = `${certificate.toString("pem")}\n`;
  return { der: new Uint8Array(certificate.rawData), pem, certificate, keyPair, serialHex, notBefore, notAfter };
}

const YEAR_MS = 365 * 86_400_000;

export function createTestRootCa(spec: Partial<CertificateSpec> = {}): Promise<TestCertificate> {
  const notBefore = spec.notBefore ?? new Date();
  return issueCertificate({
    subject: "CN=Signet Test Root CA,O=Signet Test,C=US",
    isCA: true,
    keyUsage: ["keyCertSign", "cRLSign"],
    isKeyUsageCritical: true,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 20 * YEAR_MS),
    ...spec,
    issuer: undefined,
  });
}

export function createTestIntermediateCa(
  issuer: TestCertificate,
  spec: Partial<CertificateSpec> = {},
): Promise<TestCertificate> {
  const notBefore = spec.notBefore ?? new Date();
  return issueCertificate({
    subject: "CN=Signet Test Code Signing CA,O=Signet Test,C=US",
    isCA: true,
    pathLength: 0,
    keyUsage: ["keyCertSign", "cRLSign"],
    isKeyUsageCritical: true,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 10 * YEAR_MS),
    ...spec,
    issuer,
  });
}

export function createCodeSigningLeaf(
  issuer: TestCertificate,
  spec: Partial<CertificateSpec> = {},
): Promise<TestCertificate> {
  return issueCertificate({
    subject: "CN=Signet Test Signer,O=Signet Test,C=US",
    keyUsage: ["digitalSignature"],
    isKeyUsageCritical: true,
    extendedKeyUsage: ["codeSigning"],
    ...spec,
    issuer,
  });
}

const RELEASE_WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3";
const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/**
 * A keyless-CI leaf as Fulcio issues one to a GitHub Actions release workflow: a code-signing
 * leaf with an empty subject, an Ed25519 key, the workflow as URI SAN and Fulcio's claims about it.
 */
export function createKeylessCiLeaf(
  issuer: TestCertificate,
  spec: Partial<CertificateSpec> = {},
): Promise<TestCertificate> {
  return createCodeSigningLeaf(issuer, {
    subject: "",
    key: "Ed25519",
    sans: [`URI:${RELEASE_WORKFLOW}`],
    fulcio: {
      issuerV1: GITHUB_OIDC_ISSUER,
      issuerV2: GITHUB_OIDC_ISSUER,
      githubWorkflowRef: "refs/tags/v1.2.3",
      buildSignerUri: RELEASE_WORKFLOW,
      runnerEnvironment: "github-hosted",
    },
    ...spec,
  });
}

/**
 * A root and its code-signing intermediate, both with the given key spec (default P-256) and
 * valid from `notBefore` (default now); `root` adds to the root's spec.
 */
export async function createTestCas(opts: { key?: KeySpec; notBefore?: Date; root?: Partial<CertificateSpec> } = {}) {
  const root = await createTestRootCa({ key: opts.key, notBefore: opts.notBefore, ...opts.root });
  const intermediate = await createTestIntermediateCa(root, { key: opts.key, notBefore: opts.notBefore });
  return { root, intermediate };
}

/** Root → intermediate → code-signing leaf, all with the given key spec (default P-256). */
export async function createTestPki(opts: { key?: KeySpec; notBefore?: Date } = {}) {
  const { root, intermediate } = await createTestCas(opts);
  const leaf = await createCodeSigningLeaf(intermediate, { key: opts.key, notBefore: opts.notBefore });
  return { root, intermediate, leaf };
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** Explicit string types: @peculiar/x509 would read a plain value starting with "#" as hex DER. */
function toJsonName(dn: string): x509.JsonNameParams {
  return parseRfc4514(dn).map((rdn) => {
    const entry: Record<string, x509.JsonAttributeObject[]> = {};
    for (const a of rdn) {
      (entry[a.oid] ??= []).push(PRINTABLE.test(a.value) ? { printableString: a.value } : { utf8String: a.value });
    }
    return entry;
  });
}

function signingAlgorithmFor(spec: KeySpec, hash: SignatureHash | undefined): Algorithm {
  if (spec === "Ed25519") return { name: "Ed25519" };
  if (spec.startsWith("RSA-")) return { name: "RSASSA-PKCS1-v1_5", hash: hash ?? "SHA-256" } as Algorithm;
  return { name: "ECDSA", hash: hash ?? (spec === "P-384" ? "SHA-384" : "SHA-256") } as EcdsaParams;
}

const rsaKeysByHash = new WeakMap<CryptoKey, Map<string, Promise<CryptoKey>>>();

/** WebCrypto binds the hash to an RSA key: re-import the same key in memory for another hash. */
async function signingKeyFor(signer: TestKeyPair, alg: Algorithm): Promise<CryptoKey> {
  const key = signer.keys.privateKey;
  const wanted = (alg as { hash?: string }).hash;
  const current = (key.algorithm as RsaHashedKeyAlgorithm).hash?.name;
  if (alg.name !== "RSASSA-PKCS1-v1_5" || !wanted || wanted === current) return key;
  let byHash = rsaKeysByHash.get(key);
  if (!byHash) rsaKeysByHash.set(key, (byHash = new Map()));
  let converted = byHash.get(wanted);
  if (!converted) {
    const pkcs8 = KeyObject.from(key).export({ type: "pkcs8", format: "der" });
    converted = subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash: wanted }, false, ["sign"]);
    pkcs8.fill(0);
    byHash.set(wanted, converted);
  }
  return converted;
}

async function buildExtensions(
  spec: CertificateSpec,
  keyPair: TestKeyPair,
  signer: TestKeyPair,
): Promise<x509.Extension[]> {
  const exts: x509.Extension[] = [];
  exts.push(new x509.BasicConstraintsExtension(spec.isCA === true, spec.pathLength, spec.isCA === true));
  if (spec.keyUsage?.length) {
    const flags = spec.keyUsage.reduce((acc, name) => acc | (1 << KEY_USAGE_BITS.indexOf(name)), 0);
    exts.push(new x509.KeyUsagesExtension(flags, spec.isKeyUsageCritical ?? false));
  }
  if (spec.extendedKeyUsage?.length) {
    exts.push(new x509.ExtendedKeyUsageExtension(spec.extendedKeyUsage.map((e) => EXTENDED_KEY_USAGE_OIDS[e] ?? e)));
  }
  if (spec.hasKeyIdentifiers !== false) {
    exts.push(await x509.SubjectKeyIdentifierExtension.create(keyPair.keys.publicKey));
    exts.push(await x509.AuthorityKeyIdentifierExtension.create(signer.keys.publicKey));
  }
  if (spec.crlUrls?.length) exts.push(new x509.CRLDistributionPointsExtension(spec.crlUrls));
  if (spec.ocspUrls?.length || spec.caIssuersUrls?.length) {
    exts.push(
      new x509.AuthorityInfoAccessExtension({ ocsp: spec.ocspUrls ?? [], caIssuers: spec.caIssuersUrls ?? [] }),
    );
  }
  if (spec.sans?.length) exts.push(new x509.SubjectAlternativeNameExtension(spec.sans.map(toJsonGeneralName)));
  if (spec.policies?.length) exts.push(new x509.CertificatePolicyExtension(spec.policies));
  for (const [arc, field] of Object.entries(FULCIO_FIELDS)) {
    const v = spec.fulcio?.[field];
    if (v === undefined) continue;
    // arcs 1-6 carry the raw string; 8+ a DER UTF8String (sigstore/fulcio docs/oid-info.md)
    const bytes = Number(arc) <= 6 ? new TextEncoder().encode(v) : utf8(v);
    exts.push(new x509.Extension(`1.3.6.1.4.1.57264.1.${arc}`, false, bytes));
  }
  return exts;
}

function toJsonGeneralName(san: string): x509.JsonGeneralName {
  const i = san.indexOf(":");
  const kind = san.slice(0, i);
  const value = san.slice(i + 1);
  const type = ({ DNS: "dns", URI: "url", email: "email", IP: "ip" } as const)[kind as "DNS" | "URI" | "email" | "IP"];
  if (!type) throw new Error(`unsupported SAN ${san}`);
  return { type, value };
}
