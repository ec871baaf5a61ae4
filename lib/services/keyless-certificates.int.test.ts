import { afterAll, beforeAll, expect, it } from "vitest";
import { signerDetail } from "@/lib/api/responses/inventory";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { certificateStatusWhere } from "@/lib/db/certificates/status";
import { createPerson } from "@/lib/db/people/people";
import { findVisibleSigner } from "@/lib/db/signers/detail";
import { describeEachDatabase } from "@/lib/testing/databases";
import {
  createCodeSigningLeaf,
  createKeylessCiLeaf,
  createTestRootCa,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";
import { createSigner } from "./create-signer";
import { evaluateFindings } from "./evaluate-findings";
import { importCertificates } from "./import-certificates";
import { updateSigner } from "./update-signer";

// A Sigstore keyless certificate (ten minutes of validity) is stored with its flag, and the
// findings judge it by its signing time: a year later it is still not "expired", has no
// revocation finding, and its ephemeral key no custody finding. An ordinary certificate imported
// beside it, as short-lived, is expired: the flag makes the difference, not the dates.

const T = new Date();
const YEAR_LATER = new Date(T.getTime() + 365 * 86_400_000);
const actor = { type: "user", id: "u-admin", label: "admin@example.test" } as const;
const GITHUB = "https://token.actions.githubusercontent.com";

let keyless: TestCertificate;
let ordinary: TestCertificate;
beforeAll(async () => {
  const root = await createTestRootCa({ notBefore: new Date(T.getTime() - 86_400_000) });
  const tenMinutes = { notBefore: new Date(T.getTime() - 60_000), notAfter: new Date(T.getTime() + 9 * 60_000) };
  keyless = await createKeylessCiLeaf(root, tenMinutes);
  ordinary = await createCodeSigningLeaf(root, { ...tenMinutes, subject: "CN=Short Lived,O=Acme,C=US" });
});

describeEachDatabase("keyless certificates", (database) => {
  let db: Db;
  beforeAll(async () => {
    db = createDb(database.url);
    process.env.DATABASE_URL = database.url;
    await db.user.create({ data: { id: actor.id, name: "Admin", email: actor.label, role: "admin" } });
    await createPerson(db, { name: "Ana Owner", email: "ana@acme.example" });
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    delete process.env.DATABASE_URL;
  });

  const openFindings = (certificateId: string) =>
    db.finding.findMany({ where: { certificateId, resolvedAt: null }, select: { ruleId: true } });

  it("stores the flag on import and judges the certificate by its signing time, not today's date", async () => {
    const { id: signerId } = await createSigner(
      db,
      { name: "release-pipeline", kind: "ci-pipeline", primaryOwner: "ana@acme.example", environments: ["production"] },
      { actor, now: T },
    );
    await importCertificates(
      db,
      {
        files: [
          { name: "keyless.pem", bytes: new TextEncoder().encode(keyless.pem) },
          { name: "ordinary.pem", bytes: new TextEncoder().encode(ordinary.pem) },
        ],
        signerId,
        actor,
        source: "cli",
      },
      { now: T },
    );
    const stored = await db.certificate.findMany({ select: { id: true, sha256: true, isKeyless: true, keyId: true } });
    const k = stored.find((c) => c.isKeyless);
    const o = stored.find((c) => !c.isKeyless && c.sha256 !== k?.sha256);
    expect(k).toBeDefined();
    expect(o).toBeDefined();

    await evaluateFindings(db, { now: YEAR_LATER, certificateIds: [k!.id, o!.id], keyIds: [k!.keyId, o!.keyId] });
    const keylessRules = (await openFindings(k!.id)).map((f) => f.ruleId);
    expect(keylessRules).not.toContain("cert.expired");
    expect(keylessRules).not.toContain("cert.no-revocation-info");
    expect(keylessRules).not.toContain("cert.revocation-unknown");
    const keyRules = (
      await db.finding.findMany({ where: { keyId: k!.keyId, subjectType: "key", resolvedAt: null } })
    ).map((f) => f.ruleId);
    expect(keyRules).not.toContain("key.not-in-hsm");
    // the same dates without the flag: expired while in use
    expect((await openFindings(o!.id)).map((f) => f.ruleId)).toContain("cert.expired");

    // the status model's database conditions agree: keyless, never expired
    const where = (status: "keyless" | "expired") =>
      db.certificate.findMany({
        where: certificateStatusWhere(status, { now: YEAR_LATER, bands: { signingBands: [30], caBands: [90] } }),
        select: { id: true },
      });
    expect((await where("keyless")).map((c) => c.id)).toEqual([k!.id]);
    expect((await where("expired")).map((c) => c.id)).toEqual(expect.arrayContaining([o!.id]));
    expect((await where("expired")).map((c) => c.id)).not.toContain(k!.id);
  });

  it("records the keyless identity a signer declares, on create and update, audited", async () => {
    const declared = { issuer: GITHUB, subjectPattern: "https://github.com/acme/app/.github/workflows/release.yml@*" };
    const { id } = await createSigner(
      db,
      { name: "keyless-bot", kind: "ci-pipeline", keyless: declared },
      { actor, now: T },
    );
    expect(await db.signer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      keylessIssuer: GITHUB,
      keylessSubjectPattern: declared.subjectPattern,
    });
    await updateSigner(
      db,
      id,
      { keyless: { issuer: GITHUB, subjectPattern: "https://github.com/acme/*" } },
      { actor, now: T },
    );
    const events = await db.auditEvent.findMany({
      where: { targetType: "signer", targetId: id },
      orderBy: { at: "asc" },
    });
    expect(JSON.parse(events[0].detailsJson)).toMatchObject({ keylessIssuer: GITHUB });
    expect(JSON.parse(events[1].detailsJson)).toMatchObject({
      before: { keylessSubjectPattern: declared.subjectPattern },
      after: { keylessSubjectPattern: "https://github.com/acme/*" },
    });
    // the API's signer read model carries it, as its documented response schema declares
    const detail = signerDetail.parse(
      JSON.parse(JSON.stringify(await findVisibleSigner(db, { role: "admin", personId: null }, id))),
    );
    expect(detail).toMatchObject({ keylessIssuer: GITHUB, keylessSubjectPattern: "https://github.com/acme/*" });
    await updateSigner(db, id, { keyless: null }, { actor, now: T });
    expect(await db.signer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      keylessIssuer: null,
      keylessSubjectPattern: null,
    });
  });
});
