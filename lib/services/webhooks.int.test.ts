import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { raiseEventFinding } from "@/lib/db/findings/findings";
import { claimWebhookDeliveries } from "@/lib/db/webhooks/deliveries";
import { resetAlertData, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { loadDocumentedVerifier, startWebhookReceiver, type WebhookReceiver } from "@/lib/webhooks/testing/receiver";
import type { WebhookEventType, WebhookFormat } from "@/lib/domain/webhooks/events";
import { recordAudit } from "./audit";
import { changeSignerStatus } from "./change-signer-status";
import { deliverWebhooks, type DeliverWebhooksOptions } from "./deliver-webhooks";
import {
  createWebhookSubscription,
  redeliverWebhook,
  sendWebhookPing,
  updateWebhookSubscriptionSettings,
} from "./manage-webhooks";
import { cutAuditBatches, streamAuditToStdout } from "./stream-audit";
import { withTransaction } from "@/lib/db/client";

const T0 = new Date("2026-03-02T09:00:00Z");
const MIN = 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);
const APP_SECRET = "test-app-secret-test-app-secret-0123456789";
const ADMIN = { type: "user" as const, id: "u-admin", label: "Ada Admin" };

describeEachDatabase("webhooks", (database) => {
  let db: Db;
  let receiver: WebhookReceiver;
  let verify: Awaited<ReturnType<typeof loadDocumentedVerifier>>;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    verify = await loadDocumentedVerifier();
  });
  afterAll(async () => {
    await receiver.stop();
  });
  beforeEach(async () => {
    await db.webhookDelivery.deleteMany();
    await db.webhookSubscription.deleteMany();
    await db.finding.deleteMany();
    await resetAlertData(db);
    receiver.received.length = 0;
    receiver.answer = () => 200;
  });

  const send = (now: Date, extra: Partial<DeliverWebhooksOptions> = {}) =>
    deliverWebhooks(db, {
      now,
      instanceId: "i1",
      baseUrl: "https://signet.test",
      appSecret: APP_SECRET,
      allowHosts: ["127.0.0.1"],
      timeoutMs: 2_000,
      ...extra,
    });
  const subscribe = (events: WebhookEventType[], format: WebhookFormat = "generic", url = receiver.url) =>
    createWebhookSubscription(
      db,
      { name: `hook ${events.join(",")}`, url, events, format },
      { actor: ADMIN, now: T0, appSecret: APP_SECRET },
    );
  const suspendOne = async () => {
    const signer = await seedSigner(db, { name: "release-bot" });
    await changeSignerStatus(db, signer.id, { status: "suspended", reason: "key leaked" }, { actor: ADMIN, now: T0 });
    return signer;
  };

  it("delivers each event once, signed, across a receiver answering 500 and then being down", async () => {
    const { secret } = await subscribe(["signer.suspended"]);
    const signer = await suspendOne();
    // the event was queued with the change: one delivery, pending
    expect(await db.webhookDelivery.count({ where: { status: "pending" } })).toBe(1);

    receiver.answer = () => 500;
    expect(await send(T0)).toMatchObject({ delivered: 0, retried: 1 });
    await receiver.stop();
    expect(await send(later(2 * MIN))).toMatchObject({ delivered: 0, retried: 1 });
    // backoff: not due yet, nothing is tried
    expect(await send(later(3 * MIN))).toMatchObject({ delivered: 0, retried: 0 });
    await receiver.start();
    receiver.answer = () => 200;
    expect(await send(later(10 * MIN))).toMatchObject({ delivered: 1 });
    expect(await send(later(60 * MIN))).toMatchObject({ delivered: 0, retried: 0, failed: 0 });

    const accepted = receiver.received.filter((r) => r.answeredWith === 200);
    expect(accepted).toHaveLength(1);
    const ids = new Set(receiver.received.map((r) => r.headers["signet-event-id"]));
    expect(ids.size).toBe(1); // the retry carried the same event id
    const body = JSON.parse(accepted[0].body);
    expect(body).toMatchObject({
      id: accepted[0].headers["signet-event-id"],
      type: "signer.suspended",
      subject: { type: "signer", id: signer.id, label: "release-bot" },
      data: { reason: "key leaked" },
    });
    const header = accepted[0].headers["signet-signature"] as string;
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verify(secret, accepted[0].body, header, t)).toBe(true);
    // a tampered body, another secret or a stale timestamp is detectably bad
    expect(verify(secret, accepted[0].body.replace("key leaked", "all fine"), header, t)).toBe(false);
    expect(verify(`${secret}x`, accepted[0].body, header, t)).toBe(false);
    expect(verify(secret, accepted[0].body, header, t + 3600)).toBe(false);
    // the secret is stored encrypted, never as given
    const stored = await db.webhookSubscription.findFirstOrThrow({ select: { secretCiphertext: true } });
    expect(stored.secretCiphertext).not.toContain(secret);
  });

  it("delivers once across a restart of the delivering process (a claim left by a dead sender)", async () => {
    await subscribe(["signer.suspended"]);
    await suspendOne();
    // instance A claims the delivery and dies before sending it
    expect(await claimWebhookDeliveries(db, { owner: "dead", now: T0, leaseMs: 2 * MIN, limit: 10 })).toHaveLength(1);
    // a new process (its own client on the same database): the lease protects the claim until it runs out
    const restarted = createDb(database.url);
    try {
      const run = (now: Date) =>
        deliverWebhooks(restarted, {
          now,
          instanceId: "i2",
          baseUrl: "https://signet.test",
          appSecret: APP_SECRET,
          allowHosts: ["127.0.0.1"],
        });
      expect(await run(later(MIN))).toMatchObject({ delivered: 0 });
      expect(await run(later(3 * MIN))).toMatchObject({ delivered: 1 });
      expect(await run(later(10 * MIN))).toMatchObject({ delivered: 0 });
    } finally {
      await restarted.$disconnect();
    }
    expect(receiver.received).toHaveLength(1);
  });

  it("queues finding events in the finding's transaction, and attestation overdue with its finding", async () => {
    await subscribe(["finding.opened", "attestation.overdue"]);
    const signer = await seedSigner(db, { name: "stale-bot" });
    const write = {
      ruleId: "signer.attestation-overdue",
      severity: "high",
      severityRank: 3,
      subjectType: "signer",
      subjectId: signer.id,
      certificateId: null,
      keyId: null,
      signerId: signer.id,
      message: "Owner attestation overdue",
      evidenceJson: "{}",
      threshold: null,
    };
    // a transaction that rolls back leaves no event behind
    await expect(
      withTransaction(db, async (tx) => {
        await raiseEventFinding(tx, write, { now: T0 });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.webhookDelivery.count()).toBe(0);
    await withTransaction(db, (tx) => raiseEventFinding(tx, write, { now: T0 }));
    // the same finding seen again is not a new event
    await withTransaction(db, (tx) => raiseEventFinding(tx, write, { now: later(MIN) }));
    expect(await send(T0)).toMatchObject({ delivered: 2 });
    const types = receiver.received.map((r) => JSON.parse(r.body).type).sort();
    expect(types).toEqual(["attestation.overdue", "finding.opened"]);
  });

  it("sends Slack's documented shape to a slack subscription, and a test ping", async () => {
    const { subscription } = await subscribe(["signer.suspended"], "slack");
    const signer = await suspendOne();
    await sendWebhookPing(db, subscription.id, { actor: ADMIN, now: T0 });
    expect(await send(T0)).toMatchObject({ delivered: 2 });
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    const ping = bodies.find((b) => b.text.includes("Test message"));
    const message = bodies.find((b) => b !== ping);
    expect(message).toEqual({
      text: "Signet: Signer release-bot suspended by Ada Admin: key leaked",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: `*<https://signet.test/signers/${signer.id}|Signer release-bot suspended by Ada Admin: key leaked>*`,
          },
        },
        { type: "context", elements: [{ type: "mrkdwn", text: expect.stringContaining("Event: signer.suspended") }] },
      ],
    });
    expect(ping.text).toMatch(/Test message from Signet/);
  });

  it("refuses a loopback receiver unless allow-listed, and redelivers on request", async () => {
    await subscribe(["signer.suspended"]);
    await suspendOne();
    expect(await send(T0, { allowHosts: [] })).toMatchObject({ failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const failed = await db.webhookDelivery.findFirstOrThrow();
    expect(failed).toMatchObject({ status: "failed", lastError: expect.stringMatching(/SIGNET_WEBHOOK_ALLOW_HOSTS/) });
    await redeliverWebhook(db, failed.id, { actor: ADMIN, now: later(MIN) });
    expect(await send(later(MIN))).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it("never writes the credentials of a URL saved before they were refused: delivery error, audit summary, audit details", async () => {
    const { subscription } = await subscribe(["signer.suspended"]);
    // a row from before the rule (the schema refuses such a URL now): written directly
    const password = "SuperSecretPass123";
    const token = "sk_live_qa_a_12345";
    const leaky = receiver.url.replace("http://", `http://qauser:${password}@`) + `/qa-a?token=${token}`;
    await db.webhookSubscription.update({ where: { id: subscription.id }, data: { url: leaky } });
    await suspendOne();
    expect(await send(T0)).toMatchObject({ failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const failed = await db.webhookDelivery.findFirstOrThrow();
    expect(failed.lastError).toMatch(/redacted@127\.0\.0\.1:\d+\/hook\/qa-a\?token=redacted: URLs with credentials/);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.failed" } });
    expect(audit.summary).toContain("token=redacted");
    // the administrator fixes the URL: the change's audit shows the old one redacted
    await updateWebhookSubscriptionSettings(
      db,
      subscription.id,
      { name: subscription.name, url: receiver.url, events: subscription.events, format: "generic", isEnabled: true },
      { actor: ADMIN, now: later(MIN) },
    );
    const changed = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.subscription-changed" } });
    expect(JSON.parse(changed.detailsJson).before.url).toMatch(
      /^http:\/\/redacted@127\.0\.0\.1:\d+\/hook\/qa-a\?token=redacted$/,
    );
    const written = JSON.stringify([failed, await db.auditEvent.findMany()]);
    expect(written).not.toContain(password);
    expect(written).not.toContain(token);
  });

  it("streams the audit log as JSON lines with the hash-chain fields, to a subscription and to stdout", async () => {
    await recordAuditAt(db, "before.subscribing");
    await subscribe(["audit"]);
    await recordAuditAt(db, "first.after");
    await recordAuditAt(db, "second.after");
    receiver.answer = () => 503;
    expect(await cutAuditBatches(db, { now: T0 })).toBe(1);
    expect(await send(T0)).toMatchObject({ retried: 1 });
    await recordAuditAt(db, "third.after");
    // the next batch waits for the one on its way: order is kept
    expect(await cutAuditBatches(db, { now: T0 })).toBe(0);
    receiver.answer = () => 200;
    expect(await send(later(2 * MIN))).toMatchObject({ delivered: 1 });
    expect(await cutAuditBatches(db, { now: later(2 * MIN) })).toBe(1);
    expect(await send(later(2 * MIN))).toMatchObject({ delivered: 1 });

    const delivered = receiver.received.filter((r) => r.answeredWith === 200);
    expect(delivered.map((r) => r.headers["content-type"])).toEqual(["application/x-ndjson", "application/x-ndjson"]);
    const lines = delivered.flatMap((r) =>
      r.body
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l)),
    );
    const actions = lines.map((l) => l.action);
    // the subscription's own creation is after the head it started from; nothing before it
    expect(actions).not.toContain("before.subscribing");
    expect(actions.slice(-3)).toEqual(["first.after", "second.after", "third.after"]);
    const stored = await db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: "asc" } });
    for (const line of lines) {
      const row = stored.find((e) => e.seq === line.seq)!;
      expect(line.chain).toEqual({
        seq: row.seq,
        contentHash: row.contentHash,
        prevHash: row.prevHash,
        hash: row.hash,
      });
    }
    for (let i = 1; i < lines.length; i++) expect(lines[i].chain.prevHash).toBe(lines[i - 1].chain.hash);

    // stdout: starts at the head, then writes what comes after, each line once
    const out: string[] = [];
    expect(await streamAuditToStdout(db, { write: (t) => out.push(t) })).toBe(0);
    await recordAuditAt(db, "to.stdout");
    expect(await streamAuditToStdout(db, { write: (t) => out.push(t) })).toBe(1);
    expect(await streamAuditToStdout(db, { write: (t) => out.push(t) })).toBe(0);
    const line = JSON.parse(out.join("").trim());
    expect(line).toMatchObject({
      type: "signet.audit",
      action: "to.stdout",
      chain: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });
});

function recordAuditAt(db: Db, action: string) {
  return withTransaction(db, (tx) =>
    recordAudit(tx, { actor: { type: "system", label: "test" }, action, summary: action, at: T0 }),
  );
}
