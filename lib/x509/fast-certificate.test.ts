import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCertificate } from "./certificate";
import { decodeCertificateFast } from "./fast-certificate";
import { parseCertificateFile } from "./parse-file";
import { createKeyPool, generateBulkLeaves } from "./testing/bulk-leaves";
import { bits, bool, concat, ctx, int, octets, oid, seq, set, tlv, utf8 } from "./testing/der-writer";
import { opensslAvailable, opensslSelfSigned } from "./testing/openssl";
import { buildRawCertificate, type RawCertificateSpec } from "./testing/raw-certificate";
import {
  createKeylessCiLeaf,
  createTestRootCa,
  issueCertificate,
  type KeySpec,
  type TestCertificate,
} from "./testing/test-ca";
import type { CertificateFacts } from "./types";

// Differential test of the DER fast path: for every certificate the test suite can produce, the
// fast path's facts must deep-equal the library path's (`decodeCertificate`), or be null. It must
// never return facts for input the library path rejects.

/** The fast path's answer, after checking it against the library path whenever it is not null. */
function agree(der: Uint8Array): CertificateFacts | null {
  const fast = decodeCertificateFast(der);
  if (fast !== null) expect(fast).toStrictEqual(decodeCertificate(der));
  return fast;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const base: RawCertificateSpec = {
  keyAlgorithmOid: "1.3.101.112",
  signatureAlgorithmOid: "1.3.101.112",
  publicKey: new Uint8Array(32),
};
const raw = (spec: Partial<RawCertificateSpec>) => buildRawCertificate({ ...base, ...spec });
const ext = (id: string, value: Uint8Array, critical?: boolean) =>
  critical === undefined ? seq(oid(id), octets(value)) : seq(oid(id), bool(critical), octets(value));
const atv = (type: string, value: Uint8Array) => set(seq(oid(type), value));

const generated: Array<[string, TestCertificate]> = [];
let root: TestCertificate;

beforeAll(async () => {
  const keys: KeySpec[] = ["RSA-2048", "RSA-3072", "RSA-4096", "P-256", "P-384", "Ed25519"];
  root = await createTestRootCa({ key: "P-256" });
  generated.push(["P-256 root", root]);
  for (const key of keys) {
    const ca = await createTestRootCa({ key, subject: `CN=${key} Root,O=Signet Test,C=US` });
    generated.push([`${key} root`, ca]);
    generated.push([
      `${key} leaf with every extension`,
      await issueCertificate({
        subject: "CN=Build Bot,OU=Release,O=Acme\\, Inc.,L=Zürich,ST=ZH,C=CH",
        issuer: ca,
        key: "P-256",
        isCA: false,
        keyUsage: ["digitalSignature", "nonRepudiation"],
        isKeyUsageCritical: true,
        extendedKeyUsage: ["codeSigning", "timeStamping", "msCodeCom", "1.2.3.4.5"],
        crlUrls: ["http://crl.example.com/ca.crl", "ldap://dir.example.com/cn=CA?certificateRevocationList"],
        ocspUrls: ["http://ocsp.example.com"],
        caIssuersUrls: ["http://pki.example.com/ca.cer"],
        sans: [
          "DNS:build.example.com",
          "URI:https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main",
          "email:bot@example.com",
          "IP:192.0.2.7",
        ],
        policies: ["2.23.140.1.3", "1.3.6.1.4.1.57264.2"],
      }),
    ]);
  }
  const rsa = generated.find(([n]) => n === "RSA-2048 root")![1];
  for (const hash of ["SHA-1", "SHA-384", "SHA-512"] as const) {
    generated.push([
      `RSA ${hash} leaf`,
      await issueCertificate({ subject: `CN=${hash}`, issuer: rsa, signatureHash: hash }),
    ]);
    generated.push([
      `P-256 ${hash} leaf`,
      await issueCertificate({ subject: `CN=${hash}`, issuer: root, signatureHash: hash }),
    ]);
  }
  generated.push([
    "CA with path length",
    await issueCertificate({
      subject: "CN=Intermediate",
      issuer: root,
      isCA: true,
      pathLength: 2,
      keyUsage: ["keyCertSign", "cRLSign"],
    }),
  ]);
  generated.push([
    "no key identifiers",
    await issueCertificate({ subject: "CN=Bare", issuer: root, hasKeyIdentifiers: false }),
  ]);
  const names = [
    'CN=say "hi",O=a\\+b=c,OU=semi;colon <x>,L=back\\\\slash,C=US',
    "CN=\\#hash,O=\\ leading,OU=trailing\\ ",
    "CN=Zoë Åström 测试,O=😀 emoji",
    "CN=Multi+UID=bot-7+emailAddress=bot@example.com,O=Acme,DC=example,DC=com",
    "CN=a\\0Ab,O=ctl\\01x",
    "1.2.3.4=unnamed,CN=With OID,serialNumber=12345",
  ];
  for (const subject of names) generated.push([`name ${subject}`, await issueCertificate({ subject, issuer: root })]);
  generated.push(["self-signed with escaped name", await createTestRootCa({ subject: "CN=Root\\, Escaped,O=Zoë" })]);
  for (const [nb, na] of [
    ["1950-01-01T00:00:00Z", "2049-12-31T23:59:59Z"],
    ["1999-12-31T23:59:59Z", "2050-01-01T00:00:00Z"],
    ["2049-12-31T23:59:59Z", "2199-06-30T12:00:00Z"],
    ["2024-02-29T12:00:00Z", "9999-12-31T23:59:59Z"],
  ]) {
    generated.push([
      `dates ${nb} ${na}`,
      await issueCertificate({ subject: "CN=Dates", issuer: root, notBefore: new Date(nb), notAfter: new Date(na) }),
    ]);
  }
  for (const serialHex of ["01", "7f", "80", "ff", "00ff", "0100", "f123456789abcdef0123456789abcdef01234567"]) {
    generated.push([`serial ${serialHex}`, await issueCertificate({ subject: "CN=Serial", issuer: root, serialHex })]);
  }
  generated.push(["Ed25519 keyless CI leaf with Fulcio extensions", await createKeylessCiLeaf(root)]);
}, 120_000);

describe("generated certificates (test CA)", () => {
  it("the fast path gives exactly the library path's facts, and is taken for all of them but IPv6 SANs", () => {
    expect(generated.length).toBeGreaterThanOrEqual(40);
    for (const [name, c] of generated) {
      const fast = agree(c.der);
      expect(fast, name).not.toBeNull();
    }
    const selfSigned = generated.filter(([name]) => name.includes("root") || name.startsWith("self-signed"));
    for (const [, c] of selfSigned) expect(decodeCertificateFast(c.der)!.isSelfSigned).toBe(true);
  });

  it("an IPv6 SAN is left to the library path", async () => {
    const c = await issueCertificate({ subject: "CN=v6", issuer: root, sans: ["IP:2001:db8::7", "DNS:x.example"] });
    expect(agree(c.der)).toBeNull();
  });

  it("bulk leaves (the import benchmark's shape), P-256 and RSA issuers", async () => {
    const rsaRoot = generated.find(([n]) => n === "RSA-2048 root")![1];
    for (const issuer of [root, rsaRoot]) {
      const keyPool = await createKeyPool(2, "P-256");
      const leaves = [
        ...generateBulkLeaves({
          issuer,
          count: 50,
          keyPool,
          ocspUrls: ["http://ocsp.example.com"],
          crlUrls: ["http://crl.example.com/x.crl"],
          caIssuersUrls: ["http://pki.example.com/ca.cer"],
        }),
      ];
      for (const leaf of leaves) expect(agree(leaf.der)).not.toBeNull();
    }
  });

  it("parseCertificateFile returns the fast path's facts", () => {
    const [, leaf] = generated.find(([n]) => n === "P-256 leaf with every extension")!;
    const r = parseCertificateFile(leaf.der);
    expect(r.errors).toEqual([]);
    expect(r.certificates).toStrictEqual([decodeCertificateFast(leaf.der)]);
  });
});

const REAL_DIR = join(import.meta.dirname, "testdata", "real");
const realCertificates = readdirSync(REAL_DIR)
  .filter((f) => f.endsWith(".pem"))
  .flatMap((f) =>
    parseCertificateFile(new Uint8Array(readFileSync(join(REAL_DIR, f)))).certificates.map(
      (c, i) => [`${f} #${i + 1}`, c.der] as const,
    ),
  );

describe("real certificates (testdata)", () => {
  it("agree, and every one of them takes the fast path (Authenticode T61 names, Fulcio, Apple, Mozilla)", () => {
    expect(realCertificates.length).toBeGreaterThanOrEqual(9);
    for (const [name, der] of realCertificates) expect(agree(der), name).not.toBeNull();
  });
});

describe("hand-built certificates: odd but valid shapes", () => {
  const cases: Array<[string, Uint8Array, "fast" | "either" | "library"]> = [];
  const add = (name: string, der: Uint8Array, path: "fast" | "either" | "library" = "either") =>
    cases.push([name, der, path]);

  // names: every string type
  add("PrintableString", raw({ subjectDer: seq(atv("2.5.4.6", tlv(0x13, ascii("NZ")))) }), "fast");
  add("T61String", raw({ subjectDer: seq(atv("2.5.4.10", tlv(0x14, Uint8Array.of(0x5a, 0xeb)))) }), "fast");
  add(
    "BMPString",
    raw({ subjectDer: seq(atv("2.5.4.11", tlv(0x1e, Uint8Array.of(0x00, 0x5a, 0x00, 0xeb, 0x6d, 0x4b)))) }),
    "fast",
  );
  add("BMPString with a surrogate pair", raw({ subjectDer: seq(atv("2.5.4.11", tlv(0x1e, hex("d83dde00")))) }));
  add("UniversalString", raw({ subjectDer: seq(atv("2.5.4.7", tlv(0x1c, Uint8Array.of(0, 1, 0xf6, 0)))) }), "library");
  add("VisibleString", raw({ subjectDer: seq(atv("2.5.4.8", tlv(0x1a, ascii("Vis")))) }), "fast");
  add("NumericString", raw({ subjectDer: seq(atv("2.5.4.5", tlv(0x12, ascii("12345")))) }), "fast");
  add("IA5String", raw({ subjectDer: seq(atv("1.2.840.113549.1.9.1", tlv(0x16, ascii("a@example.com")))) }), "fast");
  add("UTF8String", raw({ subjectDer: seq(atv("2.5.4.3", utf8("Zoë 测试 😀"))) }), "fast");
  add("UTF8String with a BOM", raw({ subjectDer: seq(atv("2.5.4.3", tlv(0x0c, hex("efbbbf41")))) }));
  add("invalid UTF-8", raw({ subjectDer: seq(atv("2.5.4.3", tlv(0x0c, hex("41c3")))) }));
  add("Latin-1 in a PrintableString", raw({ subjectDer: seq(atv("2.5.4.3", tlv(0x13, hex("41e9")))) }));
  add(
    "unnamed attribute type",
    raw({ subjectDer: seq(atv("1.2.3.4", utf8("x")), atv("2.5.4.3", utf8("cn"))) }),
    "fast",
  );
  add("non-string value", raw({ subjectDer: seq(atv("2.5.4.3", int(5))) }), "library");
  add(
    "multi-valued RDN",
    raw({ subjectDer: seq(set(seq(oid("2.5.4.3"), utf8("a")), seq(oid("2.5.4.10"), utf8("b,c")))) }),
    "fast",
  );
  add("empty RDN set", raw({ subjectDer: seq(set()) }));
  add("empty name", raw({ subjectDer: seq() }), "fast");
  add("two CNs", raw({ subjectDer: seq(atv("2.5.4.3", utf8("first")), atv("2.5.4.3", utf8("second"))) }), "fast");
  add("empty string value", raw({ subjectDer: seq(atv("2.5.4.3", utf8(""))) }));
  add("control characters", raw({ subjectDer: seq(atv("2.5.4.3", tlv(0x0c, Uint8Array.of(0x41, 0x0a, 0x00, 0x7f)))) }));

  // times
  const utc = (text: string) => tlv(0x17, ascii(text));
  const gen = (text: string) => tlv(0x18, ascii(text));
  const validities: Array<[string, Uint8Array, Uint8Array, "fast" | "library"]> = [
    ["UTCTime 1950 and 2049", utc("500101000000Z"), utc("491231235959Z"), "fast"],
    ["GeneralizedTime 2050 and 9999", gen("20500101000000Z"), gen("99991231235959Z"), "fast"],
    ["GeneralizedTime before 1950", gen("19491231235959Z"), gen("20500101000000Z"), "fast"],
    ["UTCTime without seconds", utc("9912312359Z"), utc("491231235959Z"), "library"],
    ["UTCTime with an offset", utc("240101120000+0200"), utc("491231235959Z"), "library"],
    ["fractional GeneralizedTime", gen("20240229120000.25Z"), gen("20500101000000Z"), "library"],
    ["GeneralizedTime without zone", gen("20240229120000"), gen("20500101000000Z"), "library"],
    ["1899-11-30 as GeneralizedTime", gen("18991130000000Z"), gen("20500101000000Z"), "library"],
    ["month 13", utc("241301000000Z"), utc("491231235959Z"), "library"],
    ["February 29 of a common year", utc("230229000000Z"), utc("491231235959Z"), "library"],
    ["February 29 of 2000", utc("000229000000Z"), utc("491231235959Z"), "fast"],
  ];
  for (const [name, notBefore, notAfter, path] of validities)
    add(name, raw({ validityDer: seq(notBefore, notAfter) }), path);
  add(
    "three times",
    raw({ validityDer: seq(utc("240101000000Z"), utc("250101000000Z"), utc("260101000000Z")) }),
    "library",
  );

  // keys
  const p521 = generateKeyPairSync("ec", { namedCurve: "P-521" }).publicKey.export({ format: "jwk" });
  const point = concat([Uint8Array.of(4), Buffer.from(p521.x!, "base64url"), Buffer.from(p521.y!, "base64url")]);
  add(
    "P-521",
    raw({
      keyAlgorithmOid: "1.2.840.10045.2.1",
      keyParameters: oid("1.3.132.0.35"),
      publicKey: point,
      signatureAlgorithmOid: "1.2.840.10045.4.3.4",
    }),
    "fast",
  );
  add(
    "brainpool",
    raw({
      keyAlgorithmOid: "1.2.840.10045.2.1",
      keyParameters: oid("1.3.36.3.3.2.8.1.1.11"),
      signatureAlgorithmOid: "1.2.840.10045.4.3.3",
    }),
    "fast",
  );
  add(
    "unknown curve",
    raw({
      keyAlgorithmOid: "1.2.840.10045.2.1",
      keyParameters: oid("1.2.3.4"),
      signatureAlgorithmOid: "1.2.840.10045.4.3.2",
    }),
    "fast",
  );
  add(
    "EC without parameters",
    raw({ keyAlgorithmOid: "1.2.840.10045.2.1", signatureAlgorithmOid: "1.2.840.10045.4.3.2" }),
    "library",
  );
  add(
    "EC with NULL parameters",
    raw({
      keyAlgorithmOid: "1.2.840.10045.2.1",
      keyParameters: Uint8Array.of(5, 0),
      signatureAlgorithmOid: "1.2.840.10045.4.3.2",
    }),
    "library",
  );
  add(
    "Ed448",
    raw({ keyAlgorithmOid: "1.3.101.113", publicKey: new Uint8Array(57), signatureAlgorithmOid: "1.3.101.113" }),
    "fast",
  );
  add("X25519", raw({ keyAlgorithmOid: "1.3.101.110", publicKey: new Uint8Array(32) }), "fast");
  add("X448", raw({ keyAlgorithmOid: "1.3.101.111", publicKey: new Uint8Array(56) }), "fast");
  add(
    "ML-DSA-65",
    raw({
      keyAlgorithmOid: "2.16.840.1.101.3.4.3.18",
      signatureAlgorithmOid: "2.16.840.1.101.3.4.3.18",
      publicKey: new Uint8Array(1952),
    }),
    "fast",
  );
  add(
    "unknown algorithms",
    raw({
      subject: "CN=x",
      issuer: "CN=x",
      keyAlgorithmOid: "1.3.6.1.4.1.99999.1",
      signatureAlgorithmOid: "1.3.6.1.4.1.99999.2",
    }),
    "fast",
  );
  add(
    "large OID arcs",
    raw({
      keyAlgorithmOid: "2.999.77",
      signatureAlgorithmOid: "2.999.78",
      extensions: [ext("2.5.29.37", seq(oid("2.999.1234567890")))],
    }),
    "fast",
  );
  add("huge OID arc", raw({ extensions: [ext("2.5.29.37", seq(oid("1.2.99999999999")))] }), "library");
  add(
    "DSA",
    raw({
      keyAlgorithmOid: "1.2.840.10040.4.1",
      keyParameters: seq(int(23), int(11), int(2)),
      signatureAlgorithmOid: "1.2.840.10040.4.3",
    }),
    "library",
  );
  add(
    "RSA key that is not an RSAPublicKey",
    raw({
      keyAlgorithmOid: "1.2.840.113549.1.1.1",
      keyParameters: Uint8Array.of(5, 0),
      signatureAlgorithmOid: "1.2.840.113549.1.1.11",
    }),
    "library",
  );
  const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
  const rsaKey = seq(
    tlv(0x02, Uint8Array.of(0), Buffer.from(rsa.n!, "base64url")),
    tlv(0x02, Buffer.from(rsa.e!, "base64url")),
  );
  add(
    "RSA-PSS key",
    raw({
      keyAlgorithmOid: "1.2.840.113549.1.1.10",
      publicKey: rsaKey,
      signatureAlgorithmOid: "1.2.840.113549.1.1.10",
    }),
    "fast",
  );
  const pssParams = seq(
    ctx(0, true, seq(oid("2.16.840.1.101.3.4.2.1"), Uint8Array.of(5, 0))),
    ctx(1, true, seq(oid("1.2.840.113549.1.1.8"), seq(oid("2.16.840.1.101.3.4.2.1"), Uint8Array.of(5, 0)))),
    ctx(2, true, int(32)),
  );
  add(
    "RSA-PSS key with parameters",
    raw({
      keyAlgorithmOid: "1.2.840.113549.1.1.10",
      keyParameters: pssParams,
      publicKey: rsaKey,
      signatureAlgorithmOid: "1.2.840.113549.1.1.10",
    }),
    "fast",
  );
  add("v1 certificate", raw({ version: 1 }), "fast");

  // extensions
  add(
    "bad EKU",
    raw({ extensions: [seq(oid("2.5.29.37"), tlv(0x04, Uint8Array.of(0x30, 0x03, 0x06, 0x01)))] }),
    "library",
  );
  add(
    "duplicate extension",
    raw({
      extensions: [ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.3"))), ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.8")))],
    }),
    "library",
  );
  add("explicit critical FALSE", raw({ extensions: [ext("2.5.29.15", bits(Uint8Array.of(0x80), 7), false)] }), "fast");
  add("empty EKU", raw({ extensions: [ext("2.5.29.37", seq())] }), "fast");
  add("basicConstraints variants", raw({ extensions: [ext("2.5.29.19", seq())] }), "fast");
  add("basicConstraints cA only", raw({ extensions: [ext("2.5.29.19", seq(bool(true)), true)] }), "fast");
  add("basicConstraints pathLen 300", raw({ extensions: [ext("2.5.29.19", seq(bool(true), int(300)))] }), "fast");
  add(
    "basicConstraints negative pathLen",
    raw({ extensions: [ext("2.5.29.19", seq(bool(true), tlv(0x02, Uint8Array.of(0xff))))] }),
    "library",
  );
  add(
    "keyUsage with decipherOnly",
    raw({ extensions: [ext("2.5.29.15", bits(Uint8Array.of(0x86, 0x80), 7), true)] }),
    "fast",
  );
  add("empty keyUsage", raw({ extensions: [ext("2.5.29.15", bits(new Uint8Array(0)))] }), "fast");
  add(
    "unknown and Microsoft extensions",
    raw({
      extensions: [
        ext("1.3.6.1.4.1.311.21.7", seq(oid("1.2.3"), int(1))),
        ext("2.16.840.1.113730.1.1", bits(Uint8Array.of(0x10), 4)),
        ext("1.2.3.4", ascii("not DER at all")),
      ],
    }),
    "fast",
  );
  add(
    "SAN forms",
    raw({
      extensions: [
        ext(
          "2.5.29.17",
          seq(
            tlv(0x87, Uint8Array.of(192, 0, 2, 1)),
            tlv(0x88, oid("1.2.3.4").subarray(2)),
            ctx(4, true, seq(set(seq(oid("2.5.4.3"), utf8("Dir, Name"))))),
          ),
        ),
      ],
    }),
    "fast",
  );
  add(
    "SAN otherName",
    raw({
      extensions: [ext("2.5.29.17", seq(ctx(0, true, oid("1.3.6.1.4.1.311.20.2.3"), ctx(0, true, utf8("user@corp")))))],
    }),
    "library",
  );
  add("SAN with non-ASCII IA5", raw({ extensions: [ext("2.5.29.17", seq(tlv(0x82, hex("41e9"))))] }), "library");
  add("empty SAN", raw({ extensions: [ext("2.5.29.17", seq())] }), "fast");
  add(
    "AKI with issuer and serial",
    raw({
      extensions: [
        ext(
          "2.5.29.35",
          seq(
            tlv(0x80, hex("0102")),
            ctx(1, true, ctx(4, true, seq(atv("2.5.4.3", utf8("CA"))))),
            tlv(0x82, hex("05")),
          ),
        ),
      ],
    }),
    "fast",
  );
  add("AKI without key id", raw({ extensions: [ext("2.5.29.35", seq(tlv(0x82, hex("05"))))] }), "fast");
  add(
    "CRL DP with reasons",
    raw({
      extensions: [
        ext(
          "2.5.29.31",
          seq(seq(ctx(0, true, ctx(0, true, tlv(0x86, ascii("http://x/crl")))), tlv(0x81, Uint8Array.of(0x06, 0x40)))),
        ),
      ],
    }),
    "library",
  );
  add(
    "CRL DP with a DirName",
    raw({
      extensions: [
        ext(
          "2.5.29.31",
          seq(
            seq(
              ctx(
                0,
                true,
                ctx(0, true, ctx(4, true, seq(atv("2.5.4.3", utf8("CRL")))), tlv(0x86, ascii("http://x/crl"))),
              ),
            ),
            seq(),
          ),
        ),
      ],
    }),
    "fast",
  );
  add(
    "AIA with other methods",
    raw({
      extensions: [
        ext(
          "1.3.6.1.5.5.7.1.1",
          seq(
            seq(oid("1.3.6.1.5.5.7.48.3"), tlv(0x86, ascii("http://ts"))),
            seq(oid("1.3.6.1.5.5.7.48.2"), tlv(0x82, ascii("dns.example"))),
          ),
        ),
      ],
    }),
    "fast",
  );
  const cps = seq(oid("1.3.6.1.5.5.7.2.1"), tlv(0x16, ascii("https://example.com/cps")));
  const notice = seq(
    oid("1.3.6.1.5.5.7.2.2"),
    seq(seq(utf8("Org"), seq(int(1), int(2))), tlv(0x1a, ascii("explicit text"))),
  );
  add(
    "policies with qualifiers",
    raw({ extensions: [ext("2.5.29.32", seq(seq(oid("2.23.140.1.3"), seq(cps, notice)), seq(oid("2.5.29.32.0"))))] }),
    "fast",
  );
  add("Fulcio v2 not a string", raw({ extensions: [ext("1.3.6.1.4.1.57264.1.8", int(5))] }), "library");
  add(
    "Fulcio legacy and unknown arcs",
    raw({
      extensions: [
        ext("1.3.6.1.4.1.57264.1.1", ascii("https://issuer")),
        ext("1.3.6.1.4.1.57264.1.7", ascii("?")),
        ext("1.3.6.1.4.1.57264.1.12", utf8("https://github.com/a/b")),
      ],
    }),
    "fast",
  );

  it.each(cases)("%s", (_name, der, path) => {
    const fast = agree(der);
    if (path === "fast") expect(fast).not.toBeNull();
    if (path === "library") expect(fast).toBeNull();
  });
});

