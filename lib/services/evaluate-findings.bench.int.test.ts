import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { evaluateFindings } from "./evaluate-findings";

// Scale check: re-evaluating 100,000 certificates on SQLite must take at most 10 s. Asserted on
// CPU time (all threads): on a shared machine the wall clock mostly measures the neighbours; on an
// idle one the two are close. Slow to set up (several minutes), so it runs only with SIGNET_BENCH=1:
//   SIGNET_BENCH=1 npx vitest run --project integration lib/services/evaluate-findings.bench.int.test.ts
// SIGNET_BENCH_CERTIFICATES changes the size.

const CERTIFICATES = Number(process.env.SIGNET_BENCH_CERTIFICATES ?? 100_000);
const SIGNERS = Math.max(1, Math.floor(CERTIFICATES / 50));
const CERTS_PER_SIGNER = 10;
const DAY = 86_400_000;
const now = new Date("2026-11-23T10:00:00Z");
const hex = (s: string) => createHash("sha256").update(s).digest("hex");

async function seed(db: Db) {
  const people = [];
  for (let i = 0; i < 50; i++)
    people.push({ id: `p${i}`, name: `Person ${i}`, email: `p${i}@acme.example`, isActive: i % 10 !== 0 });
  await db.person.createMany({ data: people });
  const signers = [];
  for (let i = 0; i < SIGNERS; i++) {
    signers.push({
      id: `s${String(i).padStart(6, "0")}`,
      name: `signer-${i}`,
      kind: "ci-pipeline",
      platform: "github-actions",
      environmentsJson: JSON.stringify(i % 7 === 0 ? ["production", "staging"] : ["production"]),
      credentialType: i % 4 === 0 ? "static-secret" : "oidc",
      credentialExpiresAt: i % 4 === 0 ? new Date(now.getTime() + (i % 30) * DAY) : null,
      primaryOwnerId: i % 13 === 0 ? null : `p${i % 50}`,
      backupOwnerId: i % 3 === 0 ? null : `p${(i + 1) % 50}`,
      lastUsedAt: new Date(now.getTime() - (i % 120) * DAY),
      createdAt: new Date(now.getTime() - 500 * DAY),
    });
  }
  for (let i = 0; i < signers.length; i += 1000)
    await db.$transaction([db.signer.createMany({ data: signers.slice(i, i + 1000) })]);

  // renewals without rekey: every third certificate reuses the previous certificate's key
  const keyCount = Math.ceil((CERTIFICATES * 2) / 3);
  const CHUNK = 2_000;
  for (let i = 0; i < keyCount; i += CHUNK) {
    const rows = [];
    for (let k = i; k < Math.min(i + CHUNK, keyCount); k++) {
      rows.push({
        id: `k${String(k).padStart(7, "0")}`,
        spkiSha256: hex(`key ${k}`),
        algorithm: k % 20 === 0 ? "RSA" : "EC",
        bits: k % 20 === 0 ? 2048 : 256,
        curve: k % 20 === 0 ? null : "P-256",
        custody: ["hsm", "cloud-kms", "software-file", "unknown"][k % 4],
        custodyEvidence: k % 8 === 0 ? "attested" : null,
        firstSeenAt: new Date(now.getTime() - (k % 700) * DAY),
      });
    }
    await db.$transaction([db.signingKey.createMany({ data: rows })]);
  }
  for (let i = 0; i < CERTIFICATES; i += CHUNK) {
    const rows = [];
    for (let c = i; c < Math.min(i + CHUNK, CERTIFICATES); c++) {
      const notBefore = new Date(now.getTime() - (c % 500) * DAY);
      const isRsa = c % 20 === 0;
      rows.push({
        id: `c${String(c).padStart(7, "0")}`,
        sha256: hex(`cert ${c}`),
        sha1: hex(`cert ${c}`).slice(0, 40),
        der: new Uint8Array([0x30, 0x00]),
        subject: `CN=bench-${c},O=Acme,C=US`,
        subjectCn: `bench-${c}`,
        issuer: "CN=Bench CA,O=Acme,C=US",
        issuerCn: "Bench CA",
        serialHex: c.toString(16).padStart(16, "0"),
        notBefore,
        notAfter: new Date(notBefore.getTime() + (c % 11 === 0 ? 900 : 365) * DAY),
        keyAlgorithm: isRsa ? "RSA" : "EC",
        keyBits: isRsa ? 2048 : 256,
        curve: isRsa ? null : "P-256",
        signatureAlgorithm: c % 50 === 0 ? "sha1WithRSAEncryption" : "ecdsa-with-SHA256",
        keyUsageJson: JSON.stringify(["digitalSignature"]),
        isKeyUsageCritical: c % 17 !== 0,
        ekuJson: JSON.stringify(c % 19 === 0 ? [] : ["1.3.6.1.5.5.7.3.3"]),
        crlUrlsJson: JSON.stringify(c % 9 === 0 ? [] : ["http://crl.acme.example/ca.crl"]),
        ocspUrlsJson: JSON.stringify(["http://ocsp.acme.example"]),
        caIssuersUrlsJson: JSON.stringify(c % 23 === 0 ? [] : ["http://pki.acme.example/ca.cer"]),
        authorityKeyId: "aa",
        keyId: `k${String(Math.floor((c * 2) / 3)).padStart(7, "0")}`,
        importedAt: new Date(now.getTime() - 3 * DAY),
      });
    }
    await db.$transaction([db.certificate.createMany({ data: rows })]);
  }
  const links = [];
  for (let s = 0; s < SIGNERS; s++) {
    for (let j = 0; j < CERTS_PER_SIGNER; j++)
      links.push({
        signerId: `s${String(s).padStart(6, "0")}`,
        certificateId: `c${String(s * CERTS_PER_SIGNER + j).padStart(7, "0")}`,
      });
  }
  for (let i = 0; i < links.length; i += CHUNK)
    await db.$transaction([db.signerCertificate.createMany({ data: links.slice(i, i + CHUNK) })]);
  const events = [];
  for (let s = 0; s < SIGNERS; s++) {
    for (let e = 0; e < 20; e++) {
      events.push({
        signerId: `s${String(s).padStart(6, "0")}`,
        certificateId: `c${String(s * CERTS_PER_SIGNER + (e % CERTS_PER_SIGNER)).padStart(7, "0")}`,
        signedAt: new Date(now.getTime() - (e * 6 + (s % 5)) * DAY),
        environment: e % 5 === 0 && s % 7 === 0 ? "staging" : "production",
        artifactName: `artifact-${s}-${e}`,
        isInteractive: s % 97 === 0 && e === 0,
      });
    }
  }
  for (let i = 0; i < events.length; i += CHUNK)
    await db.$transaction([db.signingEvent.createMany({ data: events.slice(i, i + CHUNK) })]);
  const grants = [];
  for (let s = 0; s < SIGNERS; s++) {
    grants.push({
      signerId: `s${String(s).padStart(6, "0")}`,
      scope: "sign:release/production",
      environment: "production",
      grantedAt: new Date(now.getTime() - 400 * DAY),
      lastExercisedAt: new Date(now.getTime() - (s % 150) * DAY),
    });
    if (s % 11 === 0)
      grants.push({
        signerId: `s${String(s).padStart(6, "0")}`,
        scope: "approve:release",
        environment: "any",
        grantedAt: new Date(now.getTime() - 400 * DAY),
      });
  }
  for (let i = 0; i < grants.length; i += CHUNK)
    await db.$transaction([db.privilege.createMany({ data: grants.slice(i, i + CHUNK) })]);
}

