import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase } from "@/lib/testing/databases";
import { seedOwnedSignerWithCertificate } from "@/lib/testing/owned-signer";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { listFindingPage } from "@/lib/db/findings/list";
import { defaultPolicy } from "@/lib/domain/policy";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";
import { evaluateFindings } from "./evaluate-findings";
import { importCertificates } from "./import-certificates";

const DAY = 86_400_000;
const T = new Date("2026-11-23T10:00:00Z");
const at = (days: number) => new Date(T.getTime() + days * DAY);
const actor = { type: "system", label: "test" } as const;
const pem = (c: TestCertificate) => new TextEncoder().encode(c.pem);

let intermediate: TestCertificate;
let expiring: TestCertificate;
let renewal: TestCertificate;
beforeAll(async () => {
  ({ intermediate } = await createTestCas({ notBefore: at(-400) }));
  const profile = {
    crlUrls: ["http://crl.example/ca.crl"],
    ocspUrls: ["http://ocsp.example"],
    caIssuersUrls: ["http://ca.example/ca.cer"],
  };
  expiring = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Expiring Bot,O=Acme,C=US",
    notBefore: at(-345),
    notAfter: at(20),
    ...profile,
  });
  renewal = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Expiring Bot,O=Acme,C=US",
    notBefore: at(30),
    notAfter: at(395),
    ...profile,
  });
});

