import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import {
  createCodeSigningLeaf,
  createTestCas,
  createTestIntermediateCa,
  createTestRootCa,
  generateTestKeyPair,
  issueCertificate,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";
import {
  importCertificates,
  MAX_CERTIFICATES_PER_REQUEST,
  MAX_FILE_BYTES,
  MAX_REQUEST_BYTES,
  type ImportFile,
} from "./import-certificates";
import { DAY_MS } from "@/lib/domain/expiry";
import { testActor as actor } from "@/lib/testing/actors";

const now = new Date("2026-11-23T10:00:00Z");
const text = (s: string) => new TextEncoder().encode(s);
/** One PEM file per certificate, named by the keys. */
const pemFiles = (named: Record<string, TestCertificate>): ImportFile[] =>
  Object.entries(named).map(([name, c]) => ({ name, bytes: text(c.pem) }));

type Pki = { root: TestCertificate; intermediate: TestCertificate; leaf: TestCertificate; other: TestCertificate };
let pki: Pki;

beforeAll(async () => {
  const notBefore = new Date(now.getTime() - 30 * DAY_MS);
  const { root, intermediate } = await createTestCas({ notBefore, root: { crlUrls: ["http://crl.example/root.crl"] } });
  const leaf = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Payments Release,O=Acme,C=US",
    notBefore,
    notAfter: new Date(now.getTime() + 200 * DAY_MS),
  });
  const other = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Mobile Release,O=Acme,C=US",
    notBefore,
    notAfter: new Date(now.getTime() + 200 * DAY_MS),
  });
  pki = { root, intermediate, leaf, other };
});

/**
 * The columns of a table for dumpDatabase. SQLite's text-search tables keep their index in untyped
 * columns holding bytes, which Prisma's adapter cannot type: every SQLite column is read with its
 * bytes as hex (as the dump writes them), so no table is left out of the search.
 */
async function columnsAsText(db: Db, flavour: string, table: string): Promise<string> {
  if (flavour !== "sqlite") return "*";
  const columns: { name: string }[] = await db.$queryRawUnsafe(`SELECT name FROM pragma_table_info(?)`, table);
  return columns
    .map(
      ({ name }) => `CASE WHEN typeof("${name}") = 'blob' THEN lower(hex("${name}")) ELSE "${name}" END AS "${name}"`,
    )
    .join(", ");
}

/** Every row of every table as one string (bytes as base64 and hex), to search for leaked data. */
async function dumpDatabase(db: Db, flavour: string): Promise<string> {
  const tables: { name: string }[] =
    flavour === "sqlite"
      ? await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.$queryRawUnsafe(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows: unknown[] = await db.$queryRawUnsafe(`SELECT ${await columnsAsText(db, flavour, name)} FROM "${name}"`);
    parts.push(
      JSON.stringify(rows, (_k, v) => {
        if (v instanceof Uint8Array) return `${Buffer.from(v).toString("base64")} ${Buffer.from(v).toString("hex")}`;
        if (typeof v === "bigint") return v.toString();
        return v;
      }),
    );
  }
  return parts.join("\n");
}

async function counts(db: Db) {
  const [certificates, keys, findings, audits, links] = await Promise.all([
    db.certificate.count(),
    db.signingKey.count(),
    db.finding.count(),
    db.auditEvent.count(),
    db.signerCertificate.count(),
  ]);
  return { certificates, keys, findings, audits, links };
}

