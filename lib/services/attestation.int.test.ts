import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { seedCertificate, seedPerson, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { startSmtpTestServer, type SmtpTestServer } from "@/lib/mail/testing/smtp-test-server";
import { createSmtpTransport } from "@/lib/mail/transport";
import { evaluateFindings } from "./evaluate-findings";
import { answerAttestation, type Answerer } from "./answer-attestation";
import type { AttestationAnswerInput } from "@/lib/domain/attestation/answer";
import { bulkAttest } from "./bulk-attest";
import { delegateAttestation } from "./delegate-attestation";
import { exportCampaign, toCsv } from "./export-campaign";
import { hashAccessToken, issueAccessLink } from "./issue-access-link";
import { redeemAccessLink } from "./redeem-access-link";
import { resolveChangeRequest } from "./resolve-change-request";
import { runAttestationReminders } from "./run-attestation-reminders";
import { sendOutbox } from "./send-outbox";
import { startCampaign } from "./start-campaign";

const DAY = 86_400_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const BASE = "https://signet.test";
const ADMIN = { type: "user" as const, id: "u-admin", label: "admin@example.com" };
const SECURITY = "security@example.com";

type Person = { id: string; email: string };
const KEEP_G1_REMOVE_G2: AttestationAnswerInput["privileges"] = [
  { privilegeId: "g1", decision: "keep" },
  { privilegeId: "g2", decision: "remove" },
];
const as = (userId: string, p: Person | null) => ({
  userId,
  personId: p?.id ?? null,
  actor: { type: "user" as const, id: userId, label: p?.email ?? userId },
});

async function audits(db: Db, action: string) {
  return db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });
}

