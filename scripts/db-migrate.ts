// Signet's migration CLI (Prisma's own `migrate` needs a native engine we cannot install).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseFlavour, resolveDatabaseUrl, sqliteFilePath } from "../lib/db/adapters";
import {
  MigrationError,
  applyMigrations,
  createPairedMigration,
  migrationPostgresUrl,
  markMigrationRolledBack,
  migrationStatus,
} from "../lib/db/migrate";
import { postgresServerLabel } from "../lib/db/migrate/preflight";
import { sealUnchainedAt } from "../lib/db/audit/chain";

const USAGE = `usage: tsx scripts/db-migrate.ts <command>

  deploy          apply pending migrations to DATABASE_URL
  status          compare DATABASE_URL's migration history with the migrations folder
                  (exit code 1 unless it is up to date)
  rolled-back <name>
                  mark a failed migration as rolled back once its effects are undone by hand,
                  so that deploy runs it again (= prisma migrate resolve --rolled-back)
  create <name>   write prisma/sqlite/migrations/<timestamp>_<name>/ and
                  prisma/postgres/migrations/<timestamp>_<name>/ from the schema. SQLite works in a
                  temporary file; PostgreSQL needs a server for its shadow database:
                  MIGRATION_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test).
                  Nothing is applied: run npm run db:migrate afterwards.

DATABASE_URL: file:<path> (SQLite) or postgresql://... (PostgreSQL); default file:./data/signet.db`;

/** Where the database is, without credentials. */
function describeTarget(url: string): string {
  if (databaseFlavour(url) === "sqlite") return `SQLite ${sqliteFilePath(url)}`;
  return `PostgreSQL ${postgresServerLabel(url)}${new URL(url).pathname}`;
}

async function deploy(): Promise<number> {
  const url = resolveDatabaseUrl(process.env);
  const { applied } = await applyMigrations({ url });
  console.log(
    applied.length > 0
      ? `${describeTarget(url)}: applied ${applied.length} migration(s): ${applied.join(", ")}`
      : `${describeTarget(url)}: up to date, no pending migrations`,
  );
  const sealed = await sealUnchainedAt(url);
  if (sealed > 0) console.log(`${describeTarget(url)}: linked ${sealed} earlier audit event(s) into the hash chain`);
  return 0;
}

async function status(): Promise<number> {
  const url = resolveDatabaseUrl(process.env);
  const s = await migrationStatus({ url });
  console.log(`${describeTarget(url)}: ${s.local.length} migration(s) on disk`);
  const lines: [string, string[]][] = [
    ["not applied yet", s.pending],
    ["applied but missing on disk", s.unknown],
    ["failed", s.failed],
    ["edited after being applied", s.edited],
  ];
  for (const [label, names] of lines) if (names.length > 0) console.log(`  ${label}: ${names.join(", ")}`);
  console.log(s.isUpToDate ? "database is up to date" : "database is NOT up to date");
  return s.isUpToDate ? 0 : 1;
}

async function create(name: string | undefined): Promise<number> {
  if (!name) {
    console.error(USAGE);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "signet-migration-"));
  try {
    const created = await createPairedMigration({
      name,
      sqliteUrl: `file:${path.join(tmp, "shadow.db")}`,
      postgresUrl: migrationPostgresUrl(process.env),
    });
    if (!created) {
      console.log("schema unchanged: no migration created");
      return 0;
    }
    for (const file of Object.values(created.files)) console.log(`created ${path.relative(process.cwd(), file)}`);
    console.log("review the SQL, then apply it with npm run db:migrate");
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function rolledBack(name: string | undefined): Promise<number> {
  if (!name) {
    console.error(USAGE);
    return 2;
  }
  const url = resolveDatabaseUrl(process.env);
  await markMigrationRolledBack({ url, name });
  console.log(`${describeTarget(url)}: ${name} marked as rolled back; deploy will run it again`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const [command, name] = args;
  switch (command) {
    case "deploy":
      return deploy();
    case "status":
      return status();
    case "create":
      return create(name);
    case "rolled-back":
      return rolledBack(name);
    default:
      console.error(USAGE);
      return 2;
  }
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(`db-migrate: ${error.message}`);
  if (error.details && process.env.DEBUG_MIGRATE) console.error(error.details);
  exitCode = 1;
}
// the PostgreSQL driver and the engine may leave timers behind; nothing is pending at this point
process.exit(exitCode);
