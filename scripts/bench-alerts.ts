// `npm run bench:alerts [-- --certs 250000 --send 5000]`: seeds a temporary SQLite inventory
// (default 250,000 certificates: 50,000 signers with 5 certificates each, the newest current),
// then measures
//   1. the pure planner over every certificate in memory,
//   2. the alert sweep on the database (load + plan + write): first run, then a steady-state
//      hourly run with nothing new,
//   3. sending the queued digests through a local SMTP server (emails/s and alerts/s).
// Target: planning ≤ 5 s on SQLite.
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { loadAlertPolicies } from "@/lib/db/alerts/alerts";
import { createDb, pingDatabase, closeDb } from "@/lib/db/client";
import { countOutboxMessages, listOldestOutboxMessages, rescheduleOutboxMessages } from "@/lib/db/outbox/outbox";
import { applyMigrations } from "@/lib/db/migrate";
import { planAlerts } from "@/lib/domain/alerts/plan";
import { DEFAULT_ALERT_POLICY } from "@/lib/domain/alerts/policy";
import type { AlertCertificate, AlertSigner } from "@/lib/domain/alerts/types";
import { fakeCertificateData } from "@/lib/jobs/testing/alert-seed";
import { startSmtpTestServer } from "@/lib/mail/testing/smtp-test-server";
import { createSmtpTransport } from "@/lib/mail/transport";
import { runAlertSweep } from "@/lib/services/run-alert-sweep";
import { sendOutbox } from "@/lib/services/send-outbox";

const DAY = 86_400_000;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CERTS = arg("certs", 250_000);
const SEND = arg("send", 5_000);
const PER_SIGNER = 5;
const SIGNERS = Math.ceil(CERTS / PER_SIGNER);
const PEOPLE = Math.max(2, Math.ceil(SIGNERS / 3));
const TEAMS = Math.max(1, Math.ceil(SIGNERS / 100));

