import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { closeDb, createDb, type Db } from "@/lib/db/client";
import { availableFlavours, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { createKeyPool, generateBulkLeaves } from "@/lib/x509/testing/bulk-leaves";
import { createTestRootCa } from "@/lib/x509/testing/test-ca";
import { importCertificates, type ImportFile } from "./import-certificates";
import { ImportThread } from "./import-thread";
import { testActor as actor } from "@/lib/testing/actors";

// The import thread runs importCertificates on a thread of its own: the same files imported
// through it and on this thread leave the same certificates, links and audit events.

const now = new Date("2026-11-23T10:00:00Z");
let batches: ImportFile[][];

beforeAll(async () => {
  const ca = await createTestRootCa({ key: "P-256", subject: "CN=Thread CA,O=Acme,C=US" });
  const leaves = Array.from(generateBulkLeaves({ issuer: ca, count: 150, keyPool: await createKeyPool(5, "P-256") }));
  const files = [
    { name: "ca.der", bytes: ca.der },
    ...leaves.map((l, i) => ({ name: `leaf-${i}.der`, bytes: l.der })),
    { name: "broken.der", bytes: new TextEncoder().encode("not a certificate") },
  ];
  batches = [files.slice(0, 80), files.slice(80)];
});

async function stored(db: Db) {
  const certs = await db.certificate.findMany({
    select: {
      sha256: true,
      subject: true,
      issuerCert: { select: { sha256: true } },
      key: { select: { spkiSha256: true } },
    },
    orderBy: { sha256: "asc" },
  });
  const audit = await db.auditEvent.findMany({ select: { action: true, summary: true }, orderBy: { summary: "asc" } });
  return { certs, audit };
}

for (const flavour of availableFlavours()) {
  describe(`ImportThread (${flavour})`, () => {
    const databases: TestDatabase[] = [];
    const dbs: Db[] = [];
    afterAll(async () => {
      await Promise.all(dbs.map((db) => closeDb(db)));
      await Promise.all(databases.map((d) => d.cleanup()));
    });
    const fresh = async () => {
      const database = await createTestDatabase(flavour);
      databases.push(database);
      const db = createDb(database.url);
      dbs.push(db);
      return { url: database.url, db };
    };

    it("imports batches in order on its own thread, to the state an import on this thread leaves", async () => {
      const threaded = await fresh();
      const here = await fresh();
      const thread = new ImportThread(threaded.url, { minFilesForWorkers: 0 });
      const progress: number[] = [];
      try {
        // the second batch is sent before the first is awaited, as the command line does
        const first = thread.import({ files: batches[0], actor, source: "cli" }, { now, isEvaluating: false });
        const second = thread.import(
          { files: batches[1], actor, source: "cli" },
          { now, isEvaluating: false, onProgress: (p) => progress.push(p.doneFiles) },
        );
        const results = [await first, await second];
        const direct = [];
        for (const files of batches)
          direct.push(await importCertificates(here.db, { files, actor, source: "cli" }, { now, isEvaluating: false }));
        expect(results.map((r) => r.files)).toEqual(direct.map((r) => r.files));
        expect(results[1].summary).toMatchObject({ imported: 71, failed: 1 });
        expect(progress.at(-1)).toBe(batches[1].length);
      } finally {
        await thread.close();
      }
      const [a, b] = [await stored(threaded.db), await stored(here.db)];
      expect(a).toEqual(b);
      expect(a.certs).toHaveLength(151);
      expect(a.certs.filter((c) => c.issuerCert).length).toBe(150); // every leaf linked to the CA
    }, 120_000);

    it("rejects with the service's own error", async () => {
      const { url } = await fresh();
      const thread = new ImportThread(url);
      try {
        const failing = thread.import(
          { files: batches[0], signerId: "no-such-signer", actor, source: "cli" },
          { now, isEvaluating: false },
        );
        await expect(failing).rejects.toBeInstanceOf(AppError);
        await expect(failing).rejects.toMatchObject({ code: "not_found" });
      } finally {
        await thread.close();
      }
    }, 120_000);
  });
}
