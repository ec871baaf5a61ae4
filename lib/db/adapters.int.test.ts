import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PREPARED_STATEMENTS_KEPT, reusePreparedStatements, SQLITE_MAX_BIND_VALUES } from "./adapters";
import { closeDb, createDb, disconnectDb, getDb, SERVER_SQLITE_CACHE_MIB, type Db } from "./client";

// The SQLite connection keeps its compiled statements (adapters.ts): each call must still see only
// its own arguments, and the kept statements stay bounded.

type Bound = {
  reader: boolean;
  columns(): { name: string }[];
  run(): { changes: number };
  raw(): { all(): unknown[][] };
};
type Client = { prepare(sql: string): { bind(args: unknown[]): Bound; run(): unknown } };

function client() {
  const db = new Database(":memory:");
  let compiled = 0;
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => (compiled++, prepare(sql));
  reusePreparedStatements(db);
  return { db: db as unknown as Client, compiled: () => compiled };
}

describe("reusePreparedStatements", () => {
  it("compiles a statement once and binds each call's own arguments, as the adapter uses it", () => {
    const { db, compiled } = client();
    db.prepare("CREATE TABLE t (id INTEGER, name TEXT)").run();
    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    for (const [id, name] of [
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ] as const) {
      expect(db.prepare(insert).bind([id, name]).run().changes).toBe(1);
    }
    const select = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    const read = (from: number) => {
      const stmt = db.prepare(select).bind([from]);
      expect(stmt.reader).toBe(true);
      expect(stmt.columns().map((c) => c.name)).toEqual(["id", "name"]);
      return stmt.raw().all();
    };
    expect(read(2)).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    expect(read(3)).toEqual([[3, "c"]]);
    expect(read(1)).toHaveLength(3);
    expect(db.prepare(insert).bind([4, "d"]).reader).toBe(false);
    // CREATE, INSERT, SELECT: three compilations for nine calls
    expect(compiled()).toBe(3);
  });

  it("keeps at most PREPARED_STATEMENTS_KEPT statements, dropping the least recently used", () => {
    const { db, compiled } = client();
    const sql = (i: number) => `SELECT ${i} AS n`;
    for (let i = 0; i <= PREPARED_STATEMENTS_KEPT; i++) db.prepare(sql(i)).bind([]).raw().all();
    expect(compiled()).toBe(PREPARED_STATEMENTS_KEPT + 1);
    // statement 0 was dropped for the last one; statement 1 is still kept
    expect(db.prepare(sql(1)).bind([]).raw().all()).toEqual([[1]]);
    expect(compiled()).toBe(PREPARED_STATEMENTS_KEPT + 1);
    expect(db.prepare(sql(0)).bind([]).raw().all()).toEqual([[0]]);
    expect(compiled()).toBe(PREPARED_STATEMENTS_KEPT + 2);
  });
});

describe("SQLITE_MAX_BIND_VALUES", () => {
  it("is what the bundled SQLite binds in one statement, and one more is refused", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (x INTEGER)");
    const select = (n: number) =>
      db.prepare(`SELECT COUNT(*) AS c FROM t WHERE x IN (${Array(n).fill("?").join(",")})`).get(...Array(n).fill(1));
    expect(select(SQLITE_MAX_BIND_VALUES)).toEqual({ c: 0 });
    expect(() => select(SQLITE_MAX_BIND_VALUES + 1)).toThrow(/too many SQL variables/);
  });
});

describe("the SQLite page cache", () => {
  const cacheSize = async (db: Db) =>
    Number((await db.$queryRawUnsafe<{ cache_size: unknown }[]>("PRAGMA cache_size"))[0].cache_size);

  it("is the web server's on getDb's connection and SQLite's default on other clients", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-cache-"));
    const url = `file:${path.join(dir, "cache.db")}`;
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    const other = createDb(url);
    try {
      // a negative cache_size is in KiB
      expect(await cacheSize(getDb())).toBe(-SERVER_SQLITE_CACHE_MIB * 1024);
      // better-sqlite3 builds SQLite with a 16 MiB default
      const raw = new Database(":memory:");
      expect(await cacheSize(other)).toBe(raw.pragma("cache_size", { simple: true }));
      raw.close();
    } finally {
      await Promise.all([disconnectDb(), closeDb(other)]);
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
