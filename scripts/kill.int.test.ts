import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { seedCertificate, seedPerson, seedSigner } from "@/lib/jobs/testing/alert-seed";
import { startSmtpTestServer, type SmtpTestServer } from "@/lib/mail/testing/smtp-test-server";
import { BATCH_CERTIFICATES } from "@/lib/services/import-certificates";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { createKeyPool, generateBulkLeaves } from "@/lib/x509/testing/bulk-leaves";
import { createTestCas } from "@/lib/x509/testing/test-ca";

// Issue 14's kill test: the app is killed with SIGKILL (no handler runs, as on an OOM kill or a
// power cut) during an import, a stream of audited writes, an alert sweep and an email's DATA
// phase, then restarted. After each: `signet audit verify` passes, nothing is half written, no
// email is lost, and the interrupted email is sent at most once more with the same Message-ID.
// Each process runs as a real child (the CLI, jobs:run-once) in its own process group; the whole
// group is killed. Leases a dead process held run out after their TTL; the test moves them into
// the past rather than wait minutes. SQLite always, PostgreSQL with TEST_POSTGRES_URL.

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const DAY = 86_400_000;
// two and a half of the import's transactions: the kill lands after the first has committed and
// before the last
const IMPORT_FILES = Number(process.env.SIGNET_KILL_FILES ?? Math.round(2.5 * BATCH_CERTIFICATES));
const ALERT_SIGNERS = 40;
// each test starts a few CLI processes (tsx start-up is seconds on a busy machine)
const TIMEOUT = 300_000;

type Child = { process: ChildProcess; output: () => string; exited: Promise<number | null> };
const running = new Set<Child>();

