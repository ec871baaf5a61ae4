// Test support: what `openssl x509` says about a certificate, parsed into comparable fields.
// Used by the agreement tests; needs the openssl binary (Debian's openssl 3).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  certificateFieldsExcept,
  pickFields,
  type CertificateFields,
  type WithIsoDates,
} from "@/lib/domain/certificate-fields";
import { ekuName } from "../oids";
import type { CertificateFacts } from "../types";

export interface OpensslView {
  subject: string;
  issuer: string;
  /** as printed: uppercase hex without the DER sign octet */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  sha256: string;
  publicKeyAlgorithm: string;
  keyBits: number | null;
  nistCurve: string | null;
  signatureAlgorithm: string;
  /** extension name ("X509v3 Extended Key Usage", or the OID) → its text lines */
  extensions: Map<string, { isCritical: boolean; lines: string[] }>;
}

export function opensslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed code-signing certificate made by openssl itself (its key by `genpkey keyArgs`), as DER; the files go in `dir`. */
export function opensslSelfSigned(dir: string, name: string, keyArgs: string[], extra: string[] = []): Uint8Array {
  const key = join(dir, `${name}.key`);
  const crt = join(dir, `${name}.crt`);
  execFileSync("openssl", ["genpkey", ...keyArgs, "-out", key], { stdio: "pipe" });
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-key",
      key,
      "-out",
      crt,
      "-outform",
      "DER",
      "-subj",
      `/CN=${name}/O=OpenSSL Made`,
      "-days",
      "30",
      "-addext",
      "extendedKeyUsage=codeSigning",
      ...extra,
    ],
    { stdio: "pipe" },
  );
  return new Uint8Array(readFileSync(crt));
}

export function opensslX509(der: Uint8Array, nameopt = "RFC2253"): OpensslView {
  const out = execFileSync(
    "openssl",
    [
      "x509",
      "-inform",
      "DER",
      "-noout",
      "-subject",
      "-issuer",
      "-serial",
      "-dates",
      "-fingerprint",
      "-sha256",
      "-text",
      "-nameopt",
      nameopt,
    ],
    { input: der, encoding: "utf8" },
  );
  const line = (prefix: string) => {
    const l = out.split("\n").find((x) => x.startsWith(prefix));
    if (l === undefined) throw new Error(`openssl output has no ${prefix}`);
    return l.slice(prefix.length).trim();
  };
  const match = (re: RegExp) => re.exec(out)?.[1] ?? null;
  const bits = match(/Public-Key: \((\d+) bit\)/);
  return {
    subject: line("subject="),
    issuer: line("issuer="),
    serial: line("serial="),
    notBefore: opensslDate(line("notBefore=")),
    notAfter: opensslDate(line("notAfter=")),
    sha256: line("sha256 Fingerprint=").replace(/:/g, "").toLowerCase(),
    publicKeyAlgorithm: match(/Public Key Algorithm: (\S+)/) ?? "",
    keyBits: bits ? Number(bits) : null,
    nistCurve: match(/NIST CURVE: (\S+)/),
    signatureAlgorithm: match(/Signature Algorithm: (\S+)/) ?? "",
    extensions: extensionSections(out),
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function opensslDate(s: string): Date {
  // "May  8 19:08:58 2017 GMT"
  const m = /^(\w{3})\s+(\d+) (\d\d):(\d\d):(\d\d) (\d{4}) GMT$/.exec(s);
  if (!m) throw new Error(`unexpected openssl date ${s}`);
  return new Date(Date.UTC(Number(m[6]), MONTHS.indexOf(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])));
}

function extensionSections(text: string): OpensslView["extensions"] {
  const sections: OpensslView["extensions"] = new Map();
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === "X509v3 extensions:");
  if (start < 0) return sections;
  let current: { isCritical: boolean; lines: string[] } | null = null;
  for (const l of lines.slice(start + 1)) {
    if (/^ {0,11}\S/.test(l)) break; // left the extensions block
    const header = /^ {12}(\S.*?):\s*(critical)?\s*$/.exec(l);
    if (header) {
      current = { isCritical: header[2] === "critical", lines: [] };
      sections.set(header[1], current);
    } else if (current && l.trim()) {
      current.lines.push(l.trim());
    }
  }
  return sections;
}

/** Values after "URI:" in an extension's lines, in order. */
export function uris(lines: string[] | undefined, prefix = ""): string[] {
  return (lines ?? [])
    .filter((l) => l.startsWith(prefix))
    .flatMap((l) => [...l.matchAll(/URI:(\S+)/g)].map((m) => m[1]));
}

/** OpenSSL's RFC2253 output escapes every UTF-8 byte above 0x7f as \XX. */
export function escapeHighBytes(s: string): string {
  return Array.from(s, (ch) =>
    ch.charCodeAt(0) < 0x80
      ? ch
      : Array.from(Buffer.from(ch, "utf8"), (b) => "\\" + b.toString(16).toUpperCase()).join(""),
  ).join("");
}

export const OPENSSL_EKU_NAMES: Record<string, string> = {
  "Code Signing": "codeSigning",
  "TLS Web Server Authentication": "serverAuth",
  "TLS Web Client Authentication": "clientAuth",
  "E-mail Protection": "emailProtection",
  "Time Stamping": "timeStamping",
  "OCSP Signing": "OCSPSigning",
  "Any Extended Key Usage": "anyExtendedKeyUsage",
  "Microsoft Individual Code Signing": "msCodeInd",
  "Microsoft Commercial Code Signing": "msCodeCom",
  "Microsoft Trust List Signing": "msCTLSign",
  "Microsoft Encrypted File System": "msEFS",
  "Microsoft Smartcard Login": "msSmartcardLogin",
};

