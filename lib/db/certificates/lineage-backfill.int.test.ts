import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { migrationNames, providerPaths } from "@/lib/db/migrate/files";
import { computeSupersession, type LineageCertificate } from "@/lib/domain/certificate-lineage";
import { seededRandom } from "@/prisma/demo/activity";
import { availableFlavours, createEmptyTestDatabase, type TestDatabase } from "@/lib/testing/databases";

// The certificate_lineage migration backfills supersededAt/supersededById in SQL; from then on
// lib/db/certificates/lineage.ts keeps them with the domain rule (lib/domain/certificate-lineage.ts).
// An upgraded database must hold what the rule says: this migrates to just before the lineage
// migration, writes an inventory full of lineage cases, applies the rest and compares every row
// with computeSupersession over the same rows.

const LINEAGE_MIGRATION = "certificate_lineage";
const LOCKFILE = "migration_lock.toml";
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** The migrations folder up to (not including) the lineage migration, as a temporary copy. */
function migrationsBeforeLineage(flavour: TestDatabase["flavour"]): string {
  const source = providerPaths(flavour).migrationsDir;
  const names = migrationNames(source);
  const cut = names.findIndex((n) => n.endsWith(`_${LINEAGE_MIGRATION}`));
  if (cut < 0) throw new Error(`no ${LINEAGE_MIGRATION} migration in ${source}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-lineage-"));
  fs.copyFileSync(path.join(source, LOCKFILE), path.join(dir, LOCKFILE));
  for (const name of names.slice(0, cut)) fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
  return dir;
}

type Seeded = { certificates: LineageCertificate[] };

/**
 * Signers holding several generations of leaves and CA certificates, shared certificates (renewed
 * for one signer only, or for all), revoked renewals, notBefore ties, and unlinked certificates
 * renewed under the same subject and issuer (or a different issuer, which is no renewal).
 */
function inventory(
  seed: number,
): Seeded & { signerIds: string[]; links: { signerId: string; certificateId: string }[] } {
  // deterministic, so a failure can be replayed
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const signerIds = Array.from({ length: 10 }, (_, i) => `s${seed}-${i}`);
  const names = ["CN=build,O=A", "CN=build,O=B", "CN=deploy,O=A", "CN=release,O=C"];
  const issuers = ["CN=CA 1", "CN=CA 2"];
  const certificates: LineageCertificate[] = [];
  const links: { signerId: string; certificateId: string }[] = [];
  for (let i = 0; i < 90; i++) {
    const id = `c${seed}-${String(i).padStart(3, "0")}`;
    // few distinct days, so equal notBefores are common
    const notBefore = new Date(T0 + Math.floor(next() * 12) * 30 * DAY);
    const linkCount = next() < 0.3 ? 0 : next() < 0.75 ? 1 : next() < 0.7 ? 2 : 3;
    const holders = [...new Set(Array.from({ length: linkCount }, () => pick(signerIds)))];
    certificates.push({
      id,
      notBefore,
      subject: pick(names),
      issuer: pick(issuers),
      revocationStatus: next() < 0.15 ? "revoked" : pick(["good", "unchecked", "unknown"]),
      isCA: next() < 0.2,
      signerIds: holders,
    });
    for (const signerId of holders) links.push({ signerId, certificateId: id });
  }
  return { signerIds, links, certificates };
}

async function seed(db: Db, data: ReturnType<typeof inventory>) {
  await db.signingKey.createMany({
    data: data.certificates.map((c) => ({ id: `k-${c.id}`, spkiSha256: `spki-${c.id}`, algorithm: "EC" })),
  });
  await db.signer.createMany({ data: data.signerIds.map((id) => ({ id, name: id, kind: "ci-pipeline" })) });
  // raw INSERTs name only the columns of that time: createMany also sends later columns with a
  // default (Certificate.isKeyless), which do not exist yet either
  for (const c of data.certificates) {
    const notAfter = new Date(c.notBefore.getTime() + 400 * DAY);
    await db.$executeRaw`INSERT INTO "Certificate" ("id", "sha256", "sha1", "der", "subject", "issuer", "serialHex", "notBefore", "notAfter", "keyAlgorithm", "signatureAlgorithm", "isCA", "keyId", "revocationStatus")
      VALUES (${c.id}, ${`sha-${c.id}`}, ${"00"}, ${new Uint8Array([0x30, 0x00])}, ${c.subject}, ${c.issuer}, ${c.id}, ${c.notBefore}, ${notAfter}, ${"EC"}, ${"ecdsa-with-SHA256"}, ${c.isCA}, ${`k-${c.id}`}, ${c.revocationStatus})`;
  }
  await db.signerCertificate.createMany({ data: data.links });
}

for (const flavour of availableFlavours()) {
  describe(`certificate_lineage backfill (${flavour})`, () => {
    const seeds = [1, 2, 3];
    const datasets = seeds.map(inventory);
    let database: TestDatabase;
    let db: Db;
    let migrationsDir: string;

    beforeAll(async () => {
      database = await createEmptyTestDatabase(flavour);
      migrationsDir = migrationsBeforeLineage(flavour);
      await applyMigrations({ url: database.url, migrationsDir });
      const writer = createDb(database.url);
      try {
        for (const data of datasets) await seed(writer, data);
      } finally {
        await writer.$disconnect();
      }
      const { applied } = await applyMigrations({ url: database.url });
      db = createDb(database.url);
      expect(applied.some((n) => n.endsWith(`_${LINEAGE_MIGRATION}`))).toBe(true);
    }, 120_000);

    afterAll(async () => {
      await db?.$disconnect();
      await database?.cleanup();
      if (migrationsDir) fs.rmSync(migrationsDir, { recursive: true, force: true });
    });

    it("stores what the domain rule computes for every certificate", async () => {
      const expected = computeSupersession(datasets.flatMap((d) => d.certificates));
      const stored = await db.certificate.findMany({
        select: { id: true, supersededAt: true, supersededById: true },
        orderBy: { id: "asc" },
      });
      expect(stored).toHaveLength(datasets.reduce((n, d) => n + d.certificates.length, 0));
      const at = (r: (typeof stored)[number]) => `${r.id} ${r.supersededAt?.toISOString() ?? "-"}`;
      const wantedAt = (id: string) => `${id} ${expected.get(id)?.supersededAt.toISOString() ?? "-"}`;
      expect(stored.map(at)).toEqual(stored.map((r) => wantedAt(r.id)));
      const by = (r: (typeof stored)[number]) => `${r.id} ${r.supersededById ?? "-"}`;
      expect(stored.map(by)).toEqual(stored.map((r) => `${r.id} ${expected.get(r.id)?.supersededById ?? "-"}`));
    });

    it("covers the cases it is meant to (so the comparison cannot pass on a trivial inventory)", () => {
      const all = datasets.flatMap((d) => d.certificates);
      const expected = computeSupersession(all);
      const superseded = all.filter((c) => expected.has(c.id));
      expect(superseded.filter((c) => c.signerIds.length === 0).length).toBeGreaterThan(3);
      expect(superseded.filter((c) => c.signerIds.length > 1).length).toBeGreaterThan(3);
      expect(superseded.filter((c) => c.isCA).length).toBeGreaterThan(3);
      // shared certificates some of whose signers have no renewal stay current
      expect(all.filter((c) => c.signerIds.length > 1 && !expected.has(c.id)).length).toBeGreaterThan(3);
      // ties: two certificates of one signer and kind with the same notBefore
      const tie = all.some((a) =>
        all.some(
          (b) =>
            a.id < b.id &&
            a.isCA === b.isCA &&
            a.notBefore.getTime() === b.notBefore.getTime() &&
            a.signerIds.some((s) => b.signerIds.includes(s)),
        ),
      );
      expect(tie).toBe(true);
    });
  });
}