function start(args: string[], env: Record<string, string>): Child {
  const child = spawn(args[0], args.slice(1), {
    cwd: root,
    env: { ...process.env, SIGNET_ENV: "local", SIGNET_SECRET: "k".repeat(48), NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: the kill reaches tsx's node child too
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const handle = { process: child, output: () => out, exited };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

async function killGroup(child: Child) {
  process.kill(-child.process.pid!, "SIGKILL");
  await child.exited;
}

async function waitFor(check: () => Promise<boolean>, child: Child, what: string, ms = 90_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    if (child.process.exitCode !== null) throw new Error(`exited before ${what}:\n${child.output().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${what} within ${ms} ms:\n${child.output().slice(-1500)}`);
}

async function runToEnd(args: string[], env: Record<string, string>) {
  const child = start(args, env);
  const code = await child.exited;
  return { code, output: child.output() };
}

describeEachDatabase("killed with SIGKILL and restarted", (database) => {
  let db: Db;
  let smtp: SmtpTestServer;
  let workDir: string;
  openTestDb(database, (client) => (db = client));
  const env = () => ({ DATABASE_URL: database.url, SMTP_URL: smtp.url, SIGNET_BASE_URL: "http://127.0.0.1:3999" });
  const signet = (...args: string[]) => [process.execPath, path.join(root, "bin/signet.mjs"), ...args];
  const job = (name: string) => [tsx, path.join(root, "scripts/jobs-run-once.ts"), name];
  /** what the lease TTL does for a dead process, without waiting minutes for it */
  const leasesRunOut = async () => {
    const past = new Date(Date.now() - 60_000);
    await db.jobLease.updateMany({ data: { leaseUntil: past } });
    await db.outboxMessage.updateMany({ where: { status: "sending" }, data: { leaseUntil: past } });
  };
  const expectChainVerifies = async () => {
    const r = await runToEnd(signet("audit", "verify"), env());
    expect(r.code, r.output).toBe(0);
  };

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-kill-"));
  });
  afterAll(async () => {
    for (const child of running) await killGroup(child); // a failed test's processes
    await smtp?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }, TIMEOUT);

  it(
    "during an import: each file is stored whole (with its audit event) or not at all, and a re-run completes it",
    async () => {
      const dir = path.join(workDir, "import");
      fs.mkdirSync(dir);
      const { intermediate: issuer } = await createTestCas({
        key: "P-256",
        notBefore: new Date(Date.now() - 30 * DAY),
      });
      const keyPool = await createKeyPool(50, "P-256");
      let i = 0;
      for (const leaf of generateBulkLeaves({
        issuer,
        count: IMPORT_FILES,
        keyPool,
        subject: (n) => `CN=kill-import-${n},O=Signet Kill Test`,
        notBefore: () => new Date(Date.now() - DAY),
        notAfter: () => new Date(Date.now() + 300 * DAY),
      }))
        fs.writeFileSync(path.join(dir, `leaf-${i++}.cer`), leaf.der);

      const importer = start(signet("import", dir), env());
      await waitFor(async () => (await db.certificate.count()) > 0, importer, "stored certificate");
      await killGroup(importer);

      const stored = async () =>
        new Set((await db.certificate.findMany({ select: { sha256: true } })).map((c) => c.sha256));
      const audited = async () => {
        const events = await db.auditEvent.findMany({
          where: { action: "certificate.imported" },
          select: { detailsJson: true },
        });
        return events.flatMap((e) =>
          (JSON.parse(e.detailsJson) as { certificates: { sha256: string; status: string }[] }).certificates
            .filter((c) => c.status === "imported")
            .map((c) => c.sha256),
        );
      };
      const afterKill = await stored();
      expect(afterKill.size, "the import was still running when killed").toBeLessThan(IMPORT_FILES);
      const auditedAfterKill = await audited();
      expect(new Set(auditedAfterKill)).toEqual(afterKill);
      expect(auditedAfterKill).toHaveLength(afterKill.size);
      await expectChainVerifies();

      const rerun = await runToEnd(signet("import", dir), env());
      expect(rerun.code, rerun.output).toBe(0);
      const all = await stored();
      expect(all.size).toBe(IMPORT_FILES);
      const auditedAll = await audited();
      expect(auditedAll).toHaveLength(IMPORT_FILES); // each file once: the re-run skipped what was stored
      expect(new Set(auditedAll)).toEqual(all);
      await expectChainVerifies();
    },
    TIMEOUT,
  );

  it(
    "during audited writes: every signer has its one audit event and the chain verifies",
    async () => {
      const writer = start([tsx, path.join(root, "scripts/testing/create-signers-forever.ts")], env());
      const written = () => db.signer.count({ where: { name: { startsWith: "kill-writer-" } } });
      await waitFor(async () => (await written()) >= 40, writer, "40 signers");
      await killGroup(writer);
      const signers = await db.signer.findMany({
        where: { name: { startsWith: "kill-writer-" } },
        select: { id: true },
      });
      const events = await db.auditEvent.findMany({ where: { action: "signer.created" }, select: { targetId: true } });
      expect(signers.length).toBeGreaterThanOrEqual(40);
      expect(events.map((e) => e.targetId).sort()).toEqual(signers.map((s) => s.id).sort());
      const seqs = (await db.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, k) => k + 1)); // no gap, no fork
      await expectChainVerifies();
    },
    TIMEOUT,
  );

  it(
    "during an alert sweep: deliveries and their emails are queued together or not at all; the restart queues every one",
    async () => {
      const soon = new Date(Date.now() + 10 * DAY);
      for (let n = 0; n < ALERT_SIGNERS; n++) {
        const ada = await seedPerson(db, { name: `Ada ${n}`, email: `ada-${n}@kill.example` });
        const bob = await seedPerson(db, { name: `Bob ${n}`, email: `bob-${n}@kill.example` });
        const signer = await seedSigner(db, {
          name: `kill-alert-${n}`,
          primaryOwnerId: ada.id,
          backupOwnerId: bob.id,
          team: { name: `kill-team-${n}`, email: `team-${n}@kill.example` },
        });
        await seedCertificate(db, { signerIds: [signer.id], cn: `Kill Alert ${n}`, notAfter: soon });
      }
      const consistent = async () => {
        const deliveries = await db.alertDelivery.findMany({
          where: { recipientEmail: { endsWith: "@kill.example" } },
          select: { messageId: true, recipientEmail: true },
        });
        const messages = await db.outboxMessage.findMany({
          where: { recipientEmail: { endsWith: "@kill.example" } },
          select: { id: true },
        });
        const ids = new Set(messages.map((m) => m.id));
        for (const d of deliveries) expect(ids.has(d.messageId ?? ""), d.recipientEmail).toBe(true);
        expect(messages).toHaveLength(new Set(deliveries.map((d) => d.recipientEmail)).size);
        return { deliveries: deliveries.length, messages: messages.length };
      };

      const sweep = start(job("alerts.sweep"), env());
      await waitFor(
        async () => (await db.jobRun.count({ where: { job: "alerts.sweep" } })) > 0,
        sweep,
        "the sweep's run",
      );
      await new Promise((r) => setTimeout(r, 30));
      await killGroup(sweep);
      expect(await db.jobRun.count({ where: { job: "alerts.sweep", status: "running" } }), "killed mid-run").toBe(1);
      const afterKill = await consistent();
      expect([0, 3 * ALERT_SIGNERS]).toContain(afterKill.deliveries);
      await expectChainVerifies();

      await leasesRunOut();
      const rerun = await runToEnd(job("alerts.sweep"), env());
      expect(rerun.code, rerun.output).toBe(0);
      expect(await consistent()).toEqual({ deliveries: 3 * ALERT_SIGNERS, messages: 3 * ALERT_SIGNERS });
      await expectChainVerifies();
    },
    TIMEOUT,
  );

  it(
    "during an email's DATA phase: the email is sent at most once more, with the same Message-ID, and none is lost",
    async () => {
      await db.outboxMessage.deleteMany();
      const now = new Date();
      const ids: string[] = [];
      for (let n = 0; n < 6; n++) {
        const m = await db.outboxMessage.create({
          data: {
            recipientEmail: `mail-${n}@kill.example`,
            subject: `Kill test ${n}`,
            textBody: `body ${n}`,
            htmlBody: `<p>body ${n}</p>`,
            status: "pending",
            nextAttemptAt: now,
            createdAt: now,
          },
        });
        ids.push(m.id);
      }
      smtp.received.length = 0;
      // the server has the whole message but holds its reply: the sender cannot know it was delivered
      let held!: () => void;
      const firstHeld = new Promise<void>((resolve) => (held = resolve));
      const release: (() => void)[] = [];
      smtp.beforeAccept = () =>
        new Promise<void>((resolve) => {
          release.push(resolve);
          held();
        });
      const sender = start(job("outbox.send"), env());
      await Promise.race([firstHeld, sender.exited.then(() => Promise.reject(new Error(sender.output())))]);
      await killGroup(sender);
      smtp.beforeAccept = null;
      for (const r of release) r();
      const interrupted = smtp.received.map((m) => m.messageId);
      expect(interrupted.length).toBeGreaterThan(0);

      await leasesRunOut();
      const rerun = await runToEnd(job("outbox.send"), env());
      expect(rerun.code, rerun.output).toBe(0);
      const again = await runToEnd(job("outbox.send"), env()); // nothing left: no third copy
      expect(again.code, again.output).toBe(0);

      const rows = await db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => "sent"));
      for (const id of ids) {
        const copies = smtp.received.filter((m) => m.messageId === `<outbox-${id}@signet>`);
        const wasInterrupted = interrupted.includes(`<outbox-${id}@signet>`);
        expect(copies.length, id).toBe(wasInterrupted ? 2 : 1);
      }
      expect(smtp.received).toHaveLength(ids.length + interrupted.length);
      await expectChainVerifies();
    },
    TIMEOUT,
  );
});
