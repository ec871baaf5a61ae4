// Throughput of the bulk generator and of parseCertificateFile on one core.
//   npx tsx lib/x509/testing/benchmark.ts [count]        (default 100000)
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { parseCertificateFile } from "../parse-file";
import { createKeyPool, generateBulkLeaves } from "./bulk-leaves";
import { createTestIntermediateCa, createTestRootCa, type KeySpec } from "./test-ca";

const count = Number(process.argv[2] ?? 100_000);

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;
}

async function generate(leafKey: KeySpec): Promise<Uint8Array[]> {
  const root = await createTestRootCa({ key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
  const issuer = await createTestIntermediateCa(root, { key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
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
  console.log(`generate ${count} leaves (${leafKey} keys from a pool of 8, P-256 issuer): ${(ms / 1000).toFixed(1)} s, ${rate(count, ms)}, ${ders[0].length} bytes each`);
  return ders;
}

function parse(label: string, inputs: Uint8Array[]) {
  const started = performance.now();
  let certificates = 0;
  for (const input of inputs) certificates += parseCertificateFile(input).certificates.length;
  const ms = performance.now() - started;
  console.log(`parseCertificateFile, ${label}: ${certificates} certificates in ${(ms / 1000).toFixed(1)} s, ${rate(certificates, ms)}`);
}

for (const leafKey of ["P-256", "RSA-2048"] as const) {
  const ders = await generate(leafKey);
  parse(`one DER certificate per call (${leafKey})`, ders);
  const pems = ders.map((d) => new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${Buffer.from(d).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`));
  parse(`one PEM certificate per call (${leafKey})`, pems);
  const sample = ders.slice(0, Math.min(5000, ders.length));
  const started = performance.now();
  for (const d of sample) {
    const c = new x509.X509Certificate(d);
    void [c.subject, c.issuer, c.serialNumber, c.notBefore, c.notAfter, c.extensions, c.publicKey.algorithm, c.signatureAlgorithm];
  }
  console.log(`for comparison, @peculiar/x509 X509Certificate + getters (${leafKey}): ${rate(sample.length, performance.now() - started)}`);
}