const ms = (t0: number) => Math.round(performance.now() - t0);
// CPU time of this process (SQLite runs in it): a figure a busy shared machine distorts less
const cpuMs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1000);
};
const rate = (n: number, millis: number) => Math.round((n / Math.max(1, millis)) * 1000);
// deterministic spread so runs are comparable
const spread = (i: number, modulo: number) => ((i * 2_654_435_761) >>> 0) % modulo;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-bench-alerts-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const now = new Date();
  try {
    await applyMigrations({ url });
    const db = createDb(url);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} cores`,
    );
    console.log(
      `seeding ${CERTS.toLocaleString()} certificates, ${SIGNERS.toLocaleString()} signers, ${PEOPLE.toLocaleString()} people, ${TEAMS} teams…`,
    );
    let t = performance.now();
    const teamIds = Array.from({ length: TEAMS }, () => randomUUID());
    const personIds = Array.from({ length: PEOPLE }, () => randomUUID());
    const signerIds = Array.from({ length: SIGNERS }, () => randomUUID());
    const keyIds = signerIds.map(() => randomUUID());
    const certId = (i: number) => `cert-${i}`;
    const signerData = (i: number) => ({
      status: i % 40 === 0 ? "decommissioned" : "active",
      backupOwnerId: i % 4 === 0 ? null : personIds[(i + 1) % PEOPLE],
      credentialExpiresAt: i % 10 === 0 ? new Date(now.getTime() + (spread(i, 120) - 10) * DAY) : null,
    });
    // each signer: four older certificates (renewed) and a current one expiring within ~13 months
    const certData = (i: number) => {
      const signer = Math.floor(i / PER_SIGNER);
      const generation = i % PER_SIGNER;
      const currentEnd = (spread(signer, 430) - 30) * DAY;
      const notAfter = new Date(now.getTime() + currentEnd - (PER_SIGNER - 1 - generation) * 365 * DAY);
      return {
        ...fakeCertificateData({
          id: certId(i),
          cn: `signer-${signer} gen ${generation}`,
          notBefore: new Date(notAfter.getTime() - 395 * DAY),
          notAfter,
          keyId: keyIds[signer],
        }),
        revocationStatus: i % 997 === 0 ? "revoked" : "good",
      };
    };
    // Bulk seeding straight through better-sqlite3 (Prisma's createMany is ~100× slower here);
    // values are stored the way Prisma stores them: ISO text dates, 0/1 booleans, BLOB bytes.
    const sqlite = new Database(path.join(dir, "bench.db"));
    const iso = (d: Date | null) => (d ? d.toISOString().replace("Z", "+00:00") : null);
    const stamp = iso(now);
    sqlite.transaction(() => {
      const team = sqlite.prepare(`INSERT INTO "Team" (id, name, email, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
      teamIds.forEach((id, i) => team.run(id, `team-${i}`, `team-${i}@example.com`, stamp, stamp));
      const person = sqlite.prepare(
        `INSERT INTO "Person" (id, name, email, teamId, isActive, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      personIds.forEach((id, i) =>
        person.run(id, `Person ${i}`, `p${i}@example.com`, teamIds[i % TEAMS], i % 50 === 0 ? 0 : 1, stamp, stamp),
      );
      const signer = sqlite.prepare(
        `INSERT INTO "Signer" (id, name, kind, status, primaryOwnerId, backupOwnerId, teamId, credentialType, createdAt, updatedAt) VALUES (?, ?, 'ci-pipeline', ?, ?, ?, ?, ?, ?, ?)`,
      );
      const credential = sqlite.prepare(
        `INSERT INTO "SignerCredential" (id, signerId, kind, name, expiresAt, isPipeline, createdAt, updatedAt) VALUES (?, ?, 'signing-service', 'Pipeline credential', ?, 1, ?, ?)`,
      );
      signerIds.forEach((id, i) => {
        const d = signerData(i);
        signer.run(
          id,
          `signer-${i}`,
          d.status,
          personIds[i % PEOPLE],
          d.backupOwnerId,
          teamIds[i % TEAMS],
          d.credentialExpiresAt ? "static-secret" : "oidc",
          stamp,
          stamp,
        );
        if (d.credentialExpiresAt) credential.run(id, id, iso(d.credentialExpiresAt), stamp, stamp);
      });
      const key = sqlite.prepare(
        `INSERT INTO "SigningKey" (id, spkiSha256, algorithm, curve, firstSeenAt, updatedAt) VALUES (?, ?, 'EC', 'P-256', ?, ?)`,
      );
      keyIds.forEach((id, i) => key.run(id, i.toString(16).padStart(64, "0"), stamp, stamp));
      const cert = sqlite.prepare(
        `INSERT INTO "Certificate" (id, sha256, sha1, der, subject, subjectCn, issuer, issuerCn, serialHex, notBefore, notAfter, keyAlgorithm, curve, signatureAlgorithm, isCA, revocationStatus, keyId, importedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      );
      const link = sqlite.prepare(
        `INSERT INTO "SignerCertificate" (signerId, certificateId, addedAt) VALUES (?, ?, ?)`,
      );
      for (let i = 0; i < CERTS; i++) {
        const c = certData(i);
        cert.run(
          c.id,
          c.sha256,
          c.sha1,
          Buffer.from(c.der),
          c.subject,
          c.subjectCn,
          c.issuer,
          c.issuerCn,
          c.serialHex,
          iso(c.notBefore),
          iso(c.notAfter),
          c.keyAlgorithm,
          c.curve,
          c.signatureAlgorithm,
          c.revocationStatus,
          c.keyId,
          stamp,
        );
        link.run(signerIds[Math.floor(i / PER_SIGNER)], c.id, stamp);
      }
    })();
    sqlite.close();
    console.log(`  seeded in ${(ms(t) / 1000).toFixed(1)} s`);

    // 1. pure planner over every certificate (no database)
    const signers: AlertSigner[] = signerIds.map((id, i) => ({
      id,
      name: `signer-${i}`,
      status: signerData(i).status,
      primaryOwner: {
        id: personIds[i % PEOPLE],
        name: `Person ${i % PEOPLE}`,
        email: `p${i % PEOPLE}@example.com`,
        isActive: true,
      },
      backupOwner: null,
      team: { id: teamIds[i % TEAMS], name: `team-${i % TEAMS}`, email: `team-${i % TEAMS}@example.com` },
      credentialType: "oidc",
    }));
    const all: AlertCertificate[] = Array.from({ length: CERTS }, (_, i) => {
      const d = certData(i);
      return {
        id: d.id,
        subjectCn: d.subjectCn,
        subject: d.subject,
        serialHex: d.serialHex,
        notAfter: d.notAfter,
        isCA: false,
        revocationStatus: d.revocationStatus,
        mutes: [],
        signers: [{ signer: signers[Math.floor(i / PER_SIGNER)], isSuperseded: i % PER_SIGNER !== PER_SIGNER - 1 }],
      };
    });
    t = performance.now();
    const pureCpu = process.cpuUsage();
    const pure = planAlerts({
      now,
      certificates: all,
      credentials: [],
      policies: { global: DEFAULT_ALERT_POLICY, bySignerId: new Map() },
      sentKeys: new Set(),
      securityTeamEmail: "security@example.com",
    });
    const pureMs = ms(t);
    console.log(
      `1. pure planning over ${CERTS.toLocaleString()} certificates: ${pureMs} ms wall, ${cpuMs(pureCpu)} ms CPU (${pure.deliveries.length.toLocaleString()} alerts in ${pure.digests.length.toLocaleString()} digests)`,
    );

    // 2. the sweep on SQLite (after one warm-up query: a running server is warm)
    await loadAlertPolicies(db);
    await pingDatabase(db);
    const config = { baseUrl: "https://signet.example", securityTeamEmail: "security@example.com" };
    let cpu = process.cpuUsage();
    const first = await runAlertSweep(db, { now, runId: "bench-1", ...config });
    const firstCpu = cpuMs(cpu);
    console.log(
      `2a. first sweep: load ${first.loadMs} ms + plan ${first.planMs} ms = ${first.loadMs + first.planMs} ms planning (target ≤ 5000 ms); write ${first.writeMs} ms; whole sweep used ${firstCpu} ms CPU` +
        ` — ${first.certificatesConsidered.toLocaleString()} certificates and ${first.credentialsConsidered.toLocaleString()} credentials in a band, ${first.deliveries.toLocaleString()} alerts in ${first.messages.toLocaleString()} emails`,
    );
    cpu = process.cpuUsage();
    const steady = await runAlertSweep(db, { now: new Date(now.getTime() + 3_600_000), runId: "bench-2", ...config });
    console.log(
      `2b. next hourly sweep: load ${steady.loadMs} ms + plan ${steady.planMs} ms = ${steady.loadMs + steady.planMs} ms planning, ${steady.deliveries} new alerts; ${cpuMs(cpu)} ms CPU`,
    );

    // 3. sending through a local SMTP server
    const smtp = await startSmtpTestServer();
    const transport = createSmtpTransport({ smtpUrl: smtp.url, from: "signet@bench", maxConnections: 4 });
    try {
      const messages = await listOldestOutboxMessages(db, SEND);
      // send only the first SEND emails: park the rest
      const total = await countOutboxMessages(db);
      await rescheduleOutboxMessages(db, { nextAttemptAt: new Date(now.getTime() + 365 * DAY) });
      const ids = messages.map((m) => m.id);
      await rescheduleOutboxMessages(db, { ids, nextAttemptAt: now });
      const parked = { count: total - ids.length };
      t = performance.now();
      let sent = 0;
      for (;;) {
        const r = await sendOutbox(db, { now, transport, instanceId: "bench", batchSize: 500, concurrency: 8 });
        sent += r.sent;
        if (r.sent + r.failed + r.retried === 0) break;
      }
      const sendMs = ms(t);
      const alerts = messages.reduce((n, m) => n + m.deliveries, 0);
      console.log(
        `3. sent ${sent.toLocaleString()} emails carrying ${alerts.toLocaleString()} alerts in ${(sendMs / 1000).toFixed(1)} s: ${rate(sent, sendMs)} emails/s, ${rate(alerts, sendMs)} alerts/s` +
          ` (SMTP server received ${smtp.received.length.toLocaleString()}; ${parked.count.toLocaleString()} further emails not sent)`,
      );
    } finally {
      transport.close();
      await smtp.stop();
    }
    await closeDb(db);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