function tokenFrom(text: string): string {
  const m = text.match(/\/attest\/([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[1];
}

async function outboxTo(db: Db, email: string) {
  return db.outboxMessage.findMany({ where: { recipientEmail: email }, orderBy: { createdAt: "asc" } });
}

describeEachDatabase("attestation campaigns", (database) => {
  let db: Db;
  let smtp: SmtpTestServer;
  let ada: Person, bob: Person, cleo: Person, dan: Person, eve: Person;
  let s1: { id: string }, s2: { id: string }, s3: { id: string }, s4: { id: string }, s6: { id: string };
  let teamId: string;
  let campaignId: string;
  const run = (now: Date) =>
    runAttestationReminders(db, { now, runId: `run-${now.toISOString()}`, baseUrl: BASE, securityTeamEmail: SECURITY });
  const taskOf = async (signerId: string, cid = campaignId) =>
    db.attestation.findUniqueOrThrow({ where: { campaignId_signerId: { campaignId: cid, signerId } } });
  /** `who` answers the task on day `day` of the campaign. */
  const answerAs = (who: Answerer, attestationId: string, answer: AttestationAnswerInput, day: number) =>
    answerAttestation(db, { attestationId, answer }, who, { now: at(day) });

  beforeAll(async () => {
    db = createDb(database.url);
    smtp = await startSmtpTestServer();
    ada = await seedPerson(db, { name: "Ada Owner", email: "ada@example.com" });
    bob = await seedPerson(db, { name: "Bob Backup", email: "bob@example.com" });
    cleo = await seedPerson(db, { name: "Cleo Left", email: "cleo@example.com", isActive: false });
    dan = await seedPerson(db, { name: "Dan Other", email: "dan@example.com" });
    eve = await seedPerson(db, { name: "Eve Delegate", email: "eve@example.com" });
    const team = await db.team.create({ data: { name: "Payments" } });
    teamId = team.id;
    const mk = async (
      name: string,
      p: Person | null,
      b: Person | null,
      extra: { status?: string; teamId?: string | null } = {},
    ) =>
      db.signer.create({
        data: {
          name,
          kind: "ci-pipeline",
          primaryOwnerId: p?.id ?? null,
          backupOwnerId: b?.id ?? null,
          teamId: extra.teamId === undefined ? teamId : extra.teamId,
          status: extra.status ?? "active",
          environmentsJson: '["production"]',
        },
      });
    s1 = await mk("payments-release", ada, bob);
    s2 = await mk("payments-hotfix", ada, bob);
    s3 = await mk("payments-mobile", cleo, bob);
    s4 = await mk("payments-orphan", null, null);
    await mk("payments-retired", ada, bob, { status: "decommissioned" });
    s6 = await mk("data-export", dan, null, { teamId: null });
    await db.privilege.create({
      data: {
        id: "g1",
        signerId: s1.id,
        scope: "sign:release/production",
        environment: "production",
        lastExercisedAt: at(-2),
      },
    });
    await db.privilege.create({ data: { id: "g2", signerId: s1.id, scope: "approve:release", environment: "any" } });
    await seedCertificate(db, { signerIds: [s1.id], cn: "Payments Release 2026", notAfter: at(200) });
    await seedCertificate(db, { signerIds: [s2.id], cn: "Payments Hotfix 2026", notAfter: at(100) });
    await seedCertificate(db, { signerIds: [s2.id], cn: "Payments Hotfix 2025", notAfter: at(-10) });
    await seedSigner(db, { name: "unrelated" });
  });
  afterAll(async () => {
    await db.$disconnect();
    await smtp.stop();
  });

  it("refuses a due date in the past and an unknown team", async () => {
    await expect(
      startCampaign(
        db,
        { name: "x", scope: { kind: "all-active" }, dueAt: at(-1) },
        { actor: ADMIN, now: T0, baseUrl: BASE },
      ),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(
      startCampaign(
        db,
        { name: "x", scope: { kind: "team", teamId: "nope" }, dueAt: at(5) },
        { actor: ADMIN, now: T0, baseUrl: BASE },
      ),
    ).rejects.toMatchObject({ code: "validation" });
    expect(await db.attestationCampaign.count()).toBe(0);
  });

  it("starts a team campaign: one task per signer for its primary owner (backup when the primary left), unassignable listed, one invitation per owner", async () => {
    const r = await startCampaign(
      db,
      {
        name: "Q1 payments review",
        scope: { kind: "team", teamId },
        dueAt: at(21),
        reminderEveryDays: 7,
        autoSuspendAfterDays: 3,
      },
      { actor: ADMIN, now: T0, baseUrl: BASE },
    );
    campaignId = r.campaignId;
    expect(r.assigned).toBe(3);
    expect(r.unassignable).toEqual([
      { signerId: s4.id, name: "payments-orphan", reason: "no primary or backup owner" },
    ]);
    expect((await taskOf(s1.id)).assigneeId).toBe(ada.id);
    expect((await taskOf(s3.id)).assigneeId).toBe(bob.id);
    expect(r.emails).toBe(2);
    const [mail] = await outboxTo(db, "ada@example.com");
    expect(mail.subject).toContain("2 signers");
    expect(mail.textBody).toContain("payments-release");
    expect(mail.textBody).toContain("payments-hotfix");
    // only the hash is stored
    const token = tokenFrom(mail.textBody);
    const links = await db.accessLink.findMany({ where: { personId: ada.id } });
    expect(links).toHaveLength(1);
    expect(await db.accessLink.count({ where: { personId: ada.id, tokenHash: hashAccessToken(token) } })).toBe(1);
    expect(await db.accessLink.count({ where: { tokenHash: token } })).toBe(0);
    expect(links[0].expiresAt.toISOString()).toBe(at(14).toISOString());
    expect(await db.alertDelivery.count({ where: { kind: "attestation-invite" } })).toBe(3);
    expect(await audits(db, "campaign.started")).toHaveLength(1);
  });

  it("the invitation reaches a real SMTP server through the outbox", async () => {
    const transport = createSmtpTransport({ smtpUrl: smtp.url, from: "Signet <signet@test>" });
    try {
      expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({ sent: 2, failed: 0 });
    } finally {
      transport.close();
    }
    const toAda = smtp.received.find((m) => m.to.includes("ada@example.com"));
    expect(toAda?.raw).toMatch(/attest\//);
  });

  it("a link works once, for its own person, until it expires; every refusal is audited", async () => {
    const token = tokenFrom((await outboxTo(db, "ada@example.com"))[0].textBody);
    const redeem = (t: string, p: Person | null, now = at(1)) =>
      redeemAccessLink(
        db,
        { token: t, user: { id: "u", personId: p?.id ?? null }, actor: { type: "user", id: "u", label: "u" } },
        { now },
      );
    expect(await redeem(token, dan)).toEqual({ ok: false, reason: "wrong-person" });
    expect(await redeem(token, null)).toEqual({ ok: false, reason: "wrong-person" });
    expect(await redeem(token, ada)).toEqual({ ok: true, campaignId });
    expect(await redeem(token, ada)).toEqual({ ok: false, reason: "used" });
    expect(await redeem("made-up-token-made-up-token", ada)).toEqual({ ok: false, reason: "unknown" });
    const old = await db.$transaction((tx) =>
      issueAccessLink(tx, { personId: ada.id, campaignId, now: at(-20), baseUrl: BASE }),
    );
    expect(await redeem(tokenFrom(old.url), ada)).toEqual({ ok: false, reason: "expired" });
    const refused = await audits(db, "attestation.link-refused");
    expect(refused.map((a) => JSON.parse(a.detailsJson).reason)).toEqual([
      "wrong-person",
      "wrong-person",
      "used",
      "unknown",
      "expired",
    ]);
    expect(await audits(db, "attestation.link-redeemed")).toHaveLength(1);
  });

  it("only the holder may answer; a missing grant decision is refused", async () => {
    const t1 = await taskOf(s1.id);
    await expect(answerAs(as("u-dan", dan), t1.id, { isStillNeeded: true, privileges: [] }, 2)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(answerAs(as("u-ada", ada), "guessed-id", { isStillNeeded: true }, 2)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await audits(db, "attestation.access-refused")).toHaveLength(1);
    await expect(
      answerAs(
        as("u-ada", ada),
        t1.id,
        { isStillNeeded: true, privileges: [{ privilegeId: "g1", decision: "keep" }] },
        2,
      ),
    ).rejects.toMatchObject({ code: "validation" });
    expect((await taskOf(s1.id)).status).toBe("pending");
  });

  it("an answer keeps or removes grants one by one and corrects custody with evidence, as change requests", async () => {
    const t1 = await taskOf(s1.id);
    const key = await db.signingKey.findFirstOrThrow({
      where: { certificates: { some: { signers: { some: { signerId: s1.id } } } } },
    });
    const r = await answerAs(
      as("u-ada", ada),
      t1.id,
      {
        isStillNeeded: true,
        privileges: KEEP_G1_REMOVE_G2,
        custody: {
          isConfirmed: false,
          keyId: key.id,
          custody: "cloud-kms",
          evidence: "arn:aws:kms:eu-west-1:111:key/abc",
        },
        comment: "approve is done by the release team",
      },
      2,
    );
    expect(r.changeRequests.map((c) => c.kind)).toEqual(["privilege-removal", "custody-correction"]);
    expect((await taskOf(s1.id)).status).toBe("submitted");
    const crs = await db.changeRequest.findMany({ where: { signerId: s1.id } });
    expect(crs.find((c) => c.kind === "privilege-removal")?.privilegeId).toBe("g2");
    // grants only end when the security team carries the request out
    expect((await db.privilege.findUniqueOrThrow({ where: { id: "g2" } })).removedAt).toBeNull();
  });

  it("a correction is a new answer superseding the old one; the old answer is kept", async () => {
    const t1 = await taskOf(s1.id);
    const first = await db.attestationAnswer.findFirstOrThrow({ where: { attestationId: t1.id } });
    const r = await answerAs(
      as("u-ada", ada),
      t1.id,
      { isStillNeeded: true, privileges: KEEP_G1_REMOVE_G2, comment: "custody is fine after all" },
      3,
    );
    expect(r.isCorrection).toBe(true);
    const answers = await db.attestationAnswer.findMany({
      where: { attestationId: t1.id },
      orderBy: { createdAt: "asc" },
    });
    expect(answers).toHaveLength(2);
    expect(answers[0]).toEqual(first);
    expect(answers[1].supersedesId).toBe(first.id);
    // the open privilege removal is not opened twice
    expect(await db.changeRequest.count({ where: { signerId: s1.id, kind: "privilege-removal" } })).toBe(1);
    expect(await audits(db, "attestation.corrected")).toHaveLength(1);
  });

  it("'no longer needed' suspends the signer, opens a decommission request and asks the CA to revoke its live certificates", async () => {
    const t2 = await taskOf(s2.id);
    const r = await answerAs(
      as("u-ada", ada),
      t2.id,
      { isStillNeeded: false, comment: "replaced by payments-release" },
      4,
    );
    expect(r).toMatchObject({ isSuspended: true, revocationRequests: 1 });
    expect((await db.signer.findUniqueOrThrow({ where: { id: s2.id } })).status).toBe("suspended");
    const [req] = await db.revocationRequest.findMany({
      where: { certificate: { signers: { some: { signerId: s2.id } } } },
    });
    expect(req).toMatchObject({
      kind: "requested",
      reason: "cessationOfOperation",
      status: "open",
      requestedById: "u-ada",
    });
    expect(req.deadlineAt.getTime() - req.requestedAt.getTime()).toBe(5 * DAY);
    expect(await db.changeRequest.count({ where: { signerId: s2.id, kind: "decommission", status: "open" } })).toBe(1);
    expect(await audits(db, "signer.suspended")).toHaveLength(1);
  });

  it("reminds the holder on the cadence, once per reminder", async () => {
    expect(await run(at(6))).toMatchObject({ reminders: 0, emails: 0 });
    expect(await run(at(7))).toMatchObject({ reminders: 1, emails: 1 });
    expect(await run(at(7.5))).toMatchObject({ reminders: 0, emails: 0 });
    const toBob = await outboxTo(db, "bob@example.com");
    expect(toBob.map((m) => m.subject)).toEqual([
      expect.stringContaining("Action needed"),
      expect.stringContaining("Reminder"),
    ]);
    expect((await taskOf(s3.id)).reminderCount).toBe(1);
  });

  it("delegation moves the task and emails the new holder; the old holder can no longer answer", async () => {
    const t3 = await taskOf(s3.id);
    await expect(
      delegateAttestation(db, { attestationId: t3.id, toEmail: "cleo@example.com" }, as("u-bob", bob), {
        now: at(8),
        baseUrl: BASE,
      }),
    ).rejects.toMatchObject({ code: "validation" });
    const r = await delegateAttestation(
      db,
      { attestationId: t3.id, toEmail: "eve@example.com", reason: "Eve runs it now" },
      as("u-bob", bob),
      { now: at(8), baseUrl: BASE },
    );
    expect(r.toPersonId).toBe(eve.id);
    expect((await taskOf(s3.id)).assigneeId).toBe(eve.id);
    expect(
      await db.attestationDelegation.count({
        where: { attestationId: t3.id, fromPersonId: bob.id, toPersonId: eve.id },
      }),
    ).toBe(1);
    const [mail] = await outboxTo(db, "eve@example.com");
    expect(mail.subject).toContain("Bob Backup passed you signer payments-mobile");
    await expect(answerAs(as("u-bob", bob), t3.id, { isStillNeeded: true }, 9)).rejects.toMatchObject({
      code: "forbidden",
    });
    // the new holder's reminders restart from the delegation
    expect(await run(at(14))).toMatchObject({ reminders: 0 });
    expect(await run(at(15))).toMatchObject({ reminders: 1 });
  });

  it("escalates once after the due date to the holder, the backup owner and the security team; overdue feeds the finding", async () => {
    const r = await run(at(21));
    expect(r).toMatchObject({ escalations: 1, emails: 3 });
    expect(await run(at(21.5))).toMatchObject({ escalations: 0, emails: 0 });
    const security = await outboxTo(db, SECURITY);
    expect(security).toHaveLength(1);
    expect(security[0].subject).toMatch(/^Escalation: signer payments-mobile/);
    expect(security[0].textBody).toContain(`${BASE}/campaigns/${campaignId}`);
    expect((await outboxTo(db, "bob@example.com")).at(-1)?.subject).toMatch(/^Escalation/);
    expect((await outboxTo(db, "eve@example.com")).at(-1)?.subject).toMatch(/^Overdue/);
    expect((await taskOf(s3.id)).escalatedAt).toEqual(at(21));
    await evaluateFindings(db, { now: at(22), signerIds: [s3.id] });
    const finding = await db.finding.findFirstOrThrow({
      where: { ruleId: "signer.attestation-overdue", subjectId: s3.id },
    });
    // escalated: high
    expect(finding).toMatchObject({ severity: "high", resolvedAt: null });
  });

  it("auto-suspends a still unattested signer N days after the due date, once, and respects a later resume", async () => {
    expect(await run(at(23.9))).toMatchObject({ suspended: 0 });
    expect(await run(at(24))).toMatchObject({ suspended: 1 });
    expect((await db.signer.findUniqueOrThrow({ where: { id: s3.id } })).status).toBe("suspended");
    const audit = (await audits(db, "signer.suspended")).at(-1)!;
    expect(audit.actorType).toBe("system");
    expect(audit.summary).toContain("auto-suspend policy");
    await db.signer.update({ where: { id: s3.id }, data: { status: "active", statusChangedAt: at(25) } });
    expect(await run(at(26))).toMatchObject({ suspended: 0 });
  });

  it("bulk attestation is all-or-nothing and only over the caller's own tasks", async () => {
    const c = await startCampaign(
      db,
      { name: "Hand-picked", scope: { kind: "signers", signerIds: [s1.id, s6.id] }, dueAt: at(60) },
      { actor: ADMIN, now: at(30), baseUrl: BASE },
    );
    const mine = await taskOf(s1.id, c.campaignId);
    const dans = await taskOf(s6.id, c.campaignId);
    await expect(
      bulkAttest(db, { attestationIds: [mine.id, dans.id] }, as("u-ada", ada), { now: at(31) }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await taskOf(s1.id, c.campaignId)).status).toBe("pending");
    expect(await bulkAttest(db, { attestationIds: [mine.id] }, as("u-ada", ada), { now: at(31) })).toEqual({
      attested: 1,
    });
    const answer = await db.attestationAnswer.findFirstOrThrow({ where: { attestationId: mine.id } });
    expect(answer.isStillNeeded).toBe(true);
    expect(JSON.parse(answer.privilegeDecisionsJson).map((d: { decision: string }) => d.decision)).toEqual([
      "keep",
      "keep",
    ]);
    await expect(
      bulkAttest(db, { attestationIds: [mine.id] }, as("u-ada", ada), { now: at(31) }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("the security team carries out or rejects requests", async () => {
    const removal = await db.changeRequest.findFirstOrThrow({ where: { kind: "privilege-removal" } });
    await resolveChangeRequest(db, removal.id, { decision: "done" }, { actor: ADMIN, now: at(32) });
    expect((await db.privilege.findUniqueOrThrow({ where: { id: "g2" } })).removedAt).toEqual(at(32));
    await expect(
      resolveChangeRequest(db, removal.id, { decision: "rejected" }, { actor: ADMIN, now: at(32) }),
    ).rejects.toMatchObject({ code: "conflict" });
    const custody = await db.changeRequest.findFirstOrThrow({ where: { kind: "custody-correction" } });
    await resolveChangeRequest(db, custody.id, { decision: "done" }, { actor: ADMIN, now: at(32) });
    const key = await db.signingKey.findFirstOrThrow({
      where: { certificates: { some: { signers: { some: { signerId: s1.id } } } } },
    });
    expect(key).toMatchObject({ custody: "cloud-kms", custodyEvidence: "arn:aws:kms:eu-west-1:111:key/abc" });
    const decommission = await db.changeRequest.findFirstOrThrow({ where: { kind: "decommission" } });
    await resolveChangeRequest(
      db,
      decommission.id,
      { decision: "rejected", note: "still used by the hotfix branch" },
      { actor: ADMIN, now: at(33) },
    );
    expect((await db.signer.findUniqueOrThrow({ where: { id: s2.id } })).status).toBe("active");
    expect(await db.revocationRequest.count({ where: { status: "open" } })).toBe(0);
    expect(await audits(db, "change-request.rejected")).toHaveLength(1);
  });

  it("exports every answer with who answered what and when, as JSON and CSV", async () => {
    const { json, rows } = await exportCampaign(db, campaignId);
    const answers = json.tasks.flatMap((t) => t.answers);
    expect(answers).toHaveLength(3);
    expect(answers.filter((a) => !a.isCurrent)).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      answeredBy: "Ada Owner <ada@example.com>",
      answeredByUser: "u-ada",
      answeredAt: at(2).toISOString(),
    });
    const t3 = json.tasks.find((t) => t.signer.name === "payments-mobile")!;
    expect(t3.delegations).toEqual([
      {
        from: "Bob Backup <bob@example.com>",
        to: "Eve Delegate <eve@example.com>",
        reason: "Eve runs it now",
        at: at(8).toISOString(),
      },
    ]);
    const csv = toCsv(rows).split("\r\n");
    expect(csv[0]).toMatch(/^campaign,signer,/);
    // 3 answers + 1 unanswered task + header + trailing newline
    expect(csv).toHaveLength(6);
    expect(csv.some((l) => l.includes("sign:release/production: keep; approve:release: remove"))).toBe(true);
  });
});

describeEachDatabase("recurring attestation campaigns", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    const p = await seedPerson(db, { name: "Ria", email: "ria@example.com" });
    await seedSigner(db, { name: "quarterly-signer", primaryOwnerId: p.id });
  });

  describe("when the due date passes", () => {
    it("starts the next occurrence once, with the same scope and a due date three months on", async () => {
      const due = new Date("2026-03-31T12:00:00Z");
      const { campaignId } = await startCampaign(
        db,
        { name: "Quarterly review", scope: { kind: "all-active" }, dueAt: due, recurrence: "quarterly" },
        { actor: ADMIN, now: T0, baseUrl: BASE },
      );
      const opts = { runId: "r", baseUrl: BASE, securityTeamEmail: null };
      expect(await runAttestationReminders(db, { ...opts, now: new Date("2026-03-30T00:00:00Z") })).toMatchObject({
        campaignsStarted: 0,
      });
      expect(await runAttestationReminders(db, { ...opts, now: new Date("2026-04-01T00:00:00Z") })).toMatchObject({
        campaignsStarted: 1,
      });
      expect(await runAttestationReminders(db, { ...opts, now: new Date("2026-04-02T00:00:00Z") })).toMatchObject({
        campaignsStarted: 0,
      });
      const next = await db.attestationCampaign.findFirstOrThrow({ where: { parentId: campaignId } });
      expect(next).toMatchObject({
        name: "Quarterly review (2026-06-30)",
        recurrence: "quarterly",
        scopeJson: '{"kind":"all-active"}',
      });
      expect(next.dueAt.toISOString()).toBe("2026-06-30T12:00:00.000Z");
      expect(await db.attestation.count({ where: { campaignId: next.id } })).toBe(1);
    });
  });
});
