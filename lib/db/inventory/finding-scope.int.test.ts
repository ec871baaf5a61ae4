import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { listFindingPage } from "@/lib/db/findings/list";
import { findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openSeededTestDb } from "@/lib/testing/databases";
import { numberedCertificate, signerFinding } from "@/lib/testing/inventory-seed";
import { Prisma } from "@/lib/db/sql";
import { findingWhereSql } from "@/lib/db/findings/where";
import { isFindingVisible } from "./common";

// The owner's findings (about their signers, their signers' certificates or those certificates'
// keys) are read as one condition on "Finding" now, no longer as a UNION of three id lists: the
// same findings, for an owner of many signers with every kind of link, shared ones included.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const SIGNERS = 1_100;

/** The scope as it was read before (a UNION of the three branches' ids): the reference. */
function unionScopeSql(personId: string) {
  const certificates = Prisma.sql`SELECT sc."certificateId" FROM "SignerCertificate" sc JOIN "Signer" s ON s."id" = sc."signerId"
    WHERE s."primaryOwnerId" = ${personId} OR s."backupOwnerId" = ${personId}`;
  return Prisma.sql`SELECT "id" FROM "Finding" WHERE "signerId" IN (SELECT "id" FROM "Signer" WHERE "primaryOwnerId" = ${personId} OR "backupOwnerId" = ${personId})
    UNION SELECT "id" FROM "Finding" WHERE "certificateId" IN (${certificates})
    UNION SELECT "id" FROM "Finding" WHERE "keyId" IN (SELECT c."keyId" FROM "Certificate" c WHERE c."id" IN (${certificates}))`;
}

async function seed(db: Db) {
  const [lead, other] = await Promise.all(
    ["lead", "other"].map((name) => db.person.create({ data: { name, email: `${name}@example.test` } })),
  );
  const keys = Array.from({ length: 40 }, (_, i) => ({
    id: `key-${i}`,
    spkiSha256: i.toString(16).padStart(64, "0"),
    algorithm: "RSA",
    bits: 3072,
    firstSeenAt: new Date(NOW.getTime() - 400 * DAY),
  }));
  await db.signingKey.createMany({ data: keys });
  // the lead's signers (every tenth as backup owner), the other person's, and one nobody owns
  const signers = Array.from({ length: SIGNERS + 30 }, (_, i) => ({
    id: `signer-${i}`,
    name: `signer-${i}`,
    kind: "ci-pipeline",
    primaryOwnerId: i >= SIGNERS ? (i === SIGNERS + 29 ? null : other.id) : i % 10 === 0 ? other.id : lead.id,
    backupOwnerId: i < SIGNERS && i % 10 === 0 ? lead.id : null,
  }));
  await db.signer.createMany({ data: signers });
  // one certificate per signer; keys shared between the lead's and the other person's certificates
  await db.certificate.createMany({
    data: signers.map((_, i) => ({
      id: `cert-${i}`,
      ...numberedCertificate(i + 1, {
        keyId: keys[i % keys.length].id,
        notBefore: new Date(NOW.getTime() - 100 * DAY),
        notAfter: new Date(NOW.getTime() + 100 * DAY),
      }),
    })),
  });
  const links = signers.map((s, i) => ({ signerId: s.id, certificateId: `cert-${i}` }));
  // a certificate of the other person also used by one of the lead's signers
  links.push({ signerId: "signer-1", certificateId: `cert-${SIGNERS + 1}` });
  await db.signerCertificate.createMany({ data: links });
  const certificateFinding = (certificateId: string, signerId: string | null) => ({
    ruleId: "cert.expiring",
    severity: "low",
    severityRank: 1,
    subjectType: "certificate",
    subjectId: certificateId,
    certificateId,
    signerId,
    message: "expires",
  });
  const keyFinding = (keyId: string) => ({
    ruleId: "key.rotation-overdue",
    severity: "high",
    severityRank: 3,
    subjectType: "key",
    subjectId: keyId,
    keyId,
    message: "rotate",
  });
  await db.finding.createMany({
    data: [
      ...signers.map((s) => signerFinding(s.id, "signer.no-backup-owner", "medium", "no backup owner")),
      // certificate findings with and without the signer link
      ...signers.map((_, i) => certificateFinding(`cert-${i}`, i % 2 ? `signer-${i}` : null)),
      ...keys.map((k) => keyFinding(k.id)),
      { ...keyFinding("key-unused"), subjectId: "key-unused-finding" },
      // resolved: only in the lists that include resolved findings
      {
        ...signerFinding("signer-2", "signer.inactive", "low", "inactive"),
        resolvedAt: NOW,
        state: "resolved",
      },
    ],
  });
  return { lead: { role: "owner", personId: lead.id } as ScopeUser, leadId: lead.id };
}

describeEachDatabase("an owner's findings, read as one condition", (database) => {
  let db: Db;
  let lead: ScopeUser;
  let leadId: string;
  openSeededTestDb(database, seed, (client, seeded) => ((db = client), ({ lead, leadId } = seeded)));

  /** The ids the findings list's where (lib/db/findings/where.ts) selects for the lead, in a state. */
  const ids = async (state: "all" | "open") => {
    const where = await findingWhereSql(db, lead, parseFilters(findingFiltersSchema, { state }), NOW);
    return (await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Finding" WHERE ${where}`).map((r) => r.id).sort();
  };

  it("are the findings the UNION of the three branches found, open and with the resolved ones", async () => {
    const all = (
      await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Finding" WHERE "id" IN (${unionScopeSql(leadId)})`
    )
      .map((r) => r.id)
      .sort();
    const open = (
      await db.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM "Finding" WHERE "id" IN (${unionScopeSql(leadId)}) AND "resolvedAt" IS NULL`
    )
      .map((r) => r.id)
      .sort();
    // signer, certificate (some without a signer link) and key findings, and the resolved one
    expect(all.length).toBeGreaterThan(2 * SIGNERS);
    expect(open.length).toBe(all.length - 1);
    expect(await ids("all")).toEqual(all);
    // every unresolved finding of the seed is open
    expect(await ids("open")).toEqual(open);
    const page = await listFindingPage(db, lead, parseFilters(findingFiltersSchema, { state: "all" }), NOW);
    expect(page.total).toBe(all.length);
  });

  it("answers one finding as the scope does", async () => {
    const outside = await db.finding.findMany({
      where: { OR: [{ subjectId: `signer-${SIGNERS + 29}` }, { subjectId: "key-unused-finding" }] },
      select: { id: true },
    });
    expect(outside).toHaveLength(2);
    for (const f of outside) expect(await isFindingVisible(db, lead, f.id)).toBe(false);
    const inside = await db.finding.findFirstOrThrow({ where: { certificateId: "cert-0", signerId: null } });
    expect(await isFindingVisible(db, lead, inside.id)).toBe(true);
  });
});
