import { expect, it } from "vitest";
import { withTransaction, type Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { numberedCertificate, signerFinding } from "@/lib/testing/inventory-seed";
import { linkCertificates, unlinkCertificates } from "@/lib/db/signers/signer-admin";
import { setOwnership } from "@/lib/db/signers/signers";

// "OwnedCertificate" and "OwnedFinding" (lib/db/migrate/owned-scope-objects.ts) are the owner
// scopes stored: after every kind of write that changes who owns what, they must hold exactly what
// the scopes computed from the links, the owners and the findings hold.

const NOW = new Date("2026-12-01T00:00:00Z");
const DAY = 86_400_000;

type Pair = [string, string];
const sorted = (rows: Pair[]) => rows.map((r) => r.join(" ")).sort();

/** The scopes as they were computed per read before (lib/db/scope.ts), for every person. */
async function computed(db: Db): Promise<{ certificates: string[]; findings: string[] }> {
  const owners = `SELECT "id" AS "signerId", "primaryOwnerId" AS "personId" FROM "Signer" WHERE "primaryOwnerId" IS NOT NULL
    UNION SELECT "id", "backupOwnerId" FROM "Signer" WHERE "backupOwnerId" IS NOT NULL`;
  const certificates = `SELECT DISTINCT o."personId", sc."certificateId", c."keyId" FROM "SignerCertificate" sc
    JOIN (${owners}) o ON o."signerId" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"`;
  const c = await db.$queryRawUnsafe<{ personId: string; certificateId: string }[]>(certificates);
  const f = await db.$queryRawUnsafe<{ personId: string; id: string }[]>(`
    SELECT o."personId", f."id" FROM "Finding" f JOIN (${owners}) o ON o."signerId" = f."signerId"
    UNION SELECT oc."personId", f."id" FROM "Finding" f JOIN (${certificates}) oc ON oc."certificateId" = f."certificateId"
    UNION SELECT oc."personId", f."id" FROM "Finding" f JOIN (${certificates}) oc ON oc."keyId" = f."keyId"`);
  return {
    certificates: sorted(c.map((r) => [r.personId, r.certificateId])),
    findings: sorted(f.map((r) => [r.personId, r.id])),
  };
}

async function stored(db: Db): Promise<{ certificates: string[]; findings: string[] }> {
  const [c, f] = await Promise.all([
    db.ownedCertificate.findMany({ select: { personId: true, certificateId: true } }),
    db.ownedFinding.findMany({ select: { personId: true, findingId: true } }),
  ]);
  return {
    certificates: sorted(c.map((r) => [r.personId, r.certificateId])),
    findings: sorted(f.map((r) => [r.personId, r.findingId])),
  };
}

async function expectStoredAsComputed(db: Db, what: string) {
  const [want, got] = await Promise.all([computed(db), stored(db)]);
  expect(got, what).toEqual(want);
  return got;
}

/** Findings by id, each with its links: [certificateId, keyId, signerId]. */
async function storeFindings(db: Db, links: Record<string, (string | null)[]>) {
  await db.finding.createMany({
    data: Object.entries(links).map(([id, [certificateId, keyId, signerId]]) => ({
      ...signerFinding(signerId ?? "none", "test.rule", "low", id),
      id,
      subjectId: id,
      certificateId,
      keyId,
      signerId,
    })),
  });
}

describeEachDatabase("the stored owner scopes", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  it("equal the computed ones after every kind of change of links, owners, findings and rows", async () => {
    const [alice, bob, carol] = await Promise.all(
      ["alice", "bob", "carol"].map((name) =>
        db.person.create({ data: { id: name, name, email: `${name}@example.test` } }),
      ),
    );
    await db.signingKey.createMany({
      data: ["k1", "k2", "k3"].map((id, i) => ({
        id,
        spkiSha256: String(i).padStart(64, "0"),
        algorithm: "RSA",
        firstSeenAt: NOW,
      })),
    });
    // c1 and c2 share key k1: a key finding on k1 is seen by the owners of either
    await db.certificate.createMany({
      data: ["k1", "k1", "k2", "k3"].map((keyId, i) => ({
        id: `c${i + 1}`,
        ...numberedCertificate(i + 1, { keyId, notBefore: NOW, notAfter: new Date(NOW.getTime() + 30 * DAY) }),
      })),
    });
    await db.signer.createMany({
      data: [
        { id: "s1", name: "s1", kind: "ci-pipeline", primaryOwnerId: alice.id, backupOwnerId: bob.id },
        { id: "s2", name: "s2", kind: "ci-pipeline", primaryOwnerId: bob.id },
        { id: "s3", name: "s3", kind: "ci-pipeline" },
      ],
    });
    // findings stored before the links they are seen through: about a certificate (and its key,
    // with or without a signer), a signer, a key
    await storeFindings(db, {
      f1: ["c1", "k1", null],
      f2: ["c3", "k2", "s2"],
      f3: [null, null, "s3"],
      f4: [null, "k1", null],
    });
    expect((await expectStoredAsComputed(db, "nothing linked")).certificates).toEqual([]);

    // links, several in one statement (PostgreSQL's statement-level trigger) and one alone
    await withTransaction(db, (tx) => linkCertificates(tx, "s1", ["c1", "c3"], NOW));
    await db.signerCertificate.create({ data: { signerId: "s2", certificateId: "c2" } });
    const linked = await expectStoredAsComputed(db, "linked");
    expect(linked.findings).toContain("alice f4"); // through c1's key
    expect(linked.findings).toContain("bob f2"); // through s2 and through c3

    // findings stored after the links, one relinked, one deleted
    await storeFindings(db, { f5: ["c4", "k3", "s3"], f6: [null, null, "s1"] });
    await expectStoredAsComputed(db, "findings stored");
    await db.finding.update({ where: { id: "f5" }, data: { signerId: "s1" } });
    await db.finding.update({ where: { id: "f2" }, data: { keyId: "k1", signerId: null } });
    await expectStoredAsComputed(db, "findings relinked");
    await db.finding.delete({ where: { id: "f6" } });
    await expectStoredAsComputed(db, "a finding deleted");

    // owners changed (the repository's write), one to nobody
    await withTransaction(db, (tx) => setOwnership(tx, "s3", { primaryOwnerId: carol.id }));
    await withTransaction(db, (tx) => setOwnership(tx, "s1", { primaryOwnerId: carol.id, backupOwnerId: null }));
    await expectStoredAsComputed(db, "owners changed");
    await db.signer.update({ where: { id: "s2" }, data: { backupOwnerId: alice.id, name: "s2-renamed" } });
    await db.signer.update({ where: { id: "s2" }, data: { name: "s2-again" } });
    await expectStoredAsComputed(db, "a backup owner added");

    // links removed, a certificate used by two signers
    await db.signerCertificate.create({ data: { signerId: "s3", certificateId: "c1" } });
    await expectStoredAsComputed(db, "a certificate of two signers");
    await withTransaction(db, (tx) => unlinkCertificates(tx, "s1", ["c1", "c3"]));
    await expectStoredAsComputed(db, "unlinked");

    // a certificate's key changed; rows deleted with their cascades and SET NULLs
    await db.certificate.update({ where: { id: "c2" }, data: { keyId: "k2" } });
    await expectStoredAsComputed(db, "a key changed");
    await db.person.delete({ where: { id: carol.id } });
    await expectStoredAsComputed(db, "an owner deleted");
    await db.signer.delete({ where: { id: "s2" } });
    await expectStoredAsComputed(db, "a signer deleted");
    await withTransaction(db, (tx) => linkCertificates(tx, "s1", ["c4"], NOW));
    await db.signer.update({ where: { id: "s1" }, data: { primaryOwnerId: alice.id } });
    await db.certificate.delete({ where: { id: "c4" } });
    const end = await expectStoredAsComputed(db, "a certificate deleted");
    expect(end.findings.length).toBeGreaterThan(0);
  });
});
