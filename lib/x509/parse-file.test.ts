import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificateFile } from "./parse-file";
import { concat, ctx, int, oid, seq, set, tlv } from "./testing/der-writer";
import { createCodeSigningLeaf, createTestCas, issueCertificate, type TestCertificate } from "./testing/test-ca";
import type { ParseResult } from "./types";

const enc = (s: string) => new TextEncoder().encode(s);
const pemOf = (der: Uint8Array, label = "CERTIFICATE") =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "")}\n-----END ${label}-----\n`;
const shas = (r: ParseResult) => r.certificates.map((c) => c.sha256);

let root: TestCertificate;
let ca: TestCertificate;
let leaf: TestCertificate;
let tmp: string;

beforeAll(async () => {
  ({ root, intermediate: ca } = await createTestCas({ notBefore: new Date("2024-01-01T00:00:00Z") }));
  leaf = await createCodeSigningLeaf(ca, {
    notBefore: new Date("2024-06-01T00:00:00Z"),
    crlUrls: ["http://crl.example.com/ca.crl"],
  });
  tmp = mkdtempSync(join(tmpdir(), "signet-x509-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (c: TestCertificate) => parseCertificateFile(c.der).certificates[0].sha256;

describe("accepted encodings", () => {
  it("single PEM", () => {
    const r = parseCertificateFile(enc(leaf.pem), { fileName: "leaf.pem" });
    expect(r).toMatchObject({
      fileName: "leaf.pem",
      format: "pem",
      errors: [],
      duplicateCount: 0,
      hasPrivateKey: false,
    });
    expect(shas(r)).toEqual([sha(leaf)]);
  });

  it("several PEM blocks with text around them, CRLF line ends and indentation", () => {
    const text = [
      "Bag Attributes: friendlyName: build-bot",
      leaf.pem,
      "subject=CN=whatever — notes in UTF-8 ✓",
      ca.pem.replace(/\n/g, "\r\n"),
      root.pem
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n"),
      "trailing junk",
    ].join("\n");
    const r = parseCertificateFile(enc(text));
    expect(r.errors).toEqual([]);
    expect(shas(r)).toEqual([sha(leaf), sha(ca), sha(root)]);
  });

  it("blocks glued together with no newline between END and BEGIN", () => {
    expect(shas(parseCertificateFile(enc(leaf.pem.trimEnd() + ca.pem.trimEnd())))).toEqual([sha(leaf), sha(ca)]);
  });

  it("PEM with RFC 1421 headers and without base64 padding", () => {
    const b64 = Buffer.from(leaf.der).toString("base64").replace(/=+$/, "");
    const text = `-----BEGIN CERTIFICATE-----\nProc-Type: none\n\n${b64}\n-----END CERTIFICATE-----\n`;
    expect(shas(parseCertificateFile(enc(text)))).toEqual([sha(leaf)]);
  });

  it("raw DER, DER with trailing newline, and concatenated DER certificates", () => {
    expect(parseCertificateFile(leaf.der)).toMatchObject({ format: "der", errors: [] });
    expect(shas(parseCertificateFile(concat([leaf.der, enc("\r\n\0")])))).toEqual([sha(leaf)]);
    expect(shas(parseCertificateFile(concat([leaf.der, ca.der, root.der])))).toEqual([sha(leaf), sha(ca), sha(root)]);
  });

  it("UTF-16 text with a byte order mark (Windows PowerShell Out-File)", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leaf.pem.replace(/\n/g, "\r\n"), "utf16le")]);
    expect(shas(parseCertificateFile(le))).toEqual([sha(leaf)]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ca.pem, "utf16le").swap16()]);
    expect(shas(parseCertificateFile(be))).toEqual([sha(ca)]);
  });

  it("bare base64 without armour", () => {
    const r = parseCertificateFile(enc(Buffer.from(leaf.der).toString("base64").replace(/.{76}/g, "$&\n")));
    expect(r.format).toBe("base64");
    expect(shas(r)).toEqual([sha(leaf)]);
  });

  it("degenerate PKCS#7 (.p7b) in DER and in PEM labelled PKCS7 or CMS", () => {
    const p7 = new x509.X509Certificates([leaf.certificate, ca.certificate, root.certificate]);
    const der = new Uint8Array(p7.export("raw"));
    const fromDer = parseCertificateFile(der);
    expect(fromDer).toMatchObject({ format: "pkcs7-der", errors: [] });
    expect(shas(fromDer)).toEqual([sha(leaf), sha(ca), sha(root)]);
    for (const label of ["PKCS7", "CMS"]) {
      const r = parseCertificateFile(enc(`Exported chain\n${pemOf(der, label)}`));
      expect(r).toMatchObject({ format: "pkcs7-pem", errors: [] });
      expect(shas(r)).toEqual([sha(leaf), sha(ca), sha(root)]);
    }
  });

  it("PKCS#7 written by openssl crl2pkcs7, and signed CMS (.p7s) in DER and streamed BER", () => {
    writeFileSync(join(tmp, "chain.pem"), leaf.pem + ca.pem);
    const p7b = execFileSync("openssl", ["crl2pkcs7", "-nocrl", "-certfile", join(tmp, "chain.pem")]);
    expect(shas(parseCertificateFile(p7b))).toEqual([sha(leaf), sha(ca)]);

    // a throwaway signer made by openssl inside the temp dir, deleted afterwards
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        join(tmp, "k.pem"),
        "-out",
        join(tmp, "signer.pem"),
        "-subj",
        "/CN=CMS Signer",
        "-days",
        "2",
      ],
      { stdio: "pipe" },
    );
    writeFileSync(join(tmp, "data.txt"), "artifact bytes");
    const signer = parseCertificateFile(readFileSync(join(tmp, "signer.pem"))).certificates[0].sha256;
    for (const extra of [[], ["-stream"]]) {
      const p7s = execFileSync("openssl", [
        "cms",
        "-sign",
        "-binary",
        "-in",
        join(tmp, "data.txt"),
        "-signer",
        join(tmp, "signer.pem"),
        "-inkey",
        join(tmp, "k.pem"),
        "-certfile",
        join(tmp, "chain.pem"),
        "-outform",
        "DER",
        ...extra,
      ]);
      if (extra.length) expect(p7s[1]).toBe(0x80); // indefinite-length BER
      const r = parseCertificateFile(p7s);
      expect(r.errors).toEqual([]);
      expect(shas(r).sort()).toEqual([signer, sha(leaf), sha(ca)].sort());
    }
  });

  it("a .cer/.crt is read by content, whatever its extension says", () => {
    expect(shas(parseCertificateFile(leaf.der, { fileName: "signer.crt" }))).toEqual([sha(leaf)]);
    expect(shas(parseCertificateFile(enc(leaf.pem), { fileName: "signer.cer" }))).toEqual([sha(leaf)]);
  });

  it("OpenSSL TRUSTED CERTIFICATE blocks (certificate followed by trust settings)", () => {
    writeFileSync(join(tmp, "leaf.pem"), leaf.pem);
    const trusted = execFileSync("openssl", [
      "x509",
      "-in",
      join(tmp, "leaf.pem"),
      "-addtrust",
      "codeSigning",
      "-trustout",
    ]);
    expect(trusted.toString()).toContain("BEGIN TRUSTED CERTIFICATE");
    expect(parseCertificateFile(trusted)).toMatchObject({ errors: [], certificates: [{ sha256: sha(leaf) }] });
  });
});

describe("validity dates and serial numbers", () => {
  it("UTCTime through 2049, GeneralizedTime from 2050, and 1950-1999 UTCTime years", async () => {
    const c = await issueCertificate({
      subject: "CN=Dates",
      notBefore: new Date("1999-12-31T23:59:59Z"),
      notAfter: new Date("2050-01-01T00:00:00Z"),
    });
    const hex = Buffer.from(c.der).toString("hex");
    expect(hex).toContain("170d3939313233313233353935395a"); // UTCTime 991231235959Z
    expect(hex).toContain("180f32303530303130313030303030305a"); // GeneralizedTime 20500101000000Z
    const f = parseCertificateFile(c.der).certificates[0];
    expect(f.notBefore.toISOString()).toBe("1999-12-31T23:59:59.000Z");
    expect(f.notAfter.toISOString()).toBe("2050-01-01T00:00:00.000Z");

    const edge = await issueCertificate({
      subject: "CN=Edge",
      notBefore: new Date("2049-12-31T23:59:59Z"),
      notAfter: new Date("2199-06-30T12:00:00Z"),
    });
    const e = parseCertificateFile(edge.der).certificates[0];
    expect([e.notBefore.toISOString(), e.notAfter.toISOString()]).toEqual([
      "2049-12-31T23:59:59.000Z",
      "2199-06-30T12:00:00.000Z",
    ]);
  });

  it.each([
    ["01", "01"],
    ["7f", "7f"],
    ["80", "0080"],
    ["ff", "00ff"],
    ["00ff", "00ff"],
    ["0100", "0100"],
    ["f123456789abcdef0123456789abcdef01234567", "00f123456789abcdef0123456789abcdef01234567"],
  ])("serial %s is reported as its DER content octets %s", async (input, expected) => {
    const c = await issueCertificate({ subject: "CN=Serial", issuer: ca, serialHex: input });
    expect(parseCertificateFile(c.der).certificates[0].serialHex).toBe(expected);
  });
});

describe("duplicates", () => {
  it("a bundle of 1,000 copies of one certificate parses quickly and returns it once", () => {
    const bundle = enc(leaf.pem.repeat(1000));
    const started = performance.now();
    const r = parseCertificateFile(bundle);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.errors).toEqual([]);
    expect(shas(r)).toEqual([sha(leaf)]);
    expect(r.duplicateCount).toBe(999);
  });
});

describe("malformed input gets a clear reason", () => {
  it("empty and whitespace-only files", () => {
    expect(parseCertificateFile(new Uint8Array()).errors).toEqual([{ code: "empty-file", message: "empty file" }]);
    expect(parseCertificateFile(enc(" \r\n\t\n")).errors[0].code).toBe("empty-file");
  });

  it("truncated PEM block", () => {
    const cut = leaf.pem.slice(0, leaf.pem.indexOf("-----END"));
    const r = parseCertificateFile(enc(cut));
    expect(r.certificates).toEqual([]);
    expect(r.errors).toEqual([
      { code: "truncated-pem", message: "truncated PEM block 1: no END CERTIFICATE line", block: 1 },
    ]);
  });

  it("a truncated block followed by a good one: the good one still parses", () => {
    const cut = leaf.pem.slice(0, leaf.pem.indexOf("-----END"));
    const r = parseCertificateFile(enc(cut + ca.pem));
    expect(shas(r)).toEqual([sha(ca)]);
    expect(r.errors).toEqual([
      { code: "truncated-pem", message: "truncated PEM block 1: no END CERTIFICATE line", block: 1 },
    ]);
  });

  it("bad base64 in the second block", () => {
    const bad = ca.pem.replace(/\n(.{10})/, "\n$1!@");
    const r = parseCertificateFile(enc(leaf.pem + bad));
    expect(shas(r)).toEqual([sha(leaf)]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "bad-base64", block: 2 });
    expect(r.errors[0].message).toMatch(/^bad base64 in PEM block 2: unexpected character "!"/);
  });

  it("base64 that decodes but is cut short inside the DER", () => {
    const b64 = Buffer.from(leaf.der.subarray(0, 200)).toString("base64");
    const r = parseCertificateFile(enc(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`));
    expect(r.errors).toEqual([
      {
        code: "der-length-exceeds-file",
        message: "DER length field exceeds the data in PEM block 1 (block cut short?)",
        block: 1,
      },
    ]);
  });

  it("corrupted DER length field and a DER file cut short", () => {
    const corrupt = new Uint8Array(leaf.der);
    corrupt[2] = 0x7f; // outer length (two-octet form) now far larger than the file
    expect(parseCertificateFile(corrupt).errors).toEqual([
      { code: "der-length-exceeds-file", message: "DER length field exceeds file size (file cut short?)" },
    ]);
    expect(parseCertificateFile(leaf.der.subarray(0, leaf.der.length - 10)).errors[0].code).toBe(
      "der-length-exceeds-file",
    );
  });

  it("a damaged field inside an otherwise framed certificate", () => {
    const damaged = new Uint8Array(leaf.der);
    const tbsStart = 4; // outer SEQUENCE header is 4 octets for a certificate this size
    damaged[tbsStart + 4] = 0x31; // turn the [0] version tag into a SET
    const r = parseCertificateFile(damaged);
    expect(r.certificates).toEqual([]);
    expect(r.errors[0].code).toBe("invalid-certificate");
    expect(r.errors[0].message).toMatch(/^the certificate in the file is malformed: /);
  });

  it("random binary bytes and random text", () => {
    let seed = 7;
    const random = Uint8Array.from(
      { length: 2048 },
      () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff,
    );
    random[0] = 0x9f;
    expect(parseCertificateFile(random).errors).toEqual([
      { code: "not-a-certificate", message: "not a certificate: unrecognised binary data" },
    ]);
    expect(parseCertificateFile(enc("hello, this is my certificate, I promise\n")).errors).toEqual([
      { code: "not-a-certificate", message: "not a certificate: text file without any PEM certificate block" },
    ]);
  });

  it("executables and archives get a hint", () => {
    expect(parseCertificateFile(concat([enc("MZ"), new Uint8Array(300)])).errors[0].message).toMatch(
      /Windows executable/,
    );
    expect(
      parseCertificateFile(concat([Uint8Array.of(0x50, 0x4b, 3, 4), new Uint8Array(300)])).errors[0].message,
    ).toMatch(/ZIP archive/);
  });

  it("PKCS#7 with no certificates, in DER and PEM", () => {
    const empty = seq(
      oid("1.2.840.113549.1.7.2"),
      ctx(0, true, seq(int(1), set(), seq(oid("1.2.840.113549.1.7.1")), set())),
    );
    expect(parseCertificateFile(empty).errors).toEqual([
      { code: "pkcs7-no-certificates", message: "PKCS#7 contains no certificates" },
    ]);
    expect(parseCertificateFile(enc(pemOf(empty, "PKCS7"))).errors).toEqual([
      { code: "pkcs7-no-certificates", message: "PKCS#7 contains no certificates", block: 1 },
    ]);
  });

  it("PKCS#7 of a type that carries no certificates", () => {
    const enveloped = seq(oid("1.2.840.113549.1.7.3"), ctx(0, true, seq(int(0))));
    expect(parseCertificateFile(enveloped).errors[0]).toMatchObject({
      code: "pkcs7-unsupported",
      message: "PKCS#7 content type envelopedData carries no certificates",
    });
  });

  it("CSRs, CRLs and bare public keys are named for what they are", async () => {
    const keys = leaf.keyPair.keys;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: "CN=csr",
      keys,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams,
    });
    const crl = await x509.X509CrlGenerator.create({
      issuer: root.certificate.subject,
      signingKey: root.keyPair.keys.privateKey,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams,
      thisUpdate: new Date("2025-01-01"),
      entries: [],
    });
    const csrDer = new Uint8Array(csr.rawData);
    const crlDer = new Uint8Array(crl.rawData);
    expect(parseCertificateFile(csrDer).errors[0].message).toBe(
      "not a certificate: the file holds a certificate signing request (CSR)",
    );
    expect(parseCertificateFile(crlDer).errors[0].message).toBe(
      "not a certificate: the file holds a certificate revocation list (CRL)",
    );
    expect(parseCertificateFile(enc(csr.toString("pem"))).errors[0]).toMatchObject({
      code: "unsupported-pem-block",
      message: "PEM block 1 is a certificate signing request (CSR), not a certificate",
    });
    expect(parseCertificateFile(enc(crl.toString("pem"))).errors[0].message).toBe(
      "PEM block 1 is a certificate revocation list (CRL), not a certificate",
    );
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
    expect(parseCertificateFile(enc(pemOf(spki, "PUBLIC KEY"))).errors[0].message).toBe(
      "PEM block 1 is a bare public key (Signet needs the certificate), not a certificate",
    );
  });

  it("stays linear on hostile input: 100,000 unterminated PEM blocks", () => {
    const started = performance.now();
    const r = parseCertificateFile(enc("-----BEGIN CERTIFICATE-----\nMIIB\n".repeat(100_000)));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.errors).toHaveLength(100_000);
    expect(r.errors[99_999]).toEqual({
      code: "truncated-pem",
      message: "truncated PEM block 100000: no END CERTIFICATE line",
      block: 100_000,
    });
  });

  it("never throws on damaged certificates (seeded byte flips and truncations)", () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const b = new Uint8Array(leaf.der);
      for (let k = 0; k < 1 + (i % 4); k++) b[next() % b.length] = next() & 0xff;
      const input = i % 5 === 0 ? b.subarray(0, next() % b.length) : b;
      const r = parseCertificateFile(input);
      expect(r.certificates.length + r.errors.length).toBeGreaterThan(0);
      expect(() => JSON.stringify(r.errors)).not.toThrow();
    }
  });
});

