import { hash } from "node:crypto";
import type { ContentInfo } from "@peculiar/asn1-cms";
import { CertificationRequest } from "@peculiar/asn1-csr";
import { AsnParser } from "@peculiar/asn1-schema";
import { Certificate, CertificateList } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import { childrenOfTree, DerError, outerElementEnd, parseTree, SEQUENCE_TAG } from "./asn1";
import { Collector, PrivateKeyFound } from "./collector";
import { decodeCertificateFast } from "./fast-certificate";
import { decodeBareBase64, hasPemMarker, scanPem, type PemBlock } from "./pem";
import { asPkcs7ContentInfo, extractPkcs7Certificates } from "./pkcs7";
import { derLooksLikePrivateKey, isJavaKeystore, textHasPrivateKeyMarker } from "./private-key";
import type { ParseResult } from "./types";

export interface ParseFileOptions {
  fileName?: string;
  /** refuse bigger inputs (default 32 MiB) */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Parses whatever a user uploads as "a certificate": PEM (any number of blocks, junk around
 * them), DER, PKCS#7/CMS in DER or PEM, bare base64. Never throws for bad input: problems come
 * back in `errors`. Exact duplicate certificates inside one file are returned once.
 * A file holding a private key is refused as a whole.
 */
export function parseCertificateFile(bytes: Uint8Array, opts: ParseFileOptions = {}): ParseResult {
  const c = new Collector(opts.fileName);
  if (bytes.length === 0) return c.fail("empty-file", "empty file");
  if (bytes.length > (opts.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return c.fail(
      "file-too-large",
      `file is too large (${bytes.length} bytes; the limit is ${opts.maxBytes ?? DEFAULT_MAX_BYTES})`,
    );
  }
  try {
    parseInto(bytes, c);
  } catch (e) {
    if (e instanceof PrivateKeyFound) return c.refusePrivateKey();
    // a library failure we did not anticipate must still come back as a reason, never a throw
    c.error("malformed-der", `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return c.result();
}

function parseInto(bytes: Uint8Array, c: Collector): void {
  if (isJavaKeystore(bytes)) throw new PrivateKeyFound();
  if (looksLikeDer(bytes)) {
    c.format = "der";
    parseDerElements(bytes, c, null);
    return;
  }
  const text = asText(bytes);
  if (textHasPrivateKeyMarker(text)) throw new PrivateKeyFound();
  if (hasPemMarker(text)) {
    parsePem(text, c);
    return;
  }
  if (text.trim().length === 0) {
    c.error("empty-file", "empty file (only whitespace)");
    return;
  }
  const bare = decodeBareBase64(text);
  if (bare && bare[0] === SEQUENCE_TAG) {
    c.format = "base64";
    parseDerElements(bare, c, null);
    return;
  }
  c.error("not-a-certificate", notCertificateReason(bytes));
}

/** Latin-1 view of the bytes (ASCII is all PEM needs); UTF-16 with a BOM, as Windows PowerShell 5
 * `Out-File` writes, is decoded first. */
function asText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString("utf16le");
  return buf.toString("latin1");
}

function looksLikeDer(bytes: Uint8Array): boolean {
  if (bytes[0] !== SEQUENCE_TAG || bytes.length < 2) return false;
  if (bytes[1] >= 0x80) return true;
  // short-form length (small keys, empty PKCS#7): accept when it parses to the end of the file
  try {
    return isPadding(bytes, outerElementEnd(bytes, 0));
  } catch {
    return false;
  }
}

function notCertificateReason(bytes: Uint8Array): string {
  const printable = isMostlyText(bytes.subarray(0, 4096));
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    return "not a certificate: this is a Windows executable; export the signer certificate from its signature instead";
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return "not a certificate: this is a ZIP archive (jar/apk/xpi?); extract the certificate file first";
  }
  return printable
    ? "not a certificate: text file without any PEM certificate block"
    : "not a certificate: unrecognised binary data";
}

function isMostlyText(head: Uint8Array): boolean {
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

function parsePem(text: string, c: Collector): void {
  const blocks = scanPem(text);
  // A private key under any label refuses the whole file. Blocks that parse as certificates
  // cannot be keys; the others are checked as they are met (parseDerElements), or here when their
  // label alone would have turned them away.
  for (const b of blocks) if (b.der && refusedLabel(b) && derLooksLikePrivateKey(b.der)) throw new PrivateKeyFound();
  let pkcs7Blocks = 0;
  for (const b of blocks) {
    if (b.problem || !b.der) {
      c.error(b.problem?.code ?? "bad-base64", b.problem?.message ?? "unreadable PEM block", b.index);
      continue;
    }
    const refusal = refusedLabel(b);
    if (refusal) {
      c.error("unsupported-pem-block", `PEM block ${b.index} is ${refusal}, not a certificate`, b.index);
      continue;
    }
    if (parseDerElements(b.der, c, b) === "pkcs7") pkcs7Blocks++;
  }
  c.format = pkcs7Blocks > 0 && pkcs7Blocks === blocks.length ? "pkcs7-pem" : "pem";
}

function refusedLabel(b: PemBlock): string | null {
  const l = b.label.toUpperCase();
  if (l.includes("CERTIFICATE REQUEST")) return "a certificate signing request (CSR)";
  if (l.includes("CRL")) return "a certificate revocation list (CRL)";
  if (l.includes("PUBLIC KEY")) return "a bare public key (Signet needs the certificate)";
  return null;
}

type ElementKind = "certificate" | "pkcs7" | "csr" | "crl" | "unknown";

/** Parses one or more concatenated DER/BER elements. Returns the kind of the first. */
function parseDerElements(buf: Uint8Array, c: Collector, block: PemBlock | null): ElementKind | null {
  const where = block ? `PEM block ${block.index}` : "the file";
  const isTrusted = block?.label.toUpperCase() === "TRUSTED CERTIFICATE"; // OpenSSL: cert + aux data
  let offset = 0;
  let firstKind: ElementKind | null = null;
  for (let n = 0; offset < buf.length; n++) {
    if (isPadding(buf, offset)) break;
    let end: number;
    try {
      end = outerElementEnd(buf, offset);
    } catch (e) {
      if (n > 0) {
        c.error(
          "trailing-data",
          `${buf.length - offset} bytes of unreadable data after the certificate data in ${where} were ignored`,
          block?.index,
        );
      } else if (e instanceof DerError && e.isLengthBeyondInput) {
        c.error(
          "der-length-exceeds-file",
          block
            ? `DER length field exceeds the data in PEM block ${block.index} (block cut short?)`
            : "DER length field exceeds file size (file cut short?)",
          block?.index,
        );
      } else {
        c.error("malformed-der", `malformed DER in ${where}: ${(e as Error).message}`, block?.index);
      }
      return firstKind;
    }
    const kind = handleElement(buf.subarray(offset, end), c, block, where);
    firstKind ??= kind;
    offset = end;
    if (isTrusted) break;
  }
  return firstKind;
}

/** Certificates, the common case, take one decode (the DER fast path, else the library); everything else is identified on the slow path. */
function handleElement(element: Uint8Array, c: Collector, block: PemBlock | null, where: string): ElementKind {
  const index = block?.index;
  const what = `the certificate in ${where}`;
  const sha256 = hash("sha256", element, "hex");
  if (c.isDuplicate(sha256)) return "certificate";
  let certError: unknown = null;
  if (element[0] === SEQUENCE_TAG) {
    // the strict DER reader first; null means "not the common shape": the library decides
    const facts = decodeCertificateFast(element, { sha256 });
    if (facts) {
      c.addFacts(facts);
      return "certificate";
    }
    try {
      const cert = AsnParser.parse(element, Certificate);
      c.addCertificate(element, index, what, { sha256, cert });
      return "certificate";
    } catch (e) {
      certError = e;
    }
  }
  if (derLooksLikePrivateKey(element)) throw new PrivateKeyFound();
  const pkcs7 = asPkcs7ContentInfo(element);
  if (pkcs7) {
    handlePkcs7(pkcs7, c, block, where);
    return "pkcs7";
  }
  const kind = classifyNonCertificate(element);
  switch (kind) {
    case "certificate":
      c.addCertificate(element, index, what, { sha256, error: certError });
      return kind;
    case "csr":
      c.error("not-a-certificate", `not a certificate: ${where} holds a certificate signing request (CSR)`, index);
      return kind;
    case "crl":
      c.error("not-a-certificate", `not a certificate: ${where} holds a certificate revocation list (CRL)`, index);
      return kind;
    default:
      c.error("not-a-certificate", `not a certificate: ${where} holds unrecognised ASN.1 data`, index);
      return kind;
  }
}

function handlePkcs7(info: ContentInfo, c: Collector, block: PemBlock | null, where: string): void {
  const index = block?.index;
  if (!block) c.format = "pkcs7-der";
  let outcome;
  try {
    outcome = extractPkcs7Certificates(info);
  } catch (e) {
    c.error("malformed-der", `malformed PKCS#7 in ${where}: ${(e as Error).message}`, index);
    return;
  }
  if (outcome.kind === "unsupported") {
    c.error("pkcs7-unsupported", outcome.reason, index);
  } else if (outcome.certificates.length === 0) {
    c.error("pkcs7-no-certificates", "PKCS#7 contains no certificates", index);
  } else {
    outcome.certificates.forEach(({ der, certificate }, k) => {
      const sha256 = hash("sha256", der, "hex");
      if (!c.isDuplicate(sha256))
        c.addCertificate(der, index, `certificate ${k + 1} of the PKCS#7 bundle in ${where}`, {
          sha256,
          cert: certificate,
        });
    });
  }
}

/** For an element that did not decode as a Certificate: a CSR, a CRL, a damaged certificate, or other. */
function classifyNonCertificate(element: Uint8Array): ElementKind {
  if (parsesAs(element, CertificationRequest)) return "csr";
  if (parsesAs(element, CertificateList)) return "crl";
  try {
    // SEQUENCE { SEQUENCE, AlgorithmIdentifier, BIT STRING }: a signed object, so a damaged certificate
    const [tbs, alg, sig] = childrenOfTree(parseTree(element));
    if (tbs instanceof asn1js.Sequence && alg instanceof asn1js.Sequence && sig instanceof asn1js.BitString)
      return "certificate";
  } catch {
    // not even BER
  }
  return "unknown";
}

function parsesAs<T>(element: Uint8Array, type: new () => T): boolean {
  try {
    AsnParser.parse(element, type);
    return true;
  } catch {
    return false;
  }
}

function isPadding(buf: Uint8Array, from: number): boolean {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}
