import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { closeDb, createDb, type Db } from "@/lib/db/client";
import { BACKSTOP_AUTOCHECKPOINT_PAGES } from "./adapters";
import { startWalCheckpointer, stopWalCheckpointer } from "./wal-checkpointer";

// The checkpoint thread (wal-checkpointer.ts): while it runs, the process's connections checkpoint
// only as a backstop, the thread copies the log into the database file, and it catches up so that
// the next commit rewinds the log instead of letting it grow to the backstop. SQLite only.

const opened: Db[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await stopWalCheckpointer();
  await Promise.all(opened.splice(0).map(closeDb));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function newDatabase(): { url: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-wal-"));
  dirs.push(dir);
  const file = path.join(dir, "wal.db");
  const setup = new Database(file);
  setup.pragma("journal_mode = WAL");
  setup.exec(`CREATE TABLE "Row" ("id" INTEGER PRIMARY KEY, "text" TEXT NOT NULL)`);
  setup.close();
  return { url: `file:${file}`, file };
}

const open = (url: string) => {
  const db = createDb(url);
  opened.push(db);
  return db;
};
const autocheckpoint = async (db: Db) =>
  Number(
    (await db.$queryRawUnsafe<{ wal_autocheckpoint: unknown }[]>("PRAGMA wal_autocheckpoint"))[0].wal_autocheckpoint,
  );
// ~2 MB in one commit: ~500 pages, below SQLite's own 1,000, so no connection checkpoints it itself
const writeRows = (db: Db, from: number) =>
  db.$executeRawUnsafe(
    `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 500)
     INSERT INTO "Row" ("id", "text") SELECT k + ?, printf('%.4000c', 'x') FROM n`,
    from,
  );

async function until(check: () => boolean, ms: number) {
  for (const started = Date.now(); Date.now() - started < ms;) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

it("leaves the connections the backstop only while the thread runs, and is off on request", async () => {
  const { url } = newDatabase();
  expect(startWalCheckpointer({ DATABASE_URL: url, SIGNET_WAL_CHECKPOINT: "inline" })).toBeNull();
  expect(await autocheckpoint(open(url))).toBe(1000);
  expect(startWalCheckpointer({ DATABASE_URL: url })).not.toBeNull();
  expect(await autocheckpoint(open(url))).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
  await stopWalCheckpointer();
  expect(await autocheckpoint(open(url))).toBe(1000);
  expect(startWalCheckpointer({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" })).toBeNull();
});

it("copies the log into the database file off the committing thread, and the next commit rewinds the log", async () => {
  const { url, file } = newDatabase();
  startWalCheckpointer({ DATABASE_URL: url });
  const db = open(url);
  const before = fs.statSync(file).size;
  await writeRows(db, 0);
  // the commit left its pages in the log: the database file grows only when they are checkpointed
  expect(fs.statSync(file).size).toBe(before);
  expect(await until(() => fs.statSync(file).size > before + 1_000_000, 5_000)).toBe(true);
  // every frame copied: the next commit starts the log afresh (its few frames), not after the 500
  await until(() => false, 300);
  await db.$executeRawUnsafe(`INSERT INTO "Row" ("id", "text") VALUES (1000000, 'y')`);
  const probe = new Database(file);
  const [row] = probe.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
  probe.close();
  expect(row.log).toBeLessThan(20);
});