describeEachDatabase("evaluateFindings", (database) => {
  let db: Db;
  let signerId: string;
  let certificateId: string;
  const expiringFinding = () =>
    db.finding.findUniqueOrThrow({
      where: {
        ruleId_subjectType_subjectId: { ruleId: "cert.expiring", subjectType: "certificate", subjectId: certificateId },
      },
    });

  beforeAll(async () => {
    db = createDb(database.url);
    ({ signerId, certificateId } = await seedOwnedSignerWithCertificate(db, {
      name: "expiring-bot",
      certificate: expiring,
      createdAt: at(-10),
      now: T,
    }));
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("creates a finding with first and last seen, then only moves lastSeenAt", async () => {
    const first = await evaluateFindings(db, { now: T });
    expect(first.created).toBeGreaterThan(0);
    const f1 = await expiringFinding();
    expect(f1).toMatchObject({
      severity: "medium",
      firstSeenAt: T,
      lastSeenAt: T,
      resolvedAt: null,
      signerId,
      certificateId,
    });

    const again = await evaluateFindings(db, { now: at(1) });
    expect(again.created).toBe(0);
    const f2 = await expiringFinding();
    expect(f2).toMatchObject({ id: f1.id, firstSeenAt: T, lastSeenAt: at(1), severity: "medium" });
  });

  it("writes a message that moved a day on while severity and links stay (the facts-only update)", async () => {
    const before = await expiringFinding();
    const next = await evaluateFindings(db, { now: at(2) });
    expect(next.updated).toBeGreaterThan(0);
    const after = await expiringFinding();
    expect(after.message).not.toBe(before.message);
    expect(after.evidenceJson).not.toBe(before.evidenceJson);
    expect(after).toMatchObject({
      id: before.id,
      severity: "medium",
      severityRank: before.severityRank,
      firstSeenAt: T,
      lastSeenAt: at(2),
      signerId,
      certificateId,
    });
  });

  it("rewrites a finding's links when they change with nothing else (a second signer holds the certificate)", async () => {
    const second = await createSigner(db, { name: "second-holder", kind: "ci-pipeline", createdAt: at(-10) });
    await db.signerCertificate.create({ data: { signerId: second.id, certificateId } });
    await evaluateFindings(db, { now: at(2), certificateIds: [certificateId] });
    // the same day: message and severity stay, only the link moves (one signer → none named)
    expect(await expiringFinding()).toMatchObject({ severity: "medium", signerId: null, certificateId });
    await db.signer.delete({ where: { id: second.id } });
    await db.finding.deleteMany({ where: { subjectId: second.id } });
    await evaluateFindings(db, { now: at(2), certificateIds: [certificateId] });
    expect(await expiringFinding()).toMatchObject({ signerId });
  });

  it("updates the severity as the certificate moves into a tighter band", async () => {
    await evaluateFindings(db, { now: at(8) });
    expect(await expiringFinding()).toMatchObject({ severity: "high", severityRank: 3, firstSeenAt: T });
  });

  it("resolves the finding when the condition clears and reopens it when it comes back", async () => {
    // 120 days before expiry the certificate is outside every band
    const cleared = await evaluateFindings(db, { now: at(-100) });
    expect(cleared.resolved).toBeGreaterThan(0);
    expect((await expiringFinding()).resolvedAt).toEqual(at(-100));

    const back = await evaluateFindings(db, { now: at(9) });
    expect(back.reopened).toBeGreaterThan(0);
    const f = await expiringFinding();
    expect(f).toMatchObject({ resolvedAt: null, firstSeenAt: T, lastSeenAt: at(9) });
  });

  it("resolves expiry once a renewal supersedes the certificate", async () => {
    await importCertificates(
      db,
      { files: [{ name: "renewal.pem", bytes: pem(renewal) }], signerId, actor, source: "cli" },
      { now: at(10) },
    );
    // the import re-evaluated the renewed signer's certificates
    expect((await expiringFinding()).resolvedAt).toEqual(at(10));
  });

  it("evaluates only the subjects it is given", async () => {
    const other = await createSigner(db, { name: "nobody-owns-me", kind: "ci-pipeline", createdAt: at(-10) });
    await evaluateFindings(db, { now: at(11), certificateIds: [], signerIds: [other.id] });
    const orphaned = await db.finding.findMany({ where: { ruleId: "signer.orphaned" } });
    expect(orphaned.map((f) => f.subjectId)).toEqual([other.id]);
    // the certificate's findings were not touched by this run
    const certificateFindings = await db.finding.findMany({ where: { subjectId: certificateId } });
    expect(certificateFindings.length).toBeGreaterThan(0);
    for (const f of certificateFindings) expect(f.lastSeenAt.getTime()).toBeLessThan(at(11).getTime());
  });

  it("ends a lapsed risk acceptance but keeps a current one", async () => {
    const f = await db.finding.findFirstOrThrow({ where: { ruleId: "signer.orphaned", resolvedAt: null } });
    await db.finding.update({
      where: { id: f.id },
      data: { state: "risk-accepted", triagedAt: at(11), triageReason: "being handed over", acceptedUntil: at(20) },
    });
    await evaluateFindings(db, { now: at(12) });
    expect(await db.finding.findUniqueOrThrow({ where: { id: f.id } })).toMatchObject({
      state: "risk-accepted",
      acceptedUntil: at(20),
    });
    await evaluateFindings(db, { now: at(21) });
    expect(await db.finding.findUniqueOrThrow({ where: { id: f.id } })).toMatchObject({
      state: "open",
      acceptedUntil: null,
      triageReason: null,
      resolvedAt: null,
    });
    const timeline = await db.findingTransition.findMany({ where: { findingId: f.id } });
    expect(timeline.map((t) => [t.action, t.fromState, t.toState])).toEqual([
      ["acceptance-ended", "risk-accepted", "open"],
    ]);
  });

  it("a full sweep writes nothing for an unchanged finding: its last sighting is the sweep's, its policy version moves", async () => {
    const lonely = await createSigner(db, { name: "lonely-bot", kind: "ci-pipeline", createdAt: at(-10) });
    await evaluateFindings(db, { now: at(21), signerIds: [lonely.id], policy: defaultPolicy, policyVersion: 0 });
    const orphaned = () =>
      db.finding.findUniqueOrThrow({
        where: {
          ruleId_subjectType_subjectId: { ruleId: "signer.orphaned", subjectType: "signer", subjectId: lonely.id },
        },
      });
    const before = await orphaned();
    expect(before).toMatchObject({ lastSeenAt: at(21), policyVersion: 0 });

    await evaluateFindings(db, { now: at(21.5), policy: defaultPolicy, policyVersion: 7 });
    const after = await orphaned();
    expect(after).toMatchObject({ id: before.id, message: before.message, lastSeenAt: at(21), policyVersion: 7 });
    // what every reader shows: the list, the detail
    const admin = { role: "admin" as const, personId: null };
    expect((await getFindingDetail(db, admin, after.id, at(22)))?.lastSeenAt).toBe(at(21.5).toISOString());
    const list = await listFindingPage(db, admin, findingFiltersSchema.parse({ signer: lonely.id }), at(22));
    expect(list.rows.find((r) => r.id === after.id)?.lastSeenAt).toBe(at(21.5).toISOString());

    // a later evaluation of the signer alone writes its own, later sighting
    await evaluateFindings(db, { now: at(21.75), signerIds: [lonely.id], policy: defaultPolicy, policyVersion: 7 });
    expect((await getFindingDetail(db, admin, after.id, at(22)))?.lastSeenAt).toBe(at(21.75).toISOString());
  });

  it("a full sweep resolves the findings of deleted subjects whose ids sort before and after every other", async () => {
    const first = await createSigner(db, { name: "first-bot", kind: "ci-pipeline", createdAt: at(-10) });
    const last = await createSigner(db, { name: "last-bot", kind: "ci-pipeline", createdAt: at(-10) });
    await db.signer.update({ where: { id: first.id }, data: { id: "0-first-bot" } });
    await db.signer.update({ where: { id: last.id }, data: { id: "~-last-bot" } });
    await evaluateFindings(db, { now: at(22), signerIds: ["0-first-bot", "~-last-bot"] });
    const open = await db.finding.findMany({
      where: { subjectId: { in: ["0-first-bot", "~-last-bot"] }, resolvedAt: null },
    });
    expect(new Set(open.map((f) => f.subjectId))).toEqual(new Set(["0-first-bot", "~-last-bot"]));
    await db.signer.deleteMany({ where: { id: { in: ["0-first-bot", "~-last-bot"] } } });
    await evaluateFindings(db, { now: at(22.5) });
    const gone = await db.finding.findMany({ where: { subjectId: { in: ["0-first-bot", "~-last-bot"] } } });
    expect(gone.map((g) => g.id).sort()).toEqual(open.map((f) => f.id).sort());
    for (const g of gone) expect(g.resolvedAt).toEqual(at(22.5));
  });

  it("a full sweep resolves findings whose subject was deleted, but never event-raised ones", async () => {
    await importCertificates(
      db,
      {
        files: [
          {
            name: "key.pem",
            bytes: new TextEncoder().encode(
              "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n",
            ),
          },
        ],
        actor,
        source: "upload",
      },
      { now: at(22) },
    );
    const doomed = await db.signer.findUniqueOrThrow({ where: { name: "nobody-owns-me" } });
    await db.signer.delete({ where: { id: doomed.id } });
    const sweep = await evaluateFindings(db, { now: at(23) });
    expect(sweep.resolved).toBeGreaterThan(0);
    const gone = await db.finding.findMany({ where: { subjectId: doomed.id } });
    expect(gone.length).toBeGreaterThan(0);
    for (const g of gone) expect(g.resolvedAt).toEqual(at(23));
    expect(await db.finding.findFirstOrThrow({ where: { ruleId: "key.private-key-submitted" } })).toMatchObject({
      resolvedAt: null,
    });
    expect(await db.auditEvent.count({ where: { action: "findings.evaluated" } })).toBeGreaterThan(0);
  });
});