export const OPENSSL_KEY_USAGE_NAMES: Record<string, string> = {
  "Digital Signature": "digitalSignature",
  "Non Repudiation": "nonRepudiation",
  "Key Encipherment": "keyEncipherment",
  "Data Encipherment": "dataEncipherment",
  "Key Agreement": "keyAgreement",
  "Certificate Sign": "keyCertSign",
  "CRL Sign": "cRLSign",
  "Encipher Only": "encipherOnly",
  "Decipher Only": "decipherOnly",
};

export const OPENSSL_KEY_ALGORITHMS: Record<string, string> = {
  rsaEncryption: "RSA",
  rsassaPss: "RSA-PSS",
  "id-ecPublicKey": "EC",
  ED25519: "Ed25519",
  ED448: "Ed448",
};

/** The certificate fields OpenSSL also states (all but these), compared in its conventions (dates as ISO text). */
const COMPARED_FIELDS = certificateFieldsExcept([
  "der",
  "sha1",
  "subjectCn",
  "issuerCn",
  "serialHex",
  "isSelfSigned",
  "fulcio",
  "isKeyless",
]);

/**
 * The facts both sides can state, in one shape, from OpenSSL's point of view: `serial` without the
 * DER sign octet, `ekus` by OpenSSL's name when it has one (else the OID).
 */
export type ComparableFacts = WithIsoDates<Pick<CertificateFields, (typeof COMPARED_FIELDS)[number]>> & {
  serial: string;
};

export function comparableFromOpenssl(v: OpensslView): ComparableFacts {
  const ext = (name: string) => v.extensions.get(name);
  const bc = ext("X509v3 Basic Constraints")?.lines.join(", ") ?? "";
  const ku = ext("X509v3 Key Usage");
  const aia = ext("Authority Information Access")?.lines;
  const hexId = (s: string | undefined) =>
    s
      ? s
          .replace(/^keyid:/, "")
          .replace(/:/g, "")
          .toLowerCase()
      : null;
  const splitList = (name: string) => ext(name)?.lines.join(", ").split(/,\s*/).filter(Boolean) ?? [];
  return {
    subject: v.subject,
    issuer: v.issuer,
    serial: v.serial.toLowerCase(),
    notBefore: v.notBefore.toISOString(),
    notAfter: v.notAfter.toISOString(),
    sha256: v.sha256,
    keyAlgorithm: OPENSSL_KEY_ALGORITHMS[v.publicKeyAlgorithm] ?? v.publicKeyAlgorithm,
    keyBits: v.keyBits,
    curve: v.nistCurve,
    signatureAlgorithm:
      v.signatureAlgorithm === "ED25519"
        ? "Ed25519"
        : v.signatureAlgorithm === "ED448"
          ? "Ed448"
          : v.signatureAlgorithm,
    isCA: /CA:TRUE/.test(bc),
    pathLength: /pathlen:(\d+)/.exec(bc) ? Number(/pathlen:(\d+)/.exec(bc)![1]) : null,
    keyUsage: (ku?.lines.join(", ").split(/,\s*/).filter(Boolean) ?? []).map((k) => OPENSSL_KEY_USAGE_NAMES[k] ?? k),
    isKeyUsageCritical: ku?.isCritical ?? false,
    ekus: splitList("X509v3 Extended Key Usage").map((e) => OPENSSL_EKU_NAMES[e] ?? e),
    crlUrls: uris(ext("X509v3 CRL Distribution Points")?.lines),
    ocspUrls: uris(aia, "OCSP - "),
    caIssuersUrls: uris(aia, "CA Issuers - "),
    sans: splitList("X509v3 Subject Alternative Name").map((s) =>
      s.replace(/^IP Address:(.*)$/, (_, ip: string) => `IP:${canonicalIp(ip)}`),
    ),
    policies: (ext("X509v3 Certificate Policies")?.lines ?? [])
      .filter((l) => l.startsWith("Policy: "))
      .map((l) => l.slice(8)),
    subjectKeyId: hexId(ext("X509v3 Subject Key Identifier")?.lines[0]),
    authorityKeyId: hexId(
      ext("X509v3 Authority Key Identifier")?.lines.find((l) => /^(keyid:)?[0-9A-F]{2}(:[0-9A-F]{2})*$/.test(l)),
    ),
  };
}

/** Our facts in OpenSSL's conventions (escaped UTF-8, serial without the sign octet, its EKU names). */
export function comparableFromFacts(f: CertificateFacts, openssl: OpensslView): ComparableFacts {
  const opensslEkuNames = new Set(Object.values(OPENSSL_EKU_NAMES));
  return {
    ...pickFields(f, COMPARED_FIELDS),
    subject: escapeHighBytes(f.subject),
    issuer: escapeHighBytes(f.issuer),
    serial: f.serialHex.replace(/^(00)+(?=.)/, "") || "00",
    notBefore: f.notBefore.toISOString(),
    notAfter: f.notAfter.toISOString(),
    keyBits: openssl.keyBits === null ? null : f.keyBits, // OpenSSL prints no size for EdDSA keys
    ekus: f.ekus.map((oid) => (opensslEkuNames.has(ekuName(oid)) ? ekuName(oid) : oid)),
  };
}

/** IPv6 as the WHATWG URL parser writes it (compressed, lowercase); IPv4 unchanged. */
function canonicalIp(ip: string): string {
  return ip.includes(":") ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}