describe("malformed input never yields fast-path facts the library path would not give", () => {
  const sources = (): Uint8Array[] => [
    ...generated.slice(0, 8).map(([, c]) => c.der),
    ...realCertificates.map(([, der]) => der),
    raw({ extensions: [ext("2.5.29.17", seq(tlv(0x82, ascii("a.example")), tlv(0x87, Uint8Array.of(1, 2, 3, 4))))] }),
  ];

  it("truncated, extended, trailing bytes, corrupted lengths, random bytes", () => {
    for (const der of sources()) {
      expect(decodeCertificateFast(der.subarray(0, der.length - 1))).toBeNull();
      expect(decodeCertificateFast(concat([der, Uint8Array.of(0)]))).toBeNull();
      const longer = new Uint8Array(der);
      longer[3] += 1; // outer length (two-octet form) one past the end
      expect(decodeCertificateFast(longer)).toBeNull();
    }
    let seed = 99;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 200; i++) {
      const random = Uint8Array.from({ length: 20 + (next() % 2000) }, () => next() & 0xff);
      if (i % 2) random[0] = 0x30;
      expect(decodeCertificateFast(random)).toBeNull();
      expect(() => parseCertificateFile(random)).not.toThrow();
    }
  });

  it("seeded byte flips, insertions and truncations: null, or the library path's facts", () => {
    let seed = 4242;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    let fastCount = 0;
    for (const der of sources()) {
      for (let i = 0; i < 120; i++) {
        let b = new Uint8Array(der);
        for (let k = 0; k < 1 + (i % 3); k++) b[next() % b.length] = next() & 0xff;
        if (i % 7 === 0) {
          const at = next() % b.length;
          b = concat([b.subarray(0, at), Uint8Array.of(next() & 0xff), b.subarray(at)]);
        }
        if (i % 11 === 0) b = b.subarray(0, next() % b.length);
        const fast = decodeCertificateFast(b);
        if (fast !== null) {
          fastCount++;
          expect(fast).toStrictEqual(decodeCertificate(b));
          expect(parseCertificateFile(b).certificates).toStrictEqual([fast]);
        } else if (i % 10 === 0) {
          expect(() => parseCertificateFile(b)).not.toThrow(); // the library path on damaged input is slow
        }
      }
    }
    expect(fastCount).toBeGreaterThan(100); // flips inside values (names, keys, signatures) still decode
  }, 120_000);
});

describe.runIf(opensslAvailable())("certificates made by openssl", () => {
  it("RSA-PSS and P-521", () => {
    const tmp = mkdtempSync(join(tmpdir(), "signet-fast-"));
    try {
      const make = (name: string, keyArgs: string[], extra: string[] = []) =>
        opensslSelfSigned(tmp, name, keyArgs, extra);
      const pss = agree(make("pss", ["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"]));
      expect(pss).toMatchObject({ keyAlgorithm: "RSA-PSS", isSelfSigned: true });
      const pssSig = agree(
        make(
          "pss2",
          ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
          ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sha384"],
        ),
      );
      expect(pssSig).toMatchObject({ signatureAlgorithm: "rsassaPss", isSelfSigned: true });
      expect(agree(make("p521", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]))).toMatchObject({
        curve: "P-521",
        isSelfSigned: true,
      });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
