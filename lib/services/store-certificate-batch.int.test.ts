import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseFlavour } from "@/lib/db/adapters";
import { createDb, type Db, type Tx } from "@/lib/db/client";
import { withDriverTransaction } from "@/lib/db/driver";
import { createSigner } from "@/lib/db/signers/signers";
import { availableFlavours, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { parseCertificateFile } from "@/lib/x509";
import {
  createCodeSigningLeaf,
  createTestCas,
  generateTestKeyPair,
  issueCertificate,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";
import { createIssuerChecker } from "@/lib/x509/issuer-checks";
import { createIssuerVerifier } from "@/lib/x509/verify";
import { importCertificates } from "./import-certificates";
import { storeCertificateBatch, type BatchFile } from "./store-certificate-batch";
import { storeCertificates } from "./store-certificates";
import { DAY_MS } from "@/lib/domain/expiry";
import { testActor as actor } from "@/lib/testing/actors";

// The bulk path (many files per transaction, set-based writes) must leave exactly the state the
// per-file path leaves when it stores the same files one after another: the same certificates,
// keys, issuer links, signer links, audit events and per-file results. Both run here on the same
// input, each on its own fresh database, and the databases are compared.

const now = new Date("2026-11-23T10:00:00Z");
const notBefore = new Date(now.getTime() - 30 * DAY_MS);

/** `renewal`: a later batch renewing a certificate of `batch` (same subject and issuer): it supersedes it. */
type Corpus = { before: BatchFile[]; batch: BatchFile[]; renewal: BatchFile[] };
let corpus: Corpus;

const file = (name: string, ...certs: TestCertificate[]): BatchFile => ({
  name,
  certificates: parseCertificateFile(new TextEncoder().encode(certs.map((c) => c.pem).join(""))).certificates,
});

beforeAll(async () => {
  const { root, intermediate: ca } = await createTestCas({ notBefore });
  // an impostor: the CA's name, another key; its "leaf" must not link to the real CA
  const impostor = await issueCertificate({
    subject: "CN=Signet Test Code Signing CA,O=Signet Test,C=US",
    isCA: true,
    notBefore,
  });
  const renewedKey = await generateTestKeyPair("P-256");
  const leaf = (n: number, issuer = ca, key?: typeof renewedKey) =>
    createCodeSigningLeaf(issuer, {
      subject: `CN=Release ${n},O=Acme,C=US`,
      notBefore,
      notAfter: new Date(now.getTime() + n * DAY_MS),
      ...(key ? { key } : {}),
    });
  const [l1, l2, l3, l4, l5, fake] = [
    await leaf(1),
    await leaf(2),
    await leaf(3),
    await leaf(4, ca, renewedKey),
    await leaf(5, ca, renewedKey),
    await leaf(6, impostor),
  ];
  const orphan = await leaf(7); // stored before its CA arrives: the CA adopts it
  const selfSigned = await issueCertificate({ subject: "CN=Self Signed Release,O=Acme,C=US", notBefore });
  const renewed3 = await createCodeSigningLeaf(ca, {
    subject: "CN=Release 3,O=Acme,C=US",
    notBefore: new Date(notBefore.getTime() + DAY_MS),
    notAfter: new Date(now.getTime() + 365 * DAY_MS),
  });
  corpus = {
    renewal: [file("release-3-renewed.pem", renewed3)],
    before: [file("known.pem", l1), file("orphan.pem", orphan)],
    batch: [
      file("leaf-before-its-ca.pem", l2), // its issuer arrives later in the same batch
      file("ca-chain.pem", ca, root),
      file("known-again.pem", l1), // stored before: linked to the signer, not imported
      file("bundle.pem", l3, l4),
      file("dup-of-bundle.pem", l3), // the same certificate twice in one batch
      file("renewal-same-key.pem", l5),
      file("impostor.pem", impostor, fake),
      file("self-signed.pem", selfSigned),
    ],
  };
});

/** A trigger that fails every insert into Certificate (the failure the rollback test needs). */
async function refuseCertificateInserts(db: Db, flavour: DatabaseFlavour) {
  if (flavour === "sqlite") {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "refuse_certificates" BEFORE INSERT ON "Certificate" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
    );
    return;
  }
  await db.$executeRawUnsafe(
    `CREATE FUNCTION "refuse_certificates"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER "refuse_certificates" BEFORE INSERT ON "Certificate" FOR EACH ROW EXECUTE FUNCTION "refuse_certificates"()`,
  );
}

/** The database as comparable plain data: ids replaced by the sha256 / spki they stand for. */
async function snapshot(db: Db) {
  const certs = await db.certificate.findMany({
    include: { key: true, issuerCert: { select: { sha256: true } }, signers: { include: { signer: true } } },
    orderBy: { sha256: "asc" },
  });
  const shaOf = new Map(certs.map((c) => [c.id, c.sha256]));
  // the stored form itself (SQLite keeps dates as text and compares them as text)
  const stored = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "sha256", CAST("notBefore" AS TEXT) AS "nb", CAST("notAfter" AS TEXT) AS "na", CAST("importedAt" AS TEXT) AS "ia", CAST("isCA" AS TEXT) AS "ca", CAST("keyBits" AS TEXT) AS "kb" FROM "Certificate" ORDER BY "sha256"`,
  );
  return {
    stored,
    certificates: certs.map(({ id, keyId, issuerCertId, key, issuerCert, signers, ...rest }) => {
      void id;
      void keyId;
      void issuerCertId;
      return {
        ...rest,
        der: Buffer.from(rest.der).toString("hex"),
        key: key.spkiSha256,
        keyFirstSeenAt: key.firstSeenAt.toISOString(),
        issuer: issuerCert?.sha256 ?? null,
        supersededById: rest.supersededById ? shaOf.get(rest.supersededById) : null,
        signers: signers.map((s) => `${s.signer.name}@${s.addedAt.toISOString()}`),
      };
    }),
    keys: (await db.signingKey.findMany({ orderBy: { spkiSha256: "asc" } })).map((k) => ({
      spki: k.spkiSha256,
      algorithm: k.algorithm,
      bits: k.bits,
      curve: k.curve,
      custody: k.custody,
      firstSeenAt: k.firstSeenAt.toISOString(),
    })),
    audit: (await db.auditEvent.findMany({ orderBy: [{ summary: "asc" }] })).map((a) => ({
      action: a.action,
      actor: a.actorLabel,
      targetType: a.targetType,
      target: a.targetId && shaOf.has(a.targetId) ? `cert:${shaOf.get(a.targetId)}` : a.targetId ? "signer" : null,
      summary: a.summary,
      details: JSON.parse(a.detailsJson, (k, v) => (k === "signerId" && v ? "signer" : v)),
      at: a.at.toISOString(),
    })),
  };
}

for (const flavour of availableFlavours()) {
  describe(`storeCertificateBatch (${flavour})`, () => {
    const databases: TestDatabase[] = [];
    const dbs: Db[] = [];
    afterAll(async () => {
      await Promise.all(dbs.map((db) => db.$disconnect()));
      await Promise.all(databases.map((d) => d.cleanup()));
    });
    async function freshDb(): Promise<{ db: Db; signerId: string }> {
      const database = await createTestDatabase(flavour);
      databases.push(database);
      const db = createDb(database.url);
      dbs.push(db);
      const signer = await createSigner(db, { name: "payments-release", kind: "ci-pipeline" });
      for (const f of corpus.before) {
        await db.$transaction((tx) =>
          storeCertificates(tx, f.certificates, {
            actor,
            source: "cli",
            fileName: f.name,
            now: new Date(now.getTime() - DAY_MS),
          }),
        );
      }
      return { db, signerId: signer.id };
    }

    /**
     * Stores the corpus's batch on one fresh database (in a client transaction, or on the driver as
     * importCertificates does) and file by file on another, and expects the same results and state.
     */
    async function expectSameAsFileByFile(options: { withSigner: boolean; onDriver: boolean }) {
      const bulk = await freshDb();
      const single = await freshDb();
      const ctx = (signerId: string) => ({
        actor,
        source: "cli" as const,
        now,
        ...(options.withSigner ? { signerId } : {}),
      });
      const store = (tx: Tx) =>
        storeCertificateBatch(tx, corpus.batch, { ...ctx(bulk.signerId), isIssuedBy: createIssuerVerifier() });
      const batch = options.onDriver ? await withDriverTransaction(bulk.db, store) : await bulk.db.$transaction(store);
      const perFile = [];
      for (const f of corpus.batch)
        perFile.push(
          await single.db.$transaction((tx) =>
            storeCertificates(tx, f.certificates, { ...ctx(single.signerId), fileName: f.name }),
          ),
        );

      // One difference by design: a leaf whose issuer comes later in the same batch reports that
      // issuer (file by file, the issuer adopts it later and the leaf's result never says so).
      const withoutIssuer = (files: typeof batch.files) =>
        files.map((f) => f.map(({ linkedIssuer, ...rest }) => (void linkedIssuer, rest)));
      expect(withoutIssuer(batch.files)).toEqual(withoutIssuer(perFile.map((r) => r.certificates)));
      const [a, b] = [await snapshot(bulk.db), await snapshot(single.db)];
      expect(a.certificates).toEqual(b.certificates);
      expect(a.stored).toEqual(b.stored);
      expect(a.keys).toEqual(b.keys);
      expect(a.audit).toEqual(b.audit);
      return { batch, a, bulk, single };
    }

    it("leaves the same database and reports the same per-file results as storing file by file", async () => {
      const { batch, a } = await expectSameAsFileByFile({ withSigner: true, onDriver: false });
      const storedIssuer = new Map(a.certificates.map((c) => [c.sha256, c.issuer]));
      for (const entry of batch.files.flat())
        if (entry.linkedIssuer) expect(storedIssuer.get(entry.sha256)).toBe(entry.linkedIssuer);
      expect(batch.files[0][0].linkedIssuer).toBeDefined();

      // and the state is the one intended, not merely the same mistake twice
      const bySubject = new Map(a.certificates.map((c) => [c.subject, c]));
      const realCa = bySubject.get("CN=Release 3,O=Acme,C=US")!.issuer;
      expect(realCa).not.toBeNull();
      expect(bySubject.get("CN=Release 2,O=Acme,C=US")!.issuer).not.toBeNull(); // leaf before its CA in the batch
      expect(bySubject.get("CN=Release 7,O=Acme,C=US")!.issuer).not.toBeNull(); // stored orphan adopted
      expect(bySubject.get("CN=Release 6,O=Acme,C=US")!.issuer).not.toBe(realCa); // the impostor's leaf
      expect(bySubject.get("CN=Release 1,O=Acme,C=US")!.issuer).toBe(realCa); // stored before, adopted by the batch's CA
      expect(bySubject.get("CN=Release 4,O=Acme,C=US")!.key).toBe(bySubject.get("CN=Release 5,O=Acme,C=US")!.key);
      expect(batch.adoptedIds).toHaveLength(2); // Release 1 and Release 7 waited for their CA
      expect(batch.files[4]).toEqual([expect.objectContaining({ status: "already-known", signerLinked: false })]);
      expect(batch.files[2]).toEqual([expect.objectContaining({ status: "already-known", signerLinked: true })]);
    }, 60_000);

    it("without a signer, on the driver as importCertificates runs it: the same end state as file by file", async () => {
      // without a signer the batch's audit statements run beside its certificate insert
      const { a, bulk, single } = await expectSameAsFileByFile({ withSigner: false, onDriver: true });
      expect(a.audit.filter((e) => e.action === "certificate.imported").length).toBeGreaterThan(5);

      // a later batch renews a certificate (same subject and issuer): the lineage it joins is worked
      // out from the rows the batch inserted, as file by file from the rows read back
      const ctx = { actor, source: "cli" as const, now };
      await withDriverTransaction(bulk.db, (tx) =>
        storeCertificateBatch(tx, corpus.renewal, { ...ctx, isIssuedBy: createIssuerVerifier() }),
      );
      for (const f of corpus.renewal)
        await single.db.$transaction((tx) => storeCertificates(tx, f.certificates, { ...ctx, fileName: f.name }));
      const [after, expected] = [await snapshot(bulk.db), await snapshot(single.db)];
      expect(after.certificates).toEqual(expected.certificates);
      const release3 = after.certificates.filter((c) => c.subject === "CN=Release 3,O=Acme,C=US");
      expect(release3).toHaveLength(2);
      expect(release3.filter((c) => c.supersededAt !== null)).toHaveLength(1);
    }, 60_000);

    it("rolls back the audit events written beside a certificate insert that fails", async () => {
      const { db } = await freshDb();
      const [auditBefore, keysBefore] = [await db.auditEvent.count(), await db.signingKey.count()];
      await refuseCertificateInserts(db, flavour);
      await expect(
        withDriverTransaction(db, (tx) =>
          storeCertificateBatch(tx, corpus.batch, { actor, source: "cli", now, isIssuedBy: createIssuerVerifier() }),
        ),
      ).rejects.toThrow(/refused by the test/);
      expect(await db.auditEvent.count()).toBe(auditBefore);
      expect(await db.signingKey.count()).toBe(keysBefore);
      expect(await db.certificate.count()).toBe(corpus.before.length);
    }, 60_000);

    it("takes a parse worker's signature checks instead of checking again, to the same end state", async () => {
      const plain = await freshDb();
      const checked = await freshDb();
      const ctx = (signerId: string) => ({ actor, source: "cli" as const, signerId, now });
      // what a parse worker given the batch's CA certificates would have attached (issuer-checks.ts)
      const checker = createIssuerChecker();
      checker.add(corpus.batch.flatMap((f) => f.certificates.filter((c) => c.isCA).map((c) => c.der)));
      const withChecks = corpus.batch.map((f) => ({
        ...f,
        certificates: f.certificates.map((c) => {
          const copy = { ...c };
          checker.check(copy);
          return copy;
        }),
      }));
      expect(withChecks.flatMap((f) => f.certificates).filter((c) => c.issuerChecks).length).toBeGreaterThan(5);
      let verified = 0;
      const verifier = createIssuerVerifier();
      const counting = (child: Uint8Array, issuer: Uint8Array) => (verified++, verifier(child, issuer));

      const a = await plain.db.$transaction((tx) =>
        storeCertificateBatch(tx, corpus.batch, { ...ctx(plain.signerId), isIssuedBy: counting }),
      );
      const verifiedPlain = verified;
      verified = 0;
      const b = await checked.db.$transaction((tx) =>
        storeCertificateBatch(tx, withChecks, { ...ctx(checked.signerId), isIssuedBy: counting }),
      );
      expect(verified).toBeLessThan(verifiedPlain); // only the adoptions of stored orphans are checked here
      expect(b.files).toEqual(a.files);
      const [sa, sb] = [await snapshot(plain.db), await snapshot(checked.db)];
      expect(sb.certificates).toEqual(sa.certificates);
      expect(sb.audit).toEqual(sa.audit);
      // the issuers found go back to the caller, for its parse pool
      const shaOf = (der: Uint8Array) => parseCertificateFile(der).certificates[0].sha256;
      expect(new Set(b.issuerDers.map(shaOf))).toEqual(new Set(a.issuerDers.map(shaOf)));
      expect(b.issuerDers.length).toBeGreaterThanOrEqual(2); // the CA (for its leaves) and the root (for the CA)

      // and a worker's answer is what decides: a check saying "not signed by" leaves the leaf unlinked
      const denied = await freshDb();
      const leafBeforeCa = withChecks[0].certificates[0];
      const flipped = [
        {
          ...withChecks[0],
          certificates: [
            { ...leafBeforeCa, issuerChecks: leafBeforeCa.issuerChecks!.map((c) => ({ ...c, isSignedBy: false })) },
          ],
        },
        ...withChecks.slice(1),
      ];
      const c = await denied.db.$transaction((tx) =>
        storeCertificateBatch(tx, flipped, { ...ctx(denied.signerId), isIssuedBy: verifier }),
      );
      expect(a.files[0][0].linkedIssuer).toBeDefined();
      expect(c.files[0][0].linkedIssuer).toBeUndefined();
    }, 60_000);

    it("importCertificates falls back to one file per transaction when a batch fails, losing nothing", async () => {
      const { db } = await freshDb();
      const files = corpus.batch.map((f) => ({
        name: f.name,
        bytes: new TextEncoder().encode(
          f.certificates
            .map(
              (c) =>
                `-----BEGIN CERTIFICATE-----\n${Buffer.from(c.der).toString("base64")}\n-----END CERTIFICATE-----\n`,
            )
            .join(""),
        ),
      }));
      // a batch transaction that cannot start (maxWait elapses) is the simplest failure to provoke:
      // hold the only SQLite writer / fail the first $transaction call
      let calls = 0;
      const flaky = new Proxy(db, {
        get(target, prop, receiver) {
          if (prop === "$transaction") {
            return (...args: Parameters<Db["$transaction"]>) =>
              calls++ === 0
                ? Promise.reject(new Error("simulated failure of the batch"))
                : (target.$transaction as (...a: unknown[]) => unknown)(...args);
          }
          return Reflect.get(target, prop, receiver);
        },
      }) as Db;
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const result = await importCertificates(flaky, { files, actor, source: "cli" }, { now, isEvaluating: false });
        expect(result.files.map((f) => f.status)).toEqual([
          "imported",
          "imported",
          "already-known",
          "imported",
          "already-known",
          "imported",
          "imported",
          "imported",
        ]);
      } finally {
        console.error = original;
      }
      expect(calls).toBeGreaterThan(1);
      expect(String(errors[0])).toContain("storing them one by one");
      expect(await db.certificate.count()).toBe(2 + 9);
    }, 60_000);
  });
}

describe("storeCertificateBatch corpus", () => {
  it("exercises every case it claims to", () => {
    expect(corpus.batch.flatMap((f) => f.certificates)).toHaveLength(11);
  });
});