describeEachDatabase("importCertificates", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  /** An import from the CLI (the system actor) at `at`. */
  const importFromCli = (files: ImportFile[], at = now) =>
    importCertificates(db, { files, actor, source: "cli" }, { now: at });

  it("imports a folder once; the second import reports already-known and changes nothing", async () => {
    const files: ImportFile[] = [
      { name: "root.pem", bytes: text(pki.root.pem) },
      { name: "chain.pem", bytes: text(pki.leaf.pem + pki.intermediate.pem) },
      { name: "other.der", bytes: pki.other.der },
    ];
    const first = await importFromCli(files);
    expect(first.files.map((f) => f.status)).toEqual(["imported", "imported", "imported"]);
    expect(first.summary.certificatesImported).toBe(4);
    // the intermediate came after the leaf in chain.pem and adopted it
    const leaf = await db.certificate.findUniqueOrThrow({
      where: { sha256: first.files[1].certificates[0].sha256 },
      include: { issuerCert: true },
    });
    expect(leaf.issuerCert?.subject).toContain("Signet Test Code Signing CA");
    const afterFirst = await counts(db);
    const dumpFirst = await dumpDatabase(db, database.flavour);

    const second = await importFromCli(files, new Date(now.getTime() + DAY_MS));
    expect(second.files.map((f) => f.status)).toEqual(["already-known", "already-known", "already-known"]);
    expect(second.summary).toMatchObject({ certificatesImported: 0, certificatesAlreadyKnown: 4 });
    expect(await counts(db)).toEqual(afterFirst);
    expect(await dumpDatabase(db, database.flavour)).toBe(dumpFirst);
  });

  it("stores exactly the good files of a mixed batch and explains each bad one", async () => {
    const good = await createCodeSigningLeaf(pki.intermediate, { subject: "CN=Good One,O=Acme,C=US" });
    const before = await counts(db);
    const truncated = good.pem.slice(0, good.pem.length - 40);
    const result = await importCertificates(
      db,
      {
        files: [
          { name: "junk.txt", bytes: text("hello, I am not a certificate") },
          { name: "good.pem", bytes: text(good.pem) },
          { name: "truncated.pem", bytes: text(truncated) },
          { name: "empty.pem", bytes: new Uint8Array() },
          {
            name: "half-good.pem",
            bytes: text(pki.leaf.pem + "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n-----END CERTIFICATE-----\n"),
          },
        ],
        actor,
        source: "api",
      },
      { now },
    );
    const byName = Object.fromEntries(result.files.map((f) => [f.file, f]));
    expect(byName["good.pem"].status).toBe("imported");
    for (const bad of ["junk.txt", "truncated.pem", "empty.pem", "half-good.pem"]) {
      expect(byName[bad].status, bad).toBe("failed");
      expect(byName[bad].error, bad).toMatch(/\w{5,}/);
      expect(byName[bad].certificates).toEqual([]);
    }
    expect(byName["half-good.pem"].error).toMatch(/block 2/);
    const after = await counts(db);
    expect(after.certificates).toBe(before.certificates + 1);
    // one audit event for the one stored file
    expect(after.audits - before.audits).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "certificate.imported" },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({ fileName: "good.pem", source: "api" });
  });

  it("refuses a private key, audits it, raises a finding, and stores no key bytes anywhere", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const body = keyPem
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join("");
    const distinctive = body.slice(200, 260);
    const keyDer = privateKey.export({ type: "pkcs8", format: "der" });
    const cert = await createCodeSigningLeaf(pki.intermediate, { subject: "CN=Leaky Bot,O=Acme,C=US" });
    const before = await counts(db);

    const result = await importCertificates(
      db,
      {
        files: [
          { name: "bundle-with-key.pem", bytes: text(cert.pem + keyPem) },
          { name: "key.der", bytes: new Uint8Array(keyDer) },
        ],
        actor: { type: "user", id: "u1", label: "dev@example.com" },
        source: "upload",
      },
      { now },
    );

    expect(result.files.map((f) => f.status)).toEqual(["refused-private-key", "refused-private-key"]);
    expect(result.files[0].error).toMatch(/private key/);
    expect(result.files[0].certificates).toEqual([]);
    const after = await counts(db);
    expect(after.certificates).toBe(before.certificates);
    expect(after.keys).toBe(before.keys);

    const audits = await db.auditEvent.findMany({ where: { action: "certificate.private-key-refused" } });
    expect(audits.map((a) => JSON.parse(a.detailsJson).fileName).sort()).toEqual(["bundle-with-key.pem", "key.der"]);
    const findings = await db.finding.findMany({ where: { ruleId: "key.private-key-submitted" } });
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f).toMatchObject({ severity: "critical", subjectType: "key", resolvedAt: null, keyId: null });
      expect(f.subjectId).toMatch(/^upload:[0-9a-f]{64}$/);
    }

    const dump = await dumpDatabase(db, database.flavour);
    expect(dump).toContain("bundle-with-key.pem"); // the dump does see the audit rows
    expect(dump).not.toContain(distinctive);
    expect(dump).not.toContain(Buffer.from(keyDer).subarray(100, 140).toString("hex"));
    expect(dump).not.toContain(Buffer.from(keyDer).subarray(100, 140).toString("base64"));
    // the certificate that came with the key was not kept either
    expect(await db.certificate.count({ where: { subjectCn: "Leaky Bot" } })).toBe(0);

    // the same file again lands on the same finding
    await importFromCli([{ name: "key.der", bytes: new Uint8Array(keyDer) }], new Date(now.getTime() + DAY_MS));
    expect(await db.finding.count({ where: { ruleId: "key.private-key-submitted" } })).toBe(2);
  });

  it("links an intermediate imported after its leaf, and refuses a look-alike issuer whose signature does not verify", async () => {
    const root = await createTestRootCa({ subject: "CN=Linking Root,O=Acme,C=US" });
    const inter = await createTestIntermediateCa(root, { subject: "CN=Linking CA,O=Acme,C=US" });
    // same name as the real intermediate, different key, no key identifiers: only the name matches
    const impostor = await createTestIntermediateCa(root, {
      subject: "CN=Linking CA,O=Acme,C=US",
      hasKeyIdentifiers: false,
    });
    const leaf = await createCodeSigningLeaf(inter, {
      subject: "CN=Linked Leaf,O=Acme,C=US",
      hasKeyIdentifiers: false,
    });

    const first = await importFromCli(pemFiles({ "leaf.pem": leaf, "impostor.pem": impostor }));
    expect(first.files[0].certificates[0].linkedIssuer).toBeUndefined();
    const leafRow = () =>
      db.certificate.findFirstOrThrow({ where: { subjectCn: "Linked Leaf" }, select: { issuerCertId: true } });
    expect((await leafRow()).issuerCertId).toBeNull();

    const second = await importFromCli(pemFiles({ "root.pem": root, "inter.pem": inter }));
    const interSha = second.files[1].certificates[0].sha256;
    expect(second.files[1].certificates[0].linkedIssuer).toBe(second.files[0].certificates[0].sha256);
    const interRow = await db.certificate.findUniqueOrThrow({ where: { sha256: interSha } });
    expect((await leafRow()).issuerCertId).toBe(interRow.id);
    // the impostor was adopted by the root (it is a real child of it) but never became the leaf's issuer
    const impostorRow = await db.certificate.findFirstOrThrow({
      where: { subjectCn: "Linking CA", NOT: { sha256: interSha } },
    });
    expect(impostorRow.issuerCertId).not.toBeNull();
  });

  it("keeps the key's firstSeenAt when a renewal reuses the key", async () => {
    const key = await generateTestKeyPair("P-256");
    const v1 = await createCodeSigningLeaf(pki.intermediate, {
      subject: "CN=Renewed Bot,O=Acme,C=US",
      key,
      notBefore: new Date(now.getTime() - 300 * DAY_MS),
    });
    const v2 = await createCodeSigningLeaf(pki.intermediate, {
      subject: "CN=Renewed Bot,O=Acme,C=US",
      key,
      notBefore: new Date(now.getTime() - 10 * DAY_MS),
    });
    const firstSeen = new Date(now.getTime() - 200 * DAY_MS);
    await importFromCli(pemFiles({ "v1.pem": v1 }), firstSeen);
    await importFromCli(pemFiles({ "v2.pem": v2 }));
    const certs = await db.certificate.findMany({ where: { subjectCn: "Renewed Bot" }, include: { key: true } });
    expect(certs).toHaveLength(2);
    expect(certs[0].keyId).toBe(certs[1].keyId);
    expect(certs[0].key.firstSeenAt).toEqual(firstSeen);
  });

  it("links certificates to a signer when asked, once", async () => {
    const signer = await createSigner(db, { name: "link-test", kind: "ci-pipeline" });
    const cert = await createCodeSigningLeaf(pki.intermediate, { subject: "CN=Signer Linked,O=Acme,C=US" });
    const files = [{ name: "c.pem", bytes: text(cert.pem) }];
    const first = await importCertificates(db, { files, signerId: signer.id, actor, source: "api" }, { now });
    expect(first.files[0].certificates[0]).toMatchObject({ status: "imported", signerLinked: true });
    const again = await importCertificates(db, { files, signerId: signer.id, actor, source: "api" }, { now });
    expect(again.files[0]).toMatchObject({
      status: "already-known",
      certificates: [{ status: "already-known", signerLinked: false }],
    });
    expect(await db.signerCertificate.count({ where: { signerId: signer.id } })).toBe(1);
    await expect(
      importCertificates(db, { files, signerId: "no-such-signer", actor, source: "api" }, { now }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("stores each certificate once when two imports of the same files race", async () => {
    const key = await generateTestKeyPair("P-256");
    const racing = await Promise.all(
      [1, 2, 3].map((i) => createCodeSigningLeaf(pki.intermediate, { subject: `CN=Racer ${i},O=Acme,C=US`, key })),
    );
    const files = racing.map((c, i) => ({ name: `racer-${i}.pem`, bytes: text(c.pem) }));
    const before = await counts(db);
    const [a, b] = await Promise.all([
      importCertificates(db, { files, actor, source: "api" }, { now }),
      importCertificates(db, { files, actor, source: "api" }, { now }),
    ]);
    for (const r of [...a.files, ...b.files]) expect(["imported", "already-known"]).toContain(r.status);
    expect(a.summary.certificatesImported + b.summary.certificatesImported).toBe(3);
    const after = await counts(db);
    expect(after.certificates - before.certificates).toBe(3);
    expect(after.keys - before.keys).toBe(1);
  });

  describe("limits", () => {
    it("has the documented defaults", () => {
      expect(MAX_FILE_BYTES).toBe(1024 * 1024);
      expect(MAX_REQUEST_BYTES).toBe(25 * 1024 * 1024);
      expect(MAX_CERTIFICATES_PER_REQUEST).toBe(5_000);
    });

    it("fails a file over the per-file limit but imports the rest", async () => {
      const cert = await createCodeSigningLeaf(pki.intermediate, { subject: "CN=Small Enough,O=Acme,C=US" });
      const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
      const result = await importCertificates(
        db,
        {
          files: [
            { name: "big.pem", bytes: big },
            { name: "ok.pem", bytes: text(cert.pem) },
          ],
          actor,
          source: "api",
        },
        { now },
      );
      expect(result.files[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/1 MiB per file/) });
      expect(result.files[1].status).toBe("imported");
    });

    it("refuses a request over the byte limit or the certificate limit before writing anything", async () => {
      const before = await counts(db);
      const cert = await createCodeSigningLeaf(pki.intermediate, { subject: "CN=Never Stored,O=Acme,C=US" });
      const tooBig = importCertificates(
        db,
        { files: [{ name: "a.pem", bytes: text(cert.pem) }], actor, source: "api" },
        { now, limits: { maxRequestBytes: 100 } },
      );
      await expect(tooBig).rejects.toBeInstanceOf(AppError);
      await expect(tooBig).rejects.toMatchObject({
        code: "too_large",
        message: expect.stringMatching(/at most 100 bytes/),
      });
      const many = [pki.leaf, pki.other, cert].map((c, i) => ({ name: `${i}.pem`, bytes: text(c.pem) }));
      const tooMany = importCertificates(
        db,
        { files: many, actor, source: "api" },
        { now, limits: { maxCertificatesPerRequest: 2 } },
      );
      await expect(tooMany).rejects.toMatchObject({
        code: "too_large",
        message: expect.stringMatching(/3 certificates.*at most 2/),
      });
      expect(await counts(db)).toEqual(before);
    });
  });

  it("re-evaluates findings for what it imported", async () => {
    const signer = await createSigner(db, { name: "findings-after-import", kind: "ci-pipeline" });
    const sha1 = await issueCertificate({
      subject: "CN=Old Hash,O=Acme,C=US",
      issuer: pki.intermediate,
      signatureHash: "SHA-1",
      extendedKeyUsage: ["codeSigning"],
      keyUsage: ["digitalSignature"],
      isKeyUsageCritical: true,
    });
    const result = await importCertificates(
      db,
      { files: [{ name: "sha1.pem", bytes: text(sha1.pem) }], signerId: signer.id, actor, source: "api" },
      { now },
    );
    const cert = await db.certificate.findUniqueOrThrow({ where: { sha256: result.files[0].certificates[0].sha256 } });
    const rules = (await db.finding.findMany({ where: { subjectId: cert.id } })).map((f) => f.ruleId);
    expect(rules).toContain("cert.weak-signature");
    const signerRules = (await db.finding.findMany({ where: { subjectType: "signer", subjectId: signer.id } })).map(
      (f) => f.ruleId,
    );
    expect(signerRules).toContain("signer.orphaned");
  });
});
