import fs from "node:fs";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { type DatabaseFlavour, databaseFlavour, sqliteFilePath } from "./adapters";
import { withEngine } from "./migrate/engine";
import { MigrationError, errorMessage } from "./migrate/errors";
import {
  FLAVOURS,
  migrationNames,
  migrationTimestamp,
  normaliseMigrationName,
  providerPaths,
  readMigrationsList,
  readSchema,
  writeMigration,
} from "./migrate/files";
import { postgresMigrationFactory, sqliteMigrationFactory } from "./migrate/migration-adapters";
import { checkPostgresReachable, prepareSqliteFile } from "./migrate/preflight";
import { isUpToDate } from "./migrate/applied";
import { externalSearchTables, withoutSearchIndexDrops } from "./migrate/search-objects";

// Signet's migration runner: Prisma's schema engine (WebAssembly) driven through driver adapters,
// because the native engine cannot be installed here. Migrations live in
// prisma/{sqlite,postgres}/migrations and are written for both providers at once.

export { MigrationError } from "./migrate/errors";

/** The server `create` and the drift check use for PostgreSQL shadow databases. */
export const DEFAULT_MIGRATION_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";

export function migrationPostgresUrl(env: Record<string, string | undefined>): string {
  return env.MIGRATION_POSTGRES_URL?.trim() || DEFAULT_MIGRATION_POSTGRES_URL;
}

/** The engine leaves the text-search tables alone (lib/db/migrate/search-objects.ts). */
const filtersFor = (flavour: DatabaseFlavour): SchemaFilter => ({
  externalTables: externalSearchTables(flavour),
  externalEnums: [],
});

/** Written for the provider that has nothing to change, so both folders keep the same names. */
const PAIRING_PLACEHOLDER = (flavour: DatabaseFlavour) =>
  `-- Nothing changes on ${flavour}; this file keeps the sqlite and postgres migration folders paired.\n`;

function flavourOf(url: string): DatabaseFlavour {
  try {
    return databaseFlavour(url);
  } catch (error) {
    throw new MigrationError(errorMessage(error), { cause: error });
  }
}

/** Checks the target can be used, then returns the engine's adapter factory for it. */
async function openTarget(url: string) {
  const flavour = flavourOf(url);
  if (flavour === "sqlite") {
    prepareSqliteFile(url);
    return { flavour, factory: sqliteMigrationFactory(url) };
  }
  await checkPostgresReachable(url);
  return { flavour, factory: postgresMigrationFactory(url) };
}

async function runEngine<T>(
  action: string,
  options: Parameters<typeof withEngine>[0],
  operation: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  try {
    return await withEngine(options, operation);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    const message = errorMessage(error);
    throw new MigrationError(`${action} failed: ${withoutEngineTrace(message)}`, { cause: error, details: message });
  }
}

/** The engine appends a span trace ("0: schema_engine_wasm::…"); the message is before it. */
function withoutEngineTrace(message: string): string {
  return message.split(/\n\s*0: /)[0];
}

export type ApplyOptions = { url: string; migrationsDir?: string };

/** Applies pending migrations (like `prisma migrate deploy`). Creates a missing SQLite file. */
export async function applyMigrations(options: ApplyOptions): Promise<{ applied: string[] }> {
  const flavour = flavourOf(options.url);
  const migrationsDir = options.migrationsDir ?? providerPaths(flavour).migrationsDir;
  const migrationsList = readMigrationsList(flavour, migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new MigrationError(`no migrations found in ${migrationsDir}`);
  }
  const onDisk = migrationsList.migrationDirectories.flatMap((d) =>
    d.migrationFile.content.tag === "ok" ? [{ name: d.path, sql: d.migrationFile.content.value }] : [],
  );
  if (onDisk.length === migrationsList.migrationDirectories.length && (await isUpToDate(flavour, options.url, onDisk)))
    return { applied: [] };
  const { factory } = await openTarget(options.url);
  const result = await runEngine("applying migrations", { factory }, async (engine) => {
    try {
      return await engine.applyMigrations({ migrationsList, filters: filtersFor(flavour) });
    } catch (error) {
      // the engine's message does not always say which migration failed; its history does
      const failed = await engine
        .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: filtersFor(flavour) })
        .then(
          (history) => history.failedMigrationNames,
          () => [],
        );
      if (failed.length === 0) throw error;
      const message = errorMessage(error);
      const hint = `undo its effects, then run: tsx scripts/db-migrate.ts rolled-back ${failed[0]}`;
      throw new MigrationError(`migration ${failed.join(", ")} failed (${hint}): ${withoutEngineTrace(message)}`, {
        cause: error,
        details: message,
      });
    }
  });
  return { applied: result.appliedMigrationNames };
}

/**
 * Marks a failed migration as rolled back (like `prisma migrate resolve --rolled-back`), after
 * its effects have been undone by hand, so that deploy tries it again.
 */
export async function markMigrationRolledBack(options: ApplyOptions & { name: string }): Promise<void> {
  const { factory } = await openTarget(options.url);
  await runEngine(`marking ${options.name} as rolled back`, { factory }, (engine) =>
    engine.markMigrationRolledBack({ migrationName: options.name }),
  );
}

export type MigrationStatus = {
  flavour: DatabaseFlavour;
  /** Migration folders on disk, oldest first. */
  local: string[];
  hasMigrationsTable: boolean;
  /** On disk, not applied to the database. */
  pending: string[];
  /** Applied to the database, missing on disk (a newer version of Signet ran against it?). */
  unknown: string[];
  failed: string[];
  /** Applied, but the file has changed since. */
  edited: string[];
  isUpToDate: boolean;
};

