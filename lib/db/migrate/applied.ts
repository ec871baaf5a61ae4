import { createHash } from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseFlavour, sqliteFilePath } from "../adapters";

// A cheap "is anything pending?" check that reads Prisma's _prisma_migrations table directly.
// Starting the schema engine is slow, and on SQLite it times out ("SocketTimeout") while another
// process (the running app, a CLI) holds the database open; an up-to-date database needs neither.

type Row = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

async function readRows(flavour: DatabaseFlavour, url: string): Promise<Row[] | null> {
  const query = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations`;
  if (flavour === "sqlite") {
    const file = sqliteFilePath(url);
    if (!fs.existsSync(file)) return null;
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    try {
      const exists = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      return exists ? (db.prepare(query).all() as Row[]) : null;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('_prisma_migrations') AS t`);
    if (!exists.rows[0]?.t) return null;
    return (await client.query(query)).rows as Row[];
  } finally {
    await client.end();
  }
}

/**
 * True when every migration on disk is recorded as applied with the same checksum and none failed.
 * Any doubt (missing table, read error, edited file) answers false, and the engine decides.
 */
export async function isUpToDate(
  flavour: DatabaseFlavour,
  url: string,
  migrations: { name: string; sql: string }[],
): Promise<boolean> {
  let rows: Row[] | null;
  try {
    rows = await readRows(flavour, url);
  } catch {
    return false;
  }
  if (!rows) return false;
  if (rows.some((r) => r.finished_at == null && r.rolled_back_at == null)) return false;
  const applied = new Map(
    rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => [r.migration_name, r.checksum]),
  );
  return migrations.every((m) => applied.get(m.name) === createHash("sha256").update(m.sql).digest("hex"));
}