describe.runIf(process.env.SIGNET_BENCH === "1")(
  `evaluateFindings at scale (${CERTIFICATES} certificates, SQLite)`,
  () => {
    let database: TestDatabase;
    let db: Db;
    beforeAll(async () => {
      database = await createTestDatabase("sqlite");
      db = createDb(database.url);
      const t = performance.now();
      await seed(db);
      console.log(`seeded ${CERTIFICATES} certificates, ${SIGNERS} signers in ${Math.round(performance.now() - t)} ms`);
    }, 600_000);
    afterAll(async () => {
      await db?.$disconnect();
      await database?.cleanup();
    });

    it("first sweep (creates every finding), then a re-evaluation within 10 s", async () => {
      const cpuMs = (since: NodeJS.CpuUsage) => {
        const used = process.cpuUsage(since);
        return Math.round((used.user + used.system) / 1000);
      };
      let before = process.cpuUsage();
      const first = await evaluateFindings(db, { now });
      console.log(
        `first sweep: ${first.durationMs} ms wall, ${cpuMs(before)} ms CPU, ${first.created} findings created`,
        first.evaluated,
      );
      before = process.cpuUsage();
      const second = await evaluateFindings(db, { now: new Date(now.getTime() + DAY) });
      const secondCpuMs = cpuMs(before);
      console.log(
        `re-evaluation: ${second.durationMs} ms wall, ${secondCpuMs} ms CPU (${second.unchanged} unchanged, ${second.updated} updated, ${second.created} new, ${second.resolved} resolved)`,
      );
      expect(first.evaluated.certificates).toBe(CERTIFICATES);
      expect(second.evaluated.certificates).toBe(CERTIFICATES);
      expect(secondCpuMs).toBeLessThanOrEqual(10_000);
    }, 600_000);
  },
);
