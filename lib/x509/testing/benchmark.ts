// Throughput of the bulk generator, of parseCertificateFile (@peculiar/asn1-x509 decoding) on one
// core, of node:crypto's X509Certificate as a baseline, and of parseFilesInPool on every core.
//   npx tsx lib/x509/testing/benchmark.ts [count]        (default 20000)
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { parseCertificateFile } from "../parse-file";
import { parseFilesInPool } from "../parse-pool";
import { createKeyPool, generateBulkLeaves } from "./bulk-leaves";
import { createTestCas, type KeySpec } from "./test-ca";
import { readWithNodeCrypto } from "./node-baseline";

const count = Number(process.argv[2] ?? 20_000);

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;
}

async function generate(leafKey: KeySpec): Promise<Uint8Array[]> {
  const { intermediate: issuer } = await createTestCas({ key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
  const keyPool = await createKeyPool(8, leafKey);
  const started = performance.now();
  const ders: Uint8Array[] = [];
  for (const leaf of generateBulkLeaves({
    issuer,
    count,
    keyPool,
    crlUrls: ["http://crl.example.com/code-signing.crl"],
    ocspUrls: ["http://ocsp.example.com"],
    caIssuersUrls: ["http://pki.example.com/code-signing.cer"],
  })) {
    ders.push(leaf.der);
  }
  const ms = performance.now() - started;
  console.log(
    `generate ${count} leaves (${leafKey} keys from a pool of 8, P-256 issuer): ${(ms / 1000).toFixed(1)} s, ${rate(count, ms)}, ${ders[0].length} bytes each`,
  );
  return ders;
}

function parseOneCore(label: string, inputs: Uint8Array[]): void {
  const started = performance.now();
  let certificates = 0;
  for (const input of inputs) certificates += parseCertificateFile(input).certificates.length;
  const ms = performance.now() - started;
  console.log(
    `parseCertificateFile, one core, ${label}: ${certificates} certificates in ${(ms / 1000).toFixed(1)} s, ${rate(certificates, ms)}`,
  );
}

async function parsePool(label: string, inputs: Uint8Array[]): Promise<void> {
  const files = inputs.map((bytes, i) => ({ name: `leaf-${i}`, bytes }));
  const started = performance.now();
  const results = await parseFilesInPool(files);
  const ms = performance.now() - started;
  const certificates = results.reduce((n, r) => n + r.certificates.length, 0);
  console.log(
    `parseFilesInPool, all cores (worker start-up included), ${label}: ${certificates} certificates in ${(ms / 1000).toFixed(1)} s, ${rate(certificates, ms)}`,
  );
}

function nodeBaseline(label: string, ders: Uint8Array[]): void {
  const started = performance.now();
  for (const d of ders) readWithNodeCrypto(d);
  console.log(
    `baseline, node:crypto X509Certificate + getters, one core, ${label}: ${rate(ders.length, performance.now() - started)}`,
  );
}

function peculiarX509Class(label: string, ders: Uint8Array[]): void {
  const sample = ders.slice(0, Math.min(5000, ders.length));
  const started = performance.now();
  for (const d of sample) {
    const c = new x509.X509Certificate(new Uint8Array(d));
    void [
      c.subject,
      c.issuer,
      c.serialNumber,
      c.notBefore,
      c.notAfter,
      c.extensions,
      c.publicKey.algorithm,
      c.signatureAlgorithm,
    ];
  }
  console.log(
    `for comparison, @peculiar/x509 X509Certificate class + getters, one core, ${label}: ${rate(sample.length, performance.now() - started)}`,
  );
}

for (const leafKey of ["P-256", "RSA-2048"] as const) {
  const ders = await generate(leafKey);
  const pems = ders.map((d) =>
    new TextEncoder().encode(
      `-----BEGIN CERTIFICATE-----\n${Buffer.from(d).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`,
    ),
  );
  parseOneCore(`DER (${leafKey})`, ders);
  parseOneCore(`PEM (${leafKey})`, pems);
  nodeBaseline(leafKey, ders);
  peculiarX509Class(leafKey, ders);
  await parsePool(`PEM (${leafKey})`, pems);
}
