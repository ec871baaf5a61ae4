import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { certificateSearchWhere } from "@/lib/db/certificates/search";
import { listOwnerPage } from "@/lib/db/people/owners";
import { listPeopleWithCounts } from "@/lib/db/people/people-admin";
import { listSignerPage } from "@/lib/db/signers/list";
import { isPostgres } from "@/lib/db/sql";
import {
  certificateFiltersSchema,
  ownerFiltersSchema,
  parseFilters,
  personFiltersSchema,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { numberedCertificate } from "@/lib/testing/inventory-seed";

// The lists' searches read the text-search objects (SQLite FTS5 trigram tables kept by triggers,
// PostgreSQL trigram GIN indexes): the same rows as the plain LIKE they replace, kept current
// as certificates change, with % and _ literal.

const NOW = new Date("2026-11-23T12:00:00Z");
const ADMIN = { role: "admin" as const, personId: null };

const CERTIFICATES = {
  build: { subject: "CN=build-1234.payments.example, O=Acme", subjectCn: "build-1234.payments.example" },
  unicode: { subject: "CN=Ünïcode École, O=Acme", subjectCn: "Ünïcode École", sha256: `ab12cd34ef${"0".repeat(54)}` },
  literal: { subject: `CN=50%_off "quoted" O'Brien`, subjectCn: `50%_off "quoted" O'Brien`, issuerCn: "Other Root" },
  wildcardTrap: { subject: "CN=50abcoff", subjectCn: "50abcoff", issuerCn: "Other Root", serialHex: "0a1b2c3d4e" },
  noCommonName: { subject: "O=No Common Name", subjectCn: null, issuerCn: null },
  // every trigram of "wxyzq" is here, but not in one run: the index's candidate, not a match
  scattered: { subject: "CN=wxyz xyzq", subjectCn: "wxyz xyzq", issuerCn: "Other Root" },
} as const;
type Name = keyof typeof CERTIFICATES;

describeEachDatabase("text search", (database) => {
  let db: Db;
  const ids = {} as Record<Name, string>;
  openTestDb(database, (client) => (db = client));

  beforeAll(async () => {
    const key = await db.signingKey.create({ data: { spkiSha256: "0b".repeat(32), algorithm: "RSA" } });
    let n = 1;
    for (const [name, fields] of Object.entries(CERTIFICATES) as [Name, Record<string, unknown>][]) {
      const row = numberedCertificate(n++, { keyId: key.id, notBefore: NOW, notAfter: NOW, ...fields });
      ids[name] = (await db.certificate.create({ data: row as never })).id;
    }
    const ana = await db.person.create({ data: { name: "Ana Lima", email: "ana.lima@example.test" } });
    await db.person.create({ data: { name: "Bo 100%", email: "bo_x@corp.test" } });
    await db.signer.createMany({
      data: [
        { name: "Build-Pipeline", kind: "ci-pipeline", primaryOwnerId: ana.id },
        { name: "payments_signer", kind: "ci-pipeline" },
        { name: "paymentsXsigner", kind: "ci-pipeline" },
      ],
    });
  });

  const certificates = async (q: string) => {
    const page = await listCertificatePage(db, ADMIN, parseFilters(certificateFiltersSchema, { q }), NOW);
    const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return page.rows.map((r) => byId.get(r.id)).sort();
  };

  it.each([
    ["a subject substring", "payments.example", ["build"]],
    ["any case", "BUILD-1234", ["build"]],
    ["the issuer's name", "issuing", ["build", "unicode"]],
    ["non-ASCII text in its own case", "École", ["unicode"]],
    ["a subject without a common name", "common name", ["noCommonName"]],
    ["a short term (no trigram)", "bc", ["wildcardTrap"]],
    ["% literally", "0%", ["literal"]],
    ["_ literally", "%_o", ["literal"]],
    ["double quotes", `"quoted"`, ["literal"]],
    ["a single quote", "O'Brien", ["literal"]],
    ["a fingerprint prefix", "ab12cd34", ["unicode"]],
    ["a fingerprint prefix with colons, upper case", "AB:12:CD:34", ["unicode"]],
    ["a serial prefix with colons", "0a:1b:2c:3d", ["wildcardTrap"]],
    ["nothing for a 5-digit hex (no prefix match below 6)", "ab12c", []],
    ["a term in one run", "xyz xy", ["scattered"]],
    ["nothing for a term whose trigrams stand apart", "wxyzq", []],
  ])("certificates: %s", async (_, q, expected) => {
    expect(await certificates(q)).toEqual([...expected].sort());
  });

  it("answers what the plain LIKE answers, whichever path runs", async () => {
    for (const q of ["payments", "Acme", "ISSUING", "bc", "École", "ab12cd34", "0a:1b:2c:3d", "zzz"]) {
      const search = await certificateSearchWhere(db, q, 100);
      const plain = await certificateSearchWhere(db, q, 0); // no id budget: the Prisma where
      const read = async (where: object) =>
        (await db.certificate.findMany({ where, select: { id: true } })).map((r) => r.id).sort();
      expect(await read(search.where), q).toEqual(await read(plain.where));
    }
  });

  it("follows changes to a certificate and its deletion", async () => {
    await db.certificate.update({
      where: { id: ids.build },
      data: { subject: "CN=renamed-5678, O=Acme", subjectCn: "renamed-5678" },
    });
    expect(await certificates("build-1234")).toEqual([]);
    expect(await certificates("renamed-5678")).toEqual(["build"]);
    await db.certificate.delete({ where: { id: ids.wildcardTrap } });
    expect(await certificates("abcoff")).toEqual([]);
    expect(await certificates("acme")).toEqual(["build", "unicode"]);
  });

  describe("signers and people", () => {
    const signers = async (q: string) =>
      (await listSignerPage(db, ADMIN, parseFilters(signerFiltersSchema, { q }))).rows.map((r) => r.name).sort();
    const owners = async (q: string) =>
      (await listOwnerPage(db, ADMIN, parseFilters(ownerFiltersSchema, { q }), NOW)).rows.map((r) => r.name).sort();
    const people = async (q: string) =>
      (await listPeopleWithCounts(db, parseFilters(personFiltersSchema, { q }))).rows.map((r) => r.name).sort();

    it("finds signers by name in any case, _ literal", async () => {
      expect(await signers("PIPELINE")).toEqual(["Build-Pipeline"]);
      expect(await signers("payments")).toEqual(["paymentsXsigner", "payments_signer"].sort());
      expect(await signers("s_s")).toEqual(["payments_signer"]);
      expect(await signers("-p")).toEqual(["Build-Pipeline"]);
    });

    it("finds owners and people by name or email in any case, % and _ literal", async () => {
      for (const list of [owners, people]) {
        expect(await list("LIMA")).toEqual(["Ana Lima"]);
        expect(await list("ana.lima@EXAMPLE")).toEqual(["Ana Lima"]);
        expect(await list("0%")).toEqual(["Bo 100%"]);
        expect(await list("a%e")).toEqual([]);
        expect(await list("o_x")).toEqual(["Bo 100%"]);
        expect(await list("@")).toEqual(["Ana Lima", "Bo 100%"]);
      }
    });

    it("follows a renamed person", async () => {
      const bo = await db.person.findFirstOrThrow({ where: { name: "Bo 100%" } });
      await db.person.update({ where: { id: bo.id }, data: { name: "Bo Renamed", email: "bo@corp.test" } });
      expect(await owners("100%")).toEqual([]);
      expect(await owners("renamed")).toEqual(["Bo Renamed"]);
      expect(await owners("bo@corp")).toEqual(["Bo Renamed"]);
    });
  });

  it.runIf(database.flavour === "postgres")("PostgreSQL reads its trigram indexes for a substring", async () => {
    expect(isPostgres(db)).toBe(true);
    // five rows: without this the planner rightly prefers reading the table
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      return (await tx.$queryRawUnsafe(
        `EXPLAIN SELECT "id" FROM "Certificate" WHERE "subject" ILIKE '%payments%'`,
      )) as { "QUERY PLAN": string }[];
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Certificate_subject_trgm_idx");
  });
});
