import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { withTransaction, type Db, type DbOrTx, type RawDb } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit/events";
import { chainHashOf, contentHashOf, GENESIS_HASH, readChainPage } from "@/lib/db/audit/chain";
import { findApiTokenByHash } from "@/lib/db/tokens/api-tokens";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { sqliteFilePath } from "./adapters";
import { onDriver, withDriverTransaction, writeAtomically } from "./driver";
import { jsonRowsWrite } from "./sql";

// The driver path (lib/db/driver.ts): raw statements on better-sqlite3's connection / pg's pool
// must read and write exactly what the client does, commit and roll back as its transactions do,
// fall back to the client for anything but raw statements, and never overlap the client's own
// transactions on SQLite's single connection (the audit chain would fork or BEGIN would fail).

const T0 = new Date("2026-06-01T10:00:00.123Z");
const actor = { type: "system", label: "driver test" } as const;
const audit = (tx: DbOrTx, summary: string) => insertAuditEvent(tx, { actor, action: "test.driver", summary, at: T0 });

describeEachDatabase("database driver sessions", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  it("reads through the driver what the client stored, timestamps included, and sees a revocation at once", async () => {
    await db.user.create({ data: { id: "u-drv", name: "Dana", email: "dana-drv@example.com", role: "admin" } });
    await db.apiToken.create({
      data: {
        name: "pipeline",
        tokenHash: "drv-hash",
        prefix: "sgt_drv",
        scope: "gate ingest",
        createdById: "u-drv",
        expiresAt: T0,
        createdAt: T0,
      },
    });
    // the adapter has connected by now, so the session is the driver's, not the client
    expect(onDriver(db) === db).toBe(false);
    // the token check reads on the client with secrets; a raw statement reads the same on either
    const raw = db as unknown as RawDb;
    const token = await findApiTokenByHash(raw, "drv-hash");
    expect(token).toMatchObject({ prefix: "sgt_drv", scopes: ["gate", "ingest"], revokedAt: null, signerId: null });
    expect(token?.expiresAt).toEqual(T0);
    expect(token?.createdAt).toEqual(T0);
    await db.apiToken.update({ where: { tokenHash: "drv-hash" }, data: { revokedAt: T0 } });
    expect((await findApiTokenByHash(raw, "drv-hash"))?.revokedAt).toEqual(T0);
  });

  it("commits a driver transaction's writes together and rolls them all back on an error", async () => {
    await withDriverTransaction(db, async (tx) => {
      await audit(tx, "committed one");
      await audit(tx, "committed two");
    });
    await expect(
      withDriverTransaction(db, async (tx) => {
        await audit(tx, "rolled back");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await db.auditEvent.findMany({
      where: { action: "test.driver" },
      select: { summary: true, at: true },
    });
    expect(rows.map((r) => r.summary).sort()).toEqual(["committed one", "committed two"]);
    expect(rows[0].at).toEqual(T0);
  });

  it("writes atomically: every write or none, timestamps as the client stores them", async () => {
    const user = (id: string) =>
      jsonRowsWrite({
        table: "User",
        columns: {
          id: "text",
          name: "text",
          email: "text",
          role: "text",
          createdAt: "timestamp",
          updatedAt: "timestamp",
        },
        rows: [{ id, name: id, email: `${id}@example.com`, role: "auditor", createdAt: T0, updatedAt: T0 }],
      });
    await writeAtomically(db, [user("wa-1"), user("wa-2"), user("wa-3")]);
    const stored = await db.user.findMany({ where: { id: { startsWith: "wa-" } }, orderBy: { id: "asc" } });
    expect(stored.map((u) => u.id)).toEqual(["wa-1", "wa-2", "wa-3"]);
    expect(stored[0].createdAt).toEqual(T0);
    // the last write fails (the id is taken): the first is not kept either
    await expect(writeAtomically(db, [user("wa-4"), user("wa-1")])).rejects.toThrow();
    expect(await db.user.count({ where: { id: "wa-4" } })).toBe(0);
  });

  it("runs work that needs the client through the client, once, after rolling the driver's part back", async () => {
    const sessions: DbOrTx[] = [];
    await withDriverTransaction(db, async (tx) => {
      sessions.push(tx);
      await audit(tx, `fallback ${sessions.length}`);
      await tx.setting.upsert({
        where: { key: "driver.test" },
        create: { key: "driver.test", valueJson: "1" },
        update: { valueJson: "1" },
      });
    });
    expect(sessions).toHaveLength(2);
    const rows = await db.auditEvent.findMany({
      where: { summary: { startsWith: "fallback" } },
      select: { summary: true },
    });
    expect(rows.map((r) => r.summary)).toEqual(["fallback 2"]);
    expect(await db.setting.findUnique({ where: { key: "driver.test" } })).toMatchObject({ valueJson: "1" });
  });

  it("keeps one unbroken audit chain under driver and client transactions interleaved", async () => {
    await db.$queryRawUnsafe("SELECT 1"); // the adapter connects: driver transactions are possible from here
    expect(onDriver(db) === db).toBe(false);
    // fewer than PostgreSQL's pool (10) holds: more would only measure the client's 2 s wait for one
    const work = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? withDriverTransaction : withTransaction)(db, async (tx) => {
        await audit(tx, `${i % 2 ? "driver" : "client"} ${i}`);
        // hold the transaction across a turn of the event loop, as services do
        await new Promise((r) => setTimeout(r, 1));
      }),
    );
    await Promise.all(work);
    const chain = await readChainPage(db, { afterSeq: 0, limit: 1000 });
    expect(chain.filter((e) => /^(driver|client) /.test(e.summary))).toHaveLength(10);
    let prev = GENESIS_HASH;
    chain.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.prevHash).toBe(prev);
      expect(e.contentHash).toBe(contentHashOf(e));
      expect(e.hash).toBe(chainHashOf(e.prevHash, e.contentHash, e.seq));
      prev = e.hash;
    });
  });

  it("takes SQLite's write lock at BEGIN, so another connection's commit cannot fail a transaction that read first", async () => {
    if (database.flavour !== "sqlite") return;
    // a second connection to the file (a worker thread's, a cron job's), told not to wait for locks
    const other = new Database(sqliteFilePath(database.url), { timeout: 0 });
    try {
      const isLockedByUs = () => {
        try {
          other.prepare("BEGIN IMMEDIATE").run();
          other.prepare("ROLLBACK").run();
          return false;
        } catch (error) {
          expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
          return true;
        }
      };
      expect(isLockedByUs()).toBe(false);
      for (const transaction of [withTransaction, withDriverTransaction]) {
        // a transaction that has only read so far already holds the write lock: with a deferred
        // BEGIN a commit by the other connection here would fail its write with SQLITE_BUSY
        const held = await transaction(db, async (tx) => {
          await tx.$queryRawUnsafe('SELECT COUNT(*) FROM "Setting"');
          return isLockedByUs();
        });
        expect(held).toBe(true);
        expect(isLockedByUs()).toBe(false);
      }
    } finally {
      other.close();
    }
  });

  it.runIf(database.flavour === "postgres")(
    "prepares a statement with parameters from its third run on a connection, unless told not to",
    async () => {
      const prepared = (tx: DbOrTx, text: string) =>
        tx.$queryRawUnsafe<{ n: unknown }[]>(
          `SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement = $1`,
          text,
        );
      const run = async (tag: string) =>
        withDriverTransaction(db, async (tx) => {
          // one connection for the whole transaction: its prepared statements are the session's
          const text = `SELECT $1::text AS "tag" /* ${tag} */`;
          const counts: number[] = [];
          for (let i = 0; i < 4; i++) {
            await tx.$queryRawUnsafe(text, `${i}`);
            counts.push(Number((await prepared(tx, text))[0].n));
          }
          return counts;
        });
      await db.setting.count(); // the adapter connects on the client's first use: the driver's session after it
      expect(await run("prepared")).toEqual([0, 0, 1, 1]);
      // a constant text too (the gate's policy read), but never a text of several statements
      const constant = await withDriverTransaction(db, async (tx) => {
        const counts: number[] = [];
        for (const text of ["SELECT 1 AS one /* constant */", "SELECT 1; SELECT 2"])
          for (let i = 0; i < 4; i++) await tx.$queryRawUnsafe(text).catch(() => undefined);
        for (const text of ["SELECT 1 AS one /* constant */", "SELECT 1; SELECT 2"])
          counts.push(Number((await prepared(tx, text))[0].n));
        return counts;
      });
      expect(constant).toEqual([1, 0]);
      process.env.SIGNET_PG_PREPARED_STATEMENTS = "off";
      try {
        expect(await run("not prepared")).toEqual([0, 0, 0, 0]);
      } finally {
        delete process.env.SIGNET_PG_PREPARED_STATEMENTS;
      }
    },
  );
});
