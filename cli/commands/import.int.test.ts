import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase } from "@/lib/testing/databases";
import { createKeyPool, generateBulkLeaves } from "@/lib/x509/testing/bulk-leaves";
import { createCodeSigningLeaf, createTestIntermediateCa, createTestRootCa } from "@/lib/x509/testing/test-ca";
import type { Io } from "../io";
import { runSignet } from "../main";

const NOW = new Date("2026-11-23T10:00:00Z");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => NOW };
  return { io, out, err };
}

let dir: string;
let bulkDir: string;
const BULK = 2_150; // three batches: parsed on worker threads, the next parsed while one is stored
beforeAll(async () => {
  bulkDir = mkdtempSync(join(tmpdir(), "signet-import-bulk-"));
  const bulkCa = await createTestRootCa({ subject: "CN=CLI Bulk CA,O=Acme,C=US" });
  let n = 0;
  for (const leaf of generateBulkLeaves({ issuer: bulkCa, count: BULK, keyPool: await createKeyPool(20) })) {
    writeFileSync(join(bulkDir, `leaf-${String(n++).padStart(5, "0")}.der`), leaf.der);
  }
  writeFileSync(join(bulkDir, "leaf-01000-broken.der"), "not a certificate"); // between two batches
  writeFileSync(join(bulkDir, "zz-ca.pem"), bulkCa.pem); // the CA last: it adopts every leaf

  const root = await createTestRootCa({ subject: "CN=CLI Root,O=Acme,C=US" });
  const inter = await createTestIntermediateCa(root, { subject: "CN=CLI CA,O=Acme,C=US" });
  dir = mkdtempSync(join(tmpdir(), "signet-import-"));
  mkdirSync(join(dir, "nested"));
  writeFileSync(
    join(dir, "chain.pem"),
    (await createCodeSigningLeaf(inter, { subject: "CN=cli-bot,O=Acme,C=US" })).pem + inter.pem + root.pem,
  );
  writeFileSync(
    join(dir, "nested", "other.cer"),
    (await createCodeSigningLeaf(inter, { subject: "CN=cli-other,O=Acme,C=US" })).der,
  );
  writeFileSync(join(dir, "nested", "notes.txt"), "release notes, not a certificate");
  writeFileSync(
    join(dir, "nested", "leaked.key"),
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n",
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bulkDir, { recursive: true, force: true });
});

describeEachDatabase("signet import", (database) => {
  let previousUrl: string | undefined;
  beforeAll(() => {
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
  });
  afterAll(() => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });
  /**
   * The command migrates first, and the migration runner cannot take its lock on SQLite while
   * another connection has the file open: the test opens its own only around its checks.
   */
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = createDb(database.url);
    try {
      return await fn(db);
    } finally {
      await db.$disconnect();
    }
  }

  it("imports a folder recursively, explains each bad file, and exits 1 because of them", async () => {
    const { io, out, err } = capture();
    expect(await runSignet(["import", dir], io)).toBe(1);
    expect(out).toHaveLength(4);
    expect(out.find((l) => l.includes("chain.pem"))).toMatch(/^imported\s+.*\(3 new\)/);
    expect(out.find((l) => l.includes("notes.txt"))).toMatch(/^FAILED\s+.*not a certificate/);
    expect(out.find((l) => l.includes("leaked.key"))).toMatch(/^REFUSED\s+.*private key/);
    expect(err.at(-1)).toMatch(
      /^4 files: 2 imported, 0 already known, 1 failed, 1 refused \(private key\); 4 new certificates/,
    );
    await withDb(async (db) => {
      expect(await db.certificate.count()).toBe(4);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "certificate.imported" } });
      expect(audit.actorLabel).toMatch(/^cli \(/);
    });
  });

  it("reports already-known on a second run and links to a signer given by name, as JSON lines", async () => {
    const signer = await withDb((db) => createSigner(db, { name: "cli-linked", kind: "ci-pipeline" }));
    const { io, out } = capture();
    expect(
      await runSignet(
        ["import", "--json", "--signer", "cli-linked", join(dir, "chain.pem"), join(dir, "nested", "other.cer")],
        io,
      ),
    ).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as { status: string; certificates: { signerLinked?: boolean }[] });
    expect(lines.map((l) => l.status)).toEqual(["already-known", "already-known"]);
    expect(lines.flatMap((l) => l.certificates).every((c) => c.signerLinked === true)).toBe(true);
    await withDb(async (db) => {
      expect(await db.signerCertificate.count({ where: { signerId: signer.id } })).toBe(4);
      expect(await db.certificate.count()).toBe(4);
    });
  });

  it("imports thousands of files in batches, reporting every file in input order", async () => {
    const { io, out, err } = capture();
    expect(await runSignet(["import", "--json", bulkDir], io)).toBe(1);
    const lines = out.map((l) => JSON.parse(l) as { file: string; status: string });
    expect(lines).toHaveLength(BULK + 2);
    expect(lines.map((l) => l.file)).toEqual([...lines.map((l) => l.file)].sort());
    expect(lines.filter((l) => l.status === "failed").map((l) => l.file)).toEqual([
      join(bulkDir, "leaf-01000-broken.der"),
    ]);
    expect(err.at(-1)).toMatch(
      new RegExp(`^${BULK + 2} files: ${BULK + 1} imported, 0 already known, 1 failed; ${BULK + 1} new certificates`),
    );
    await withDb(async (db) => {
      const ca = await db.certificate.findFirstOrThrow({ where: { subjectCn: "CLI Bulk CA" } });
      expect(await db.certificate.count({ where: { issuerCertId: ca.id } })).toBe(BULK);
      expect(
        await db.auditEvent.count({ where: { action: "certificate.imported", summary: { contains: "leaf-" } } }),
      ).toBe(BULK);
    });
    const again = capture();
    expect(await runSignet(["import", bulkDir], again.io)).toBe(1);
    expect(again.err.at(-1)).toMatch(
      new RegExp(`^${BULK + 2} files: 0 imported, ${BULK + 1} already known, 1 failed; 0 new certificates`),
    );
  }, 120_000);

  it("fails clearly on an unknown signer and on a missing path", async () => {
    const unknown = capture();
    expect(await runSignet(["import", "--signer", "nope", dir], unknown.io)).toBe(1);
    expect(unknown.err.join("\n")).toMatch(/no signer has the name or id "nope"/);
    const missing = capture();
    expect(await runSignet(["import", join(dir, "missing.pem")], missing.io)).toBe(1);
    expect(missing.out[0]).toMatch(/FAILED .*no such file/);
    const usage = capture();
    expect(await runSignet(["import"], usage.io)).toBe(2);
  });
});
