import { spawnSync } from "node:child_process";
import path from "node:path";
import { diffSchemaAgainstMigrations } from "../migrate";
import { errorMessage, oneLine } from "./errors";
import { checkSearchObjects } from "./search-check";
import { FLAVOURS, PROJECT_ROOT, migrationNames, providerPaths } from "./files";

// The CI guard that the schema has one source of truth and that every schema change came with
// a migration for both providers.

export type DriftProblem = { message: string; sql?: string };

export type DriftCheckOptions = {
  /** The project folder holding prisma/ and scripts/generate-client.mjs (default: this repo). */
  root?: string;
  /** The PostgreSQL server that hosts the shadow database. */
  postgresUrl: string;
};

/** Every drift found; an empty list means none. */
export async function checkSchemaDrift(options: DriftCheckOptions): Promise<DriftProblem[]> {
  const root = options.root ?? PROJECT_ROOT;
  const prismaDir = path.join(root, "prisma");
  const problems: DriftProblem[] = [];

  const generated = spawnSync(process.execPath, [path.join(root, "scripts/generate-client.mjs"), "--check"], {
    cwd: root,
    encoding: "utf8",
  });
  if (generated.status !== 0) {
    const output = oneLine(`${generated.stderr ?? ""} ${generated.stdout ?? ""}`) || `exit code ${generated.status}`;
    problems.push({ message: `provider schemas are stale: ${output}` });
  }

  const [sqliteNames, postgresNames] = FLAVOURS.map((flavour) =>
    migrationNames(providerPaths(flavour, prismaDir).migrationsDir),
  );
  const onlySqlite = sqliteNames.filter((name) => !postgresNames.includes(name));
  const onlyPostgres = postgresNames.filter((name) => !sqliteNames.includes(name));
  if (onlySqlite.length > 0 || onlyPostgres.length > 0) {
    problems.push({
      message:
        `the sqlite and postgres migration folders differ (only in sqlite: ${onlySqlite.join(", ") || "none"}; ` +
        `only in postgres: ${onlyPostgres.join(", ") || "none"})`,
    });
  }

  for (const flavour of FLAVOURS) {
    const url = flavour === "postgres" ? options.postgresUrl : undefined;
    try {
      const sql = await diffSchemaAgainstMigrations(flavour, { url, prismaDir });
      if (sql) {
        problems.push({
          message: `${flavour}: the migrations do not build prisma/${flavour}/schema.prisma; create one with npm run db:migration -- <name>`,
          sql,
        });
      }
    } catch (error) {
      problems.push({ message: `${flavour}: cannot compare the schema with the migrations: ${errorMessage(error)}` });
    }
    // the engine ignores the text-search objects Prisma cannot describe: verify them separately
    const { migrationsDir } = providerPaths(flavour, prismaDir);
    problems.push(...(await checkSearchObjects(flavour, { migrationsDir, postgresUrl: options.postgresUrl })));
  }
  return problems;
}
