import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { runSignet } from "@/cli/main";
import { createDb, withTransaction, type Db } from "@/lib/db/client";
import { writeAtomically } from "@/lib/db/driver";
import { GENESIS_HASH, chainHashOf, contentHashOf, linkPending, sealUnchained } from "@/lib/db/audit/chain";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { AUDIT_ANCHOR_JOB, registerAuditAnchorJob } from "@/lib/jobs/audit-anchor-job";
import { getJob, unregisterJob } from "@/lib/jobs/registry";
import { pendingAudit, recordAudit, recordAuditMany, SYSTEM_ACTOR, type AuditInput } from "./audit";
import { linkPendingSoon, whenLinked } from "./audit-sequencer";
import { anchorAuditChain, readAnchorFile } from "./anchor-audit-chain";
import { verifyAuditChain } from "./verify-audit-chain";

// The tamper tests of the audit log's hash chain: each way of changing the stored log (edit,
// delete, reorder, truncate, slip a row in) is named by `signet audit verify`, which exits 1.

const execFileAsync = promisify(execFile);

const event = (i: number): AuditInput => ({
  actor: { type: "user", id: `u${i}`, label: `user ${i}` },
  action: "test.event",
  targetType: "thing",
  targetId: `t${i}`,
  summary: `event number ${i} — ünïcode`,
  details: { i, nested: { b: 1, a: [i] } },
  ip: "192.0.2.1",
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)),
});

/** A pending event written as the gate writes it (one atomic write); answers its id. */
async function writePending(db: Db, input: AuditInput): Promise<string> {
  const { id, write } = pendingAudit(input);
  await writeAtomically(db, [write]);
  return id;
}