/** Compares the database's migration history with the folder (like `prisma migrate status`). */
export async function migrationStatus(options: ApplyOptions): Promise<MigrationStatus> {
  const flavour = flavourOf(options.url);
  const migrationsDir = options.migrationsDir ?? providerPaths(flavour).migrationsDir;
  const migrationsList = readMigrationsList(flavour, migrationsDir);
  const local = migrationsList.migrationDirectories.map((d) => d.path);
  const status = { flavour, local, hasMigrationsTable: false, pending: local, unknown: [], failed: [], edited: [] };
  // don't create an empty SQLite file just to report that it is empty
  if (flavour === "sqlite" && !fs.existsSync(sqliteFilePath(options.url))) {
    return { ...status, isUpToDate: local.length === 0 };
  }
  const { factory } = await openTarget(options.url);
  const result = await runEngine("reading the migration status", { factory }, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: filtersFor(flavour) }),
  );
  const history = result.history;
  const pending =
    history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
  const unknown = history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [];
  return {
    ...status,
    hasMigrationsTable: result.hasMigrationsTable,
    pending,
    unknown,
    failed: result.failedMigrationNames,
    edited: result.editedMigrationNames,
    isUpToDate: !history && result.failedMigrationNames.length === 0 && result.editedMigrationNames.length === 0,
  };
}

export type DiffOptions = {
  /** A database to work in: SQLite defaults to an in-memory one; PostgreSQL hosts the shadow database. */
  url?: string;
  /** The folder holding <provider>/schema.prisma and <provider>/migrations (default: prisma/). */
  prismaDir?: string;
};

/**
 * The SQL that would bring a database built from the migrations to the provider's schema, or ""
 * when the migrations already produce it. Replays the migrations in a shadow database.
 */
export async function diffSchemaAgainstMigrations(
  flavour: DatabaseFlavour,
  options: DiffOptions = {},
): Promise<string> {
  const url = options.url ?? (flavour === "sqlite" ? "file::memory:" : DEFAULT_MIGRATION_POSTGRES_URL);
  if (flavourOf(url) !== flavour) throw new MigrationError(`a ${flavour} diff needs a ${flavour} URL`);
  const paths = providerPaths(flavour, options.prismaDir);
  const schema = readSchema(paths.schemaPath);
  const migrationsList = readMigrationsList(flavour, paths.migrationsDir);
  const { factory } = await openTarget(url);
  const result = await runEngine(
    `diffing the ${flavour} schema against its migrations`,
    { factory, schema },
    (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: true,
        filters: filtersFor(flavour),
      }),
  );
  // exitCode 2 means "there is a difference"; an empty diff still prints a comment
  return result.exitCode === 0 ? "" : withoutSearchIndexDrops(flavour, result.stdout ?? "");
}

export type CreateOptions = DiffOptions & { url: string; name: string; createdAt?: Date };

/** Writes a migration for the URL's provider from its schema; null when nothing changed. */
export async function createMigration(options: CreateOptions): Promise<string | null> {
  const flavour = flavourOf(options.url);
  const sql = await diffSchemaAgainstMigrations(flavour, options);
  if (!sql) return null;
  const { migrationsDir } = providerPaths(flavour, options.prismaDir);
  const folder = nextFolderName(migrationNames(migrationsDir), options.name, options.createdAt ?? new Date());
  return writeMigration({ flavour, migrationsDir, folder, sql });
}

export type CreatePairedOptions = {
  name: string;
  /** Where SQLite work happens (default: in memory). */
  sqliteUrl?: string;
  /** A PostgreSQL server for the shadow database. */
  postgresUrl: string;
  prismaDir?: string;
  createdAt?: Date;
};

export type PairedMigration = { folder: string; files: Record<DatabaseFlavour, string> };

/**
 * Writes the same-named migration folder for SQLite and PostgreSQL; null when neither schema
 * changed. Both diffs are computed before anything is written, so a failure leaves no half pair.
 */
export async function createPairedMigration(options: CreatePairedOptions): Promise<PairedMigration | null> {
  const [sqlite, postgres] = FLAVOURS.map((flavour) => providerPaths(flavour, options.prismaDir));
  const existing = migrationNames(sqlite.migrationsDir);
  if (existing.join("\n") !== migrationNames(postgres.migrationsDir).join("\n")) {
    throw new MigrationError(
      "the sqlite and postgres migration folders differ; fix that first (npm run db:check-drift shows how)",
    );
  }
  const sql = {
    sqlite: await diffSchemaAgainstMigrations("sqlite", { url: options.sqliteUrl, prismaDir: options.prismaDir }),
    postgres: await diffSchemaAgainstMigrations("postgres", { url: options.postgresUrl, prismaDir: options.prismaDir }),
  };
  if (!sql.sqlite && !sql.postgres) return null;
  const folder = nextFolderName(existing, options.name, options.createdAt ?? new Date());
  const files = {
    sqlite: writeMigration({ ...sqlite, folder, sql: sql.sqlite || PAIRING_PLACEHOLDER("sqlite") }),
    postgres: writeMigration({ ...postgres, folder, sql: sql.postgres || PAIRING_PLACEHOLDER("postgres") }),
  };
  return { folder, files };
}

/** <timestamp>_<name>, the timestamp moved past the newest existing folder so the order holds. */
function nextFolderName(existing: string[], name: string, createdAt: Date): string {
  const normalised = normaliseMigrationName(name);
  let timestamp = migrationTimestamp(createdAt);
  const newest = existing.at(-1)?.slice(0, 14);
  if (newest && /^\d{14}$/.test(newest) && timestamp <= newest) {
    timestamp = migrationTimestamp(new Date(timestampToDate(newest).getTime() + 1000));
  }
  return `${timestamp}_${normalised}`;
}

function timestampToDate(timestamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp) ?? [];
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}
