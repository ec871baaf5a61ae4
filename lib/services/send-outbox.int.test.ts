import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { claimOutboxMessages } from "@/lib/db/outbox/outbox";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { resetAlertData, seedCertificate, seedPerson, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { startSmtpTestServer, type SmtpTestServer } from "@/lib/mail/testing/smtp-test-server";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import { runAlertSweep } from "./run-alert-sweep";
import { sendOutbox } from "./send-outbox";

const T0 = new Date("2026-03-02T09:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

async function queue(db: Db, to: string) {
  return db.outboxMessage.create({ data: { recipientEmail: to, subject: "Test", textBody: "text", htmlBody: "<p>html</p>", nextAttemptAt: T0 } });
}

describeEachDatabase("outbox sender over SMTP", (database) => {
  let db: Db;
  let smtp: SmtpTestServer;
  let transport: MailTransport;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    transport = createSmtpTransport({ smtpUrl: smtp.url, from: "signet@test", timeoutMs: 5_000 });
  });
  afterAll(async () => {
    transport.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    await resetAlertData(db);
    smtp.received.length = 0;
    smtp.onRecipient = () => null;
  });

  it("keeps mail pending and visible while no SMTP server is configured", async () => {
    const m = await queue(db, "ada@example.com");
    expect(await sendOutbox(db, { now: T0, transport: null, instanceId: "i1" })).toMatchObject({ sent: 0, isTransportMissing: true });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("retries after the server was down and delivers once when it is back", async () => {
    const down = await startSmtpTestServer();
    const port = down.port;
    await down.stop();
    const toDown = createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "signet@test", timeoutMs: 2_000 });
    const m = await queue(db, "ada@example.com");
    try {
      expect(await sendOutbox(db, { now: T0, transport: toDown, instanceId: "i1" })).toMatchObject({ sent: 0, retried: 1 });
      const waiting = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
      expect(waiting).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: later(MIN), leaseOwner: null });
      expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
      const back = await startSmtpTestServer({ port });
      try {
        expect(await sendOutbox(db, { now: later(30_000), transport: toDown, instanceId: "i1" })).toMatchObject({ sent: 0 });
        expect(await sendOutbox(db, { now: later(MIN), transport: toDown, instanceId: "i1" })).toMatchObject({ sent: 1 });
        expect(await sendOutbox(db, { now: later(10 * MIN), transport: toDown, instanceId: "i1" })).toMatchObject({ sent: 0 });
        expect(back.received).toHaveLength(1);
        expect(back.received[0].messageId).toBe(`<outbox-${m.id}@signet>`);
      } finally {
        toDown.close();
        await back.stop();
      }
    } finally {
      toDown.close();
    }
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "sent", attempts: 2, sentAt: later(MIN) });
  });

  it("retries a 4xx reply with backoff, then delivers", async () => {
    let refusals = 1;
    smtp.onRecipient = () => (refusals-- > 0 ? { code: 451, message: "Greylisted, try again later" } : null);
    const m = await queue(db, "bob@example.com");
    expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({ retried: 1 });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).lastError).toContain("451");
    expect(await sendOutbox(db, { now: later(MIN), transport, instanceId: "i1" })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it("marks a 5xx reply failed with the server's error and does not retry it", async () => {
    smtp.onRecipient = (address) => (address === "nobody@example.com" ? { code: 550, message: "No such user here" } : null);
    const bad = await queue(db, "nobody@example.com");
    const good = await queue(db, "carol@example.com");
    expect(await sendOutbox(db, { now: T0, transport, instanceId: "i1" })).toMatchObject({ sent: 1, failed: 1 });
    const failed = await db.outboxMessage.findUniqueOrThrow({ where: { id: bad.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("550");
    expect(await sendOutbox(db, { now: later(24 * 60 * MIN), transport, instanceId: "i1" })).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: good.id } })).status).toBe("sent");
    expect(await db.auditEvent.count({ where: { action: "mail.failed", targetId: bad.id } })).toBe(1);
  });

  it("gives up on a temporary failure after the last attempt", async () => {
    smtp.onRecipient = () => ({ code: 452, message: "Mailbox full" });
    const m = await queue(db, "dave@example.com");
    for (let i = 0; i < 3; i++) await sendOutbox(db, { now: later(i * 60 * MIN), transport, instanceId: "i1", maxAttempts: 3 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "failed", attempts: 3 });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).lastError).toMatch(/gave up after 3 attempts: 452/);
  });

  it("resends a message whose sender died mid-send once its lease has expired", async () => {
    const m = await queue(db, "erin@example.com");
    expect(await claimOutboxMessages(db, { owner: "crashed", now: T0, leaseMs: 2 * MIN, limit: 10 })).toHaveLength(1);
    expect(await sendOutbox(db, { now: later(MIN), transport, instanceId: "i2" })).toMatchObject({ sent: 0 });
    expect(await sendOutbox(db, { now: later(3 * MIN), transport, instanceId: "i2" })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  // SQLite serialises writers and is the single-instance setup; scaling out means PostgreSQL
  it.skipIf(database.flavour !== "postgres")("two instances sweeping and sending at the same time send every email exactly once", async () => {
    const security = await seedPerson(db, { name: "Ops", email: "ops@example.com" });
    for (let i = 0; i < 12; i++) {
      const owner = await seedPerson(db, { name: `Owner ${i}`, email: `owner${i}@example.com` });
      const signer = await seedSigner(db, { name: `signer-${i}`, primaryOwnerId: owner.id, backupOwnerId: security.id, team: { name: `team-${i}`, email: `team${i % 3}@example.com` } });
      for (let c = 0; c < 3; c++) await seedCertificate(db, { signerIds: [signer.id], cn: `cert-${i}-${c}`, notAfter: later((5 + i * 7 + c) * 24 * 60 * MIN), notBefore: later(-c * 24 * 60 * MIN) });
    }
    const other = createDb(database.url);
    const otherTransport = createSmtpTransport({ smtpUrl: smtp.url, from: "signet@test" });
    try {
      const options = { now: T0, baseUrl: "https://signet.test", securityTeamEmail: "security@example.com" };
      const [a, b] = await Promise.all([runAlertSweep(db, { ...options, runId: "a" }), runAlertSweep(other, { ...options, runId: "b" })]);
      const [s1, s2] = await Promise.all([
        sendOutbox(db, { now: T0, transport, instanceId: "i1", concurrency: 3 }),
        sendOutbox(other, { now: T0, transport: otherTransport, instanceId: "i2", concurrency: 3 }),
      ]);
      const messages = await db.outboxMessage.count();
      const byStatus = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
      // one comparison with every figure, so a failure shows the whole picture
      // the sweeps may overlap (both plan the same deliveries, one inserts each) or run one after
      // the other (the second finds them delivered and plans none): either way each exactly once
      expect({
        planned: Math.max(a.planned, b.planned),
        deliveries: a.deliveries + b.deliveries,
        sentBySenders: s1.sent + s2.sent,
        received: smtp.received.length,
        distinctMessageIds: new Set(smtp.received.map((m) => m.messageId)).size,
        byStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])),
      }).toEqual({ planned: a.deliveries + b.deliveries, deliveries: Math.max(a.planned, b.planned), sentBySenders: messages, received: messages, distinctMessageIds: messages, byStatus: { sent: messages } });
      expect(messages).toBeGreaterThan(10);
      const keys = await db.alertDelivery.findMany({ select: { dedupeKey: true, messageId: true } });
      expect(keys.every((k) => k.messageId !== null)).toBe(true);
    } finally {
      otherTransport.close();
      await other.$disconnect();
    }
  });
});