describeEachDatabase("the audit log's hash chain", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  let dir: string;
  const savedUrl = process.env.DATABASE_URL;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-anchor-"));
    process.env.DATABASE_URL = database.url;
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });
  beforeEach(async () => {
    await db.auditEvent.deleteMany();
  });

  async function writeEvents(n: number) {
    // single events, then a bulk write: both writers link into the same chain
    for (let i = 1; i <= Math.min(n, 3); i++) await withTransaction(db, (tx) => recordAudit(tx, event(i)));
    if (n > 3)
      await withTransaction(db, (tx) =>
        recordAuditMany(
          tx,
          Array.from({ length: n - 3 }, (_, k) => event(k + 4)),
        ),
      );
  }
  const idAt = async (seq: number) => (await db.auditEvent.findUniqueOrThrow({ where: { seq } })).id;

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSignet(["audit", ...args], {
      stdout: (l) => out.push(l),
      stderr: (l) => err.push(l),
      now: () => new Date("2026-02-01T00:00:00Z"),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("links every event to the one before it, from the genesis hash", async () => {
    await writeEvents(6);
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.contentHash).toBe(contentHashOf(r));
      expect(r.hash).toBe(chainHashOf(prev, r.contentHash!, r.seq!));
      prev = r.hash!;
    }
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ isIntact: true, checked: 6, head: { seq: 6, hash: prev }, verifiedUpToSeq: 6 });
    const { code, out } = await cli("verify");
    expect(code).toBe(0);
    expect(out).toContain("audit chain intact: 6 events");
  });

  it("names an edited event (its content hash)", async () => {
    await writeEvents(6);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'nothing happened' WHERE "seq" = 3`);
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 3, id: await idAt(3), reason: "content-hash" });
    expect(report).toMatchObject({ isIntact: false, brokenLinks: 1, eventsAfterBreak: 3, verifiedUpToSeq: 2 });
    const { code, out } = await cli("verify");
    expect(code).toBe(1);
    expect(out).toContain(`first broken link: event 3 (${await idAt(3)}): its content does not match`);
  });

  it("names the event after a deleted one and lists the missing seq", async () => {
    await writeEvents(6);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 3`);
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 4, id: await idAt(4), reason: "prev-hash" });
    expect(report).toMatchObject({ missing: [{ from: 3, to: 3 }], missingCount: 1, eventsAfterBreak: 2 });
    const { code, out } = await cli("verify", "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ isIntact: false, firstBreak: { seq: 4, reason: "prev-hash" } });
  });

  it("names reordered events (swapped seq)", async () => {
    await writeEvents(6);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "seq" = -1 WHERE "seq" = 3`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "seq" = 3 WHERE "seq" = 4`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "seq" = 4 WHERE "seq" = -1`);
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 3, id: await idAt(3), reason: "hash" });
    expect(report.missingCount).toBe(0);
    const { code, out } = await cli("verify");
    expect(code).toBe(1);
    expect(out).toContain("first broken link: event 3");
  });

  it("catches a truncated tail against an anchor, and says it cannot without one", async () => {
    await writeEvents(6);
    const file = path.join(dir, `anchors-${database.flavour}.jsonl`);
    const anchored = await cli("anchor", "--out", file);
    expect(anchored.code).toBe(0);
    // the anchor names head 6; recording the anchoring is event 7
    expect(readAnchorFile(file)).toEqual([expect.objectContaining({ seq: 6 })]);
    expect((await cli("verify", "--anchors", file)).code).toBe(0);

    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" >= 5`);
    const withoutAnchor = await cli("verify");
    expect(withoutAnchor.code).toBe(0);
    expect(withoutAnchor.err).toContain("no anchor file");
    const report = await verifyAuditChain(db, { anchors: readAnchorFile(file) });
    expect(report.firstBreak).toMatchObject({ seq: 5, id: null, reason: "truncated" });
    expect(report.missing).toEqual([{ from: 5, to: 6 }]);
    expect(report.anchors).toEqual([expect.objectContaining({ seq: 6, status: "missing" })]);
    const { code, out } = await cli("verify", "--anchors", file);
    expect(code).toBe(1);
    expect(out).toContain("events 5–6 are missing");
  });

  it("anchors hourly through the audit.anchor job when an anchor file is configured", async () => {
    await writeEvents(3);
    const file = path.join(dir, `job-${database.flavour}.jsonl`);
    registerAuditAnchorJob({});
    expect(getJob(AUDIT_ANCHOR_JOB)).toBeUndefined();
    registerAuditAnchorJob({ SIGNET_AUDIT_ANCHOR_FILE: file });
    const job = getJob(AUDIT_ANCHOR_JOB)!;
    await job.run(db, { now: new Date("2026-02-01T10:00:00Z"), instanceId: "test", runId: "r1" });
    await job.run(db, { now: new Date("2026-02-01T11:00:00Z"), instanceId: "test", runId: "r2" });
    unregisterJob(AUDIT_ANCHOR_JOB);
    // the second anchor names the first one's record (seq 4)
    expect(readAnchorFile(file).map((a) => [a.seq, a.at])).toEqual([
      [3, "2026-02-01T10:00:00.000Z"],
      [4, "2026-02-01T11:00:00.000Z"],
    ]);
    expect(await verifyAuditChain(db, { anchors: readAnchorFile(file) })).toMatchObject({
      isIntact: true,
      anchors: [{ status: "ok" }, { status: "ok" }],
    });
  });

  it("POSTs the anchor to a webhook only through the SSRF filter: an internal address needs allow-listing", async () => {
    await writeEvents(2);
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(body);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anchor`;
    try {
      await expect(anchorAuditChain(db, { targets: { webhookUrl: url }, actor: SYSTEM_ACTOR })).rejects.toThrow(
        /loopback|restricted|internal|not allowed/i,
      );
      expect(received).toEqual([]);
      const anchor = await anchorAuditChain(db, {
        targets: { webhookUrl: url, webhookAllowHosts: ["127.0.0.1"] },
        actor: SYSTEM_ACTOR,
      });
      expect(received.map((b) => JSON.parse(b))).toEqual([anchor]);
    } finally {
      server.close();
    }
  });

  it("catches a chain rewritten consistently up to an anchor", async () => {
    await writeEvents(4);
    const anchor = await anchorAuditChain(db, { targets: {}, actor: SYSTEM_ACTOR });
    // rewrite event 2 and re-link it and everything after it: only the anchor can tell
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'forged' WHERE "seq" = 2`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "seq" = NULL WHERE "seq" >= 2`);
    expect(await sealUnchained(db)).toBe(4);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
    const report = await verifyAuditChain(db, { anchors: [anchor!] });
    expect(report.firstBreak).toMatchObject({ seq: 4, reason: "anchor" });
  });

  it("counts rows slipped in outside the chain, and seals rows written before it", async () => {
    await writeEvents(2);
    await db.auditEvent.create({
      data: { actorType: "system", actorLabel: "x", action: "test.old", summary: "before the chain" },
    });
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ isIntact: false, unchained: 1, firstBreak: null });
    const { code, out } = await cli("verify");
    expect(code).toBe(1);
    expect(out).toContain("1 event(s) outside the chain");
    expect(await sealUnchained(db)).toBe(1);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: 3 });
  });

  it("links pending events (the gate's) after the chain's head, oldest first, and counts them apart until then", async () => {
    await writeEvents(2);
    const now = new Date();
    const pending = (i: number): AuditInput => ({
      ...event(i),
      action: "gate.decided",
      at: new Date(now.getTime() + i),
    });
    for (const i of [5, 3, 4]) await writePending(db, pending(i));
    // a linked write after them takes the next seq: pending events are linked when the sequencer runs
    await withTransaction(db, (tx) => recordAudit(tx, event(6)));
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: 3, pending: 3, unchained: 0 });
    const { out } = await cli("verify");
    expect(out).toContain("3 new event(s) waiting to be linked");

    expect(await linkPending(db)).toBe(3);
    expect(await linkPending(db)).toBe(0);
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, targetId: true } });
    expect(rows.map((r) => `${r.seq}:${r.targetId}`)).toEqual(["1:t1", "2:t2", "3:t6", "4:t3", "5:t4", "6:t5"]);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: 6, pending: 0 });
  });

  it("does not link a pending event edited while it waited, and counts it outside the chain after ten minutes", async () => {
    const now = new Date();
    await writePending(db, { ...event(1), at: now });
    await writePending(db, { ...event(2), at: new Date(now.getTime() + 1) });
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'forged' WHERE "targetId" = 't1'`);
    expect(await linkPending(db)).toBe(1);
    expect(await verifyAuditChain(db, { now })).toMatchObject({ isIntact: true, checked: 1, pending: 1 });
    const later = new Date(now.getTime() + 11 * 60_000);
    expect(await verifyAuditChain(db, { now: later })).toMatchObject({ isIntact: false, unchained: 1, pending: 0 });
    // rows slipped in without a content hash are left to the operator's `signet audit seal`, too
    await db.auditEvent.create({
      data: { actorType: "system", actorLabel: "x", action: "test.old", summary: "slipped" },
    });
    expect(await linkPending(db)).toBe(0);
  });

  it("links each pending event once when writers and sequencers race (PostgreSQL: on two clients)", async () => {
    // SQLite's one process writes through one client (a second connection would wait for the write
    // lock on the thread the first needs to finish its transaction)
    const other = database.flavour === "postgres" ? createDb(database.url) : db;
    try {
      const N = 40;
      await Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const client = i % 2 ? db : other;
          const id = await writePending(client, { ...event(i + 1), at: new Date() });
          linkPendingSoon(client, id);
        }),
      );
      await whenLinked();
      expect(await linkPending(db)).toBe(0);
      const seqs = (await db.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: N, pending: 0 });
    } finally {
      if (other !== db) await other.$disconnect();
    }
  });

  it("verifies in keyset pages", async () => {
    await writeEvents(25);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" IN (10, 11, 20)`);
    const report = await verifyAuditChain(db, { pageSize: 4 });
    expect(report).toMatchObject({
      checked: 22,
      firstBreak: { seq: 12, reason: "prev-hash" },
      missing: [
        { from: 10, to: 11 },
        { from: 20, to: 20 },
      ],
      brokenLinks: 2,
      eventsAfterBreak: 12,
    });
  });

  it("never forks under concurrent writers in several processes", async () => {
    const [processes, each] = [3, 25];
    const startAt = `${Date.now() + 6_000}`;
    await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        execFileAsync(process.execPath, [
          "--import",
          "tsx",
          "lib/testing/audit-writer.ts",
          database.url,
          `${each}`,
          `w${p}`,
          startAt,
        ]),
      ),
    );
    const rows = await db.auditEvent.findMany({ select: { seq: true, summary: true }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: processes * each }, (_, i) => i + 1));
    // the writers really interleaved (otherwise this proves little)
    const writers = rows.map((r) => r.summary.split(" ")[0]);
    expect(writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length).toBeGreaterThan(processes);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: processes * each });
  }, 60_000);

  it.runIf(database.flavour === "postgres")("never forks under parallel transactions on two clients", async () => {
    const other = createDb(database.url);
    try {
      const N = 40;
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          withTransaction(i % 2 ? db : other, async (tx) => {
            await recordAudit(tx, event(i + 1));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }),
        ),
      );
      const seqs = (await db.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, checked: N });
    } finally {
      await other.$disconnect();
    }
  });
});
