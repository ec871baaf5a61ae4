import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { parseSignerCsv } from "@/lib/domain/signer-import";
import { describeEachDatabase } from "@/lib/testing/databases";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { POST as postSigner } from "@/app/api/v1/signers/route";
import { createApiToken } from "./create-api-token";
import { createSigner } from "./create-signer";
import { importCertificates } from "./import-certificates";
import { importSigners } from "./import-signers";
import { updateSigner } from "./update-signer";

// Key custody declared on the signer: recorded without any certificate, through the form/API,
// updates and bulk import, audited; and standing in for keys that have no custody record.

const T = new Date();
const actor = { type: "user", id: "u-admin", label: "admin@example.test" } as const;
const LUNA = "Thales Luna 7, partition rel-01, key attestation ATT-1";

let leaf: TestCertificate;
beforeAll(async () => {
  const { intermediate } = await createTestCas();
  leaf = await createCodeSigningLeaf(intermediate, { subject: "CN=Custody Bot,O=Acme,C=US" });
});

describeEachDatabase("declared key custody", (database) => {
  let db: Db;
  let token = "";
  const audits = (signerId: string) =>
    db.auditEvent.findMany({ where: { targetType: "signer", targetId: signerId }, orderBy: { at: "asc" } });
  const keyFinding = (ruleId: string, keyId: string) =>
    db.finding.findFirst({ where: { ruleId, keyId, resolvedAt: null } });

  beforeAll(async () => {
    db = createDb(database.url);
    process.env.DATABASE_URL = database.url;
    await db.user.create({ data: { id: actor.id, name: "Admin", email: actor.label, role: "admin" } });
    await createPerson(db, { name: "Ana Owner", email: "ana@acme.example" });
    token = (
      await createApiToken(
        db,
        { name: "signers", scopes: ["signers:write"], signerId: null, expiresInDays: 30 },
        { actor, now: T },
      )
    ).token;
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    delete process.env.DATABASE_URL;
  });

  it("is recorded on a signer that has no certificate yet, with evidence stamped as attested now, and audited", async () => {
    const { id } = await createSigner(
      db,
      {
        name: "new-bot",
        kind: "ci-pipeline",
        primaryOwner: "ana@acme.example",
        custody: { type: "hsm", evidence: LUNA },
      },
      { actor, now: T },
    );
    expect(await db.signer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      custody: "hsm",
      custodyEvidence: LUNA,
      custodyAttestedAt: T,
    });
    const [created] = await audits(id);
    expect(JSON.parse(created.detailsJson)).toMatchObject({ custody: "hsm", custodyEvidence: LUNA });
    // without a declaration the signer says "unknown"
    const bare = await createSigner(db, { name: "bare-bot", kind: "other" }, { actor, now: T });
    expect(await db.signer.findUniqueOrThrow({ where: { id: bare.id } })).toMatchObject({
      custody: "unknown",
      custodyEvidence: null,
      custodyAttestedAt: null,
    });
  });

  it("stands in for a key without its own custody record: not-in-hsm until the owner declares an attested HSM", async () => {
    const { id: signerId } = await createSigner(
      db,
      { name: "custody-bot", kind: "ci-pipeline", primaryOwner: "ana@acme.example" },
      { actor, now: T },
    );
    await importCertificates(
      db,
      { files: [{ name: "leaf.pem", bytes: new TextEncoder().encode(leaf.pem) }], signerId, actor, source: "cli" },
      { now: T },
    );
    const key = await db.signingKey.findFirstOrThrow({
      where: { certificates: { some: { signers: { some: { signerId } } } } },
    });
    expect(key.custody).toBe("unknown");
    expect(JSON.parse((await keyFinding("key.not-in-hsm", key.id))!.evidenceJson)).toMatchObject({
      custody: "unknown",
      custodySource: "none",
    });

    await updateSigner(db, signerId, { custody: { type: "software-file", evidence: null } }, { actor, now: T });
    const declared = await keyFinding("key.not-in-hsm", key.id);
    expect(declared!.message).toContain("held in software-file (as declared by its signer");
    expect(JSON.parse(declared!.evidenceJson)).toMatchObject({
      custody: "software-file",
      custodySource: "signer",
      declaredBySignerIds: [signerId],
    });

    await updateSigner(db, signerId, { custody: { type: "hsm", evidence: null } }, { actor, now: T });
    expect(await keyFinding("key.not-in-hsm", key.id)).toBeNull();
    expect(await keyFinding("key.custody-unattested", key.id)).not.toBeNull();

    await updateSigner(db, signerId, { custody: { type: "hsm", evidence: LUNA } }, { actor, now: T });
    expect(await keyFinding("key.custody-unattested", key.id)).toBeNull();
    // the declaration is the signer's: the key's own record is untouched
    expect((await db.signingKey.findUniqueOrThrow({ where: { id: key.id } })).custody).toBe("unknown");

    const changes = (await audits(signerId))
      .filter((a) => a.action === "signer.updated")
      .map((a) => JSON.parse(a.detailsJson));
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatchObject({ before: { custody: "unknown" }, after: { custody: "software-file" } });
    expect(changes[2]).toEqual({
      before: { custodyEvidence: null, custodyAttestedAt: null },
      after: { custodyEvidence: LUNA, custodyAttestedAt: T.toISOString() },
    });
    // saving the same declaration again changes nothing and writes no audit event
    expect(
      (await updateSigner(db, signerId, { custody: { type: "hsm", evidence: LUNA } }, { actor, now: T })).changed,
    ).toEqual([]);
    expect((await audits(signerId)).filter((a) => a.action === "signer.updated")).toHaveLength(3);
  });

  it("a key's own custody record wins over the declaration", async () => {
    const signer = await db.signer.findUniqueOrThrow({
      where: { name: "custody-bot" },
      include: { certificates: { include: { certificate: true } } },
    });
    const keyId = signer.certificates[0].certificate.keyId;
    await db.signingKey.update({ where: { id: keyId }, data: { custody: "software-file" } });
    const { evaluateFindings } = await import("./evaluate-findings");
    await evaluateFindings(db, { now: T, keyIds: [keyId] });
    expect(JSON.parse((await keyFinding("key.not-in-hsm", keyId))!.evidenceJson)).toMatchObject({
      custody: "software-file",
      custodySource: "key",
    });
  });

  it("withdrawing the declaration (null) goes back to unknown", async () => {
    const { id } = await createSigner(
      db,
      { name: "withdraw-bot", kind: "other", custody: { type: "vault", evidence: "Vault transit, audit on" } },
      { actor, now: T },
    );
    await updateSigner(db, id, { custody: null }, { actor, now: T });
    expect(await db.signer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      custody: "unknown",
      custodyEvidence: null,
      custodyAttestedAt: null,
    });
  });

  it("is imported from CSV without certificates; rows with a bad custody or evidence alone are refused", async () => {
    const csv = [
      "name,kind,custody,custody_evidence",
      `csv-hsm,ci-pipeline,HSM,"${LUNA}"`,
      "csv-bad,ci-pipeline,floppy-disk,",
      "csv-evidence-only,ci-pipeline,,KMS key 123",
      "csv-unknown-with-evidence,ci-pipeline,unknown,KMS key 123",
    ].join("\n");
    const r = await importSigners(db, parseSignerCsv(csv), { actor, now: T, isDryRun: false, format: "csv" });
    expect(r.rows.map((x) => x.status)).toEqual(["created", "error", "error", "error"]);
    expect(r.rows[1].issues.map((i) => i.field)).toEqual(["custody"]);
    expect(r.rows[2].issues.map((i) => i.field)).toEqual(["custody"]);
    expect(r.rows[3].issues[0]).toMatchObject({
      field: "custody",
      message: expect.stringMatching(/evidence without a custody type/),
    });
    expect(await db.signer.findUniqueOrThrow({ where: { name: "csv-hsm" } })).toMatchObject({
      custody: "hsm",
      custodyEvidence: LUNA,
      custodyAttestedAt: T,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "signer.created", targetId: r.rows[0].id } });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({ row: 2, custody: "hsm", custodyEvidence: LUNA });
  });

  it("POST /api/v1/signers validates custody with clear messages", async () => {
    const post = (body: unknown) =>
      postSigner(
        new NextRequest("http://localhost/api/v1/signers", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const bad = await post({ name: "api-bad", kind: "ci-pipeline", custody: { type: "floppy" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({
      code: "validation",
      issues: [{ path: "custody.type", message: expect.stringContaining("One of hsm, cloud-kms") }],
    });
    const secret = await post({
      name: "api-secret",
      kind: "ci-pipeline",
      custody: { type: "software-file", evidence: "-----BEGIN PRIVATE KEY-----\nMIG" },
    });
    expect(secret.status).toBe(422);
    expect((await secret.json()).error.message).toMatch(/Signet never stores secrets/);
    const ok = await post({
      name: "api-ok",
      kind: "ci-pipeline",
      custody: { type: "cloud-kms", evidence: "arn:aws:kms:eu-west-1:1:key/abc" },
    });
    expect(ok.status).toBe(201);
    expect(await db.signer.findUniqueOrThrow({ where: { name: "api-ok" } })).toMatchObject({ custody: "cloud-kms" });
  });
});