describe("exotic and unknown algorithms never fail the parse", () => {
  it("hand-built certificates with ML-DSA-65, an unknown OID, and a non-DER-string name value", async () => {
    const { buildRawCertificate } = await import("./testing/raw-certificate");
    const mlDsa = parseCertificateFile(
      buildRawCertificate({
        keyAlgorithmOid: "2.16.840.1.101.3.4.3.18",
        signatureAlgorithmOid: "2.16.840.1.101.3.4.3.18",
        publicKey: new Uint8Array(1952),
      }),
    );
    expect(mlDsa.errors).toEqual([]);
    expect(mlDsa.certificates[0]).toMatchObject({
      keyAlgorithm: "ML-DSA-65",
      keyBits: null,
      curve: null,
      signatureAlgorithm: "ML-DSA-65",
      isSelfSigned: false,
    });
    const unknown = parseCertificateFile(
      buildRawCertificate({
        subject: "CN=x",
        issuer: "CN=x",
        keyAlgorithmOid: "1.3.6.1.4.1.99999.1",
        signatureAlgorithmOid: "1.3.6.1.4.1.99999.2",
      }),
    );
    expect(unknown.certificates[0]).toMatchObject({
      keyAlgorithm: "1.3.6.1.4.1.99999.1",
      keyBits: null,
      signatureAlgorithm: "1.3.6.1.4.1.99999.2",
      isSelfSigned: false,
    });
    const brainpool = parseCertificateFile(
      buildRawCertificate({
        keyAlgorithmOid: "1.2.840.10045.2.1",
        keyParameters: oid("1.3.36.3.3.2.8.1.1.11"),
        signatureAlgorithmOid: "1.2.840.10045.4.3.3",
      }),
    );
    expect(brainpool.certificates[0]).toMatchObject({ keyAlgorithm: "EC", keyBits: 384, curve: "brainpoolP384r1" });
    const oddCurve = parseCertificateFile(
      buildRawCertificate({
        keyAlgorithmOid: "1.2.840.10045.2.1",
        keyParameters: oid("1.2.3.4"),
        signatureAlgorithmOid: "1.2.840.10045.4.3.2",
      }),
    );
    expect(oddCurve.certificates[0]).toMatchObject({ keyAlgorithm: "EC", keyBits: null, curve: "1.2.3.4" });
  });

  it("a malformed extension becomes a warning, not a lost certificate", async () => {
    const { buildRawCertificate } = await import("./testing/raw-certificate");
    const badEku = seq(oid("2.5.29.37"), tlv(0x04, Uint8Array.of(0x30, 0x03, 0x06, 0x01)));
    const r = parseCertificateFile(
      buildRawCertificate({
        keyAlgorithmOid: "1.3.101.112",
        signatureAlgorithmOid: "1.3.101.112",
        publicKey: new Uint8Array(32),
        extensions: [badEku],
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.certificates[0].ekus).toEqual([]);
    expect(r.certificates[0].warnings[0]).toMatch(/^could not read extension 2\.5\.29\.37: /);
  });

  it("a v1 certificate (no version field, no extensions)", async () => {
    const { buildRawCertificate } = await import("./testing/raw-certificate");
    const r = parseCertificateFile(
      buildRawCertificate({
        version: 1,
        keyAlgorithmOid: "1.3.101.112",
        signatureAlgorithmOid: "1.3.101.112",
        publicKey: new Uint8Array(32),
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.certificates[0]).toMatchObject({
      version: 1,
      serialHex: "01",
      subject: "CN=Raw Test Leaf",
      extensionOids: [],
      isCA: false,
    });
  });
});
